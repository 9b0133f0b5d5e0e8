{#-
    Text functions that DuckDB and Spark spell differently, or that run on both and mean something else: the same
    call on Spark gave wrong results with no error (docs/spark.md, "What differs").
-#}

{#-
    Every match of `pattern` replaced. DuckDB replaces only the first without the 'g' flag; Spark replaces all and
    reads a fourth argument as the position to start from (a 'g' there made every key NULL). Spark's parser also
    drops a backslash in a string literal (`\p{L}` became `p{L}`), so it is doubled there. Patterns are RE2 on
    DuckDB and Java regex on Spark: keep to what both read (classes, \p{L}, \p{N}).
-#}
{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'kuntatalous')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern | replace("\\", "\\\\") }}', '{{ replacement }}')
{%- endmacro %}


{#-
    Letters without their accents (ä → a, é → e). Spark has no strip_accents: there it is a translation of the
    accented Latin letters of lower-case text, which is all the callers pass.
-#}
{% macro strip_accents(expression) -%}
    {{ return(adapter.dispatch('strip_accents', 'kuntatalous')(expression)) }}
{%- endmacro %}

{% macro default__strip_accents(expression) -%}
    strip_accents({{ expression }})
{%- endmacro %}

{% macro spark__strip_accents(expression) -%}
    translate(
        {{ expression }},
        'áàâäãåāăąçćčďéèêëēėęěíìîïīįñńňóòôöõōőŕřśšşťúùûüūůűųýÿźżž',
        'aaaaaaaaacccdeeeeeeeeiiiiiinnnooooooorrssstuuuuuuuuyyzzz'
    )
{%- endmacro %}
