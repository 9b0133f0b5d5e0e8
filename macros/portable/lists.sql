{#-
    Lists and joined lists, which DuckDB and Spark build with different functions. Every list and joined string
    is sorted, so both engines give the same value (an unordered string_agg gave a different order on each).
-#}

{#- The type of a list of text: dim_service_area.aliases, dim_account.printed_labels. -#}
{% macro text_list_type() -%}
    {{ return(adapter.dispatch('text_list_type', 'kuntatalous')()) }}
{%- endmacro %}

{% macro default__text_list_type() -%}varchar[]{%- endmacro %}

{% macro spark__text_list_type() -%}array<string>{%- endmacro %}


{#- An empty list of text. -#}
{% macro empty_text_list() -%}
    {{ return(adapter.dispatch('empty_text_list', 'kuntatalous')()) }}
{%- endmacro %}

{% macro default__empty_text_list() -%}cast([] as varchar[]){%- endmacro %}

{% macro spark__empty_text_list() -%}cast(array() as array<string>){%- endmacro %}


{#- Aggregate: the values of `expression` in the group as a sorted list (each value once if distinct). -#}
{% macro sorted_list(expression, distinct=false) -%}
    {{ return(adapter.dispatch('sorted_list', 'kuntatalous')(expression, distinct)) }}
{%- endmacro %}

{% macro default__sorted_list(expression, distinct) -%}
    list({{ 'distinct ' if distinct }}{{ expression }} order by {{ expression }})
{%- endmacro %}

{% macro spark__sorted_list(expression, distinct) -%}
    array_sort({{ 'collect_set' if distinct else 'collect_list' }}({{ expression }}))
{%- endmacro %}


{#- Aggregate: the distinct values of `expression` in the group, sorted and joined by `separator`; NULL if none. -#}
{% macro sorted_distinct_join(expression, separator) -%}
    {{ return(adapter.dispatch('sorted_distinct_join', 'kuntatalous')(expression, separator)) }}
{%- endmacro %}

{% macro default__sorted_distinct_join(expression, separator) -%}
    string_agg(distinct {{ expression }}, '{{ separator }}' order by {{ expression }})
{%- endmacro %}

{% macro spark__sorted_distinct_join(expression, separator) -%}
    case when count({{ expression }}) > 0
        then array_join(array_sort(collect_set({{ expression }})), '{{ separator }}') end
{%- endmacro %}


{#- A struct with named fields (`fields`: a list of (name, expression) pairs). -#}
{% macro named_struct(fields) -%}
    {{ return(adapter.dispatch('named_struct', 'kuntatalous')(fields)) }}
{%- endmacro %}

{% macro default__named_struct(fields) -%}
    struct_pack({% for name, expression in fields %}{{ name }} := {{ expression }}{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro spark__named_struct(fields) -%}
    named_struct({% for name, expression in fields %}'{{ name }}', {{ expression }}{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}
