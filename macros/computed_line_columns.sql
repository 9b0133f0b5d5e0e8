{#-
    The columns of a line int_report_lines computes (a subtotal or a committee total) from the `rows` it sums:
    exact sum, the coarsest precision, the sources involved; no printed label or position.
-#}
{% macro computed_line_columns(rows) %}
        cast(sum({{ rows }}.amount_eur) as decimal(18, 2)) as amount_eur,
        max({{ rows }}.precision_eur) as precision_eur,
        min({{ rows }}.source_kind) as source_kind,
        {{ sorted_distinct_join(rows ~ '.source_path', '; ') }} as source_path,
        null as section,
        null as line_item,
        null as line_order,
        max({{ rows }}.source_as_of) as source_as_of,
        true as is_computed
{%- endmacro %}
