{#-
    The columns every source's claim for a fact carries, and the join of two relations on shared key columns:
    one list each, so the candidates, report lines and period marts cannot drift apart.
-#}

{#- The key of one fact: municipality × service area × line × year × period × scenario (fact_budget's grain). -#}
{% macro fact_keys() -%}
    {{ return(['municipality', 'service_area_key', 'account_key', 'fiscal_year', 'period_months', 'scenario']) }}
{%- endmacro %}


{#-
    The columns of one source's claim for a fact after its key, in int_budget_fact_candidates' order: the amount,
    its precision and where it came from. Report rows add section, line_item and line_order.
-#}
{% macro fact_source_columns() -%}
    {{ return(['amount_eur', 'precision_eur', 'source_kind', 'source_path', 'source_sha256', 'source_as_of',
               'loaded_at']) }}
{%- endmacro %}


{#- `left.c = right.c and …` for each of `columns`: a join (or a correlated subquery) on the same key. -#}
{% macro equal_columns(left, right, columns) -%}
    {%- for column in columns %}
        {{- left }}.{{ column }} = {{ right }}.{{ column }}{{ '\n        and ' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
