{#-
    A report table (rpt_income_statement, rpt_investments) from its stored values, with the derived measures
    computed here and never taken from the print: remaining = budget − actual (signed as printed, costs
    negative), realization % = actual / budget × 100 rounded to one decimal as the reports print it (0 when the
    budget is 0), variance = actual − budget. DECIMAL arithmetic widens precision: cast after it.
-#}
{% macro report_table(values_relation, table_kind) %}
with

table_values as (

    select * from {{ values_relation }} where table_kind = '{{ table_kind }}'

),

final as (

    select
        {{ report_section_columns() }},
        cast(account_key as string) as account_key,
        cast(line_item as string) as line_item,
        cast(line_order as integer) as line_order,
        {{ report_measure_columns() }}

    from table_values

)

select * from final
{% endmacro %}


{#- Which table and reporting period a report row belongs to. -#}
{% macro report_section_columns() %}
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(service_area_key as string) as service_area_key,
        cast(section as string) as section,
        cast(section_level as string) as section_level,
        cast(fiscal_year as integer) as fiscal_year,
        cast(period_months as integer) as period_months
{%- endmacro %}


{#- The stored measures of a report row and those derived from them (see report_table). -#}
{% macro report_measure_columns() %}
        cast(prev_year_actual_eur as decimal(18, 2)) as prev_year_actual_eur,
        cast(prev_year_ytd_actual_eur as decimal(18, 2)) as prev_year_ytd_actual_eur,
        cast(original_budget_eur as decimal(18, 2)) as original_budget_eur,
        cast(budget_eur as decimal(18, 2)) as budget_eur,
        cast(ytd_actual_eur as decimal(18, 2)) as ytd_actual_eur,
        cast(budget_eur - ytd_actual_eur as decimal(18, 2)) as remaining_eur,
        {{ realization_pct('ytd_actual_eur', 'budget_eur') }} as realization_pct,
        cast(forecast_eur as decimal(18, 2)) as forecast_eur,
        cast(ytd_actual_eur - budget_eur as decimal(18, 2)) as variance_eur,
        cast(ytd_actual_eur - prev_year_ytd_actual_eur as decimal(18, 2)) as yoy_change_eur
{%- endmacro %}


{#- Realization %: the actual as a share of the budget, one decimal; 0 where the budget is 0. One rule for the
    report tables and the period mart. -#}
{% macro realization_pct(actual, budget) -%}
cast(case when {{ budget }} = 0 then 0 else round({{ actual }} / {{ budget }} * 100, 1) end as decimal(18, 2))
{%- endmacro %}
