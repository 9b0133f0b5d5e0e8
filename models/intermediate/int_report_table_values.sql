-- The report tables' stored values (no derived measures yet): one row per section × reporting period × line.
-- A reporting period is any (year, months) with an actual; its columns follow the follow-up report:
-- previous year's actual (TP), previous year's same-period actual, original budget, budget after changes,
-- the period's actual, and the year-end forecast.
with

report_lines as (

    select * from {{ ref('int_report_lines') }}

),

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

account_labels as (

    select * from {{ ref('account_labels') }}

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

reporting_periods as (

    select distinct
        municipality,
        service_area_key,
        fiscal_year,
        period_months
    from report_lines
    where scenario = 'actual'

),

cells as (

    select
        periods.municipality,
        periods.service_area_key,
        periods.fiscal_year,
        periods.period_months,
        line_values.account_key,
        line_values.scenario,
        line_values.amount_eur,
        line_values.section,
        line_values.line_item,
        line_values.line_order,
        line_values.source_as_of,
        (
            line_values.fiscal_year = periods.fiscal_year - 1 and line_values.period_months = 12
            and line_values.scenario = 'actual'
        ) as is_prev_year_actual,
        (
            line_values.fiscal_year = periods.fiscal_year - 1 and line_values.period_months = periods.period_months
            and line_values.scenario = 'actual'
        ) as is_prev_year_ytd_actual,
        (
            line_values.fiscal_year = periods.fiscal_year and line_values.period_months = 12
            and line_values.scenario = 'original_budget'
        ) as is_original_budget,
        (
            line_values.fiscal_year = periods.fiscal_year and line_values.period_months = 12
            and line_values.scenario = 'budget'
        ) as is_budget,
        (
            line_values.fiscal_year = periods.fiscal_year and line_values.period_months = periods.period_months
            and line_values.scenario = 'actual'
        ) as is_ytd_actual,
        (
            line_values.fiscal_year = periods.fiscal_year and line_values.period_months = 12
            and line_values.scenario = 'forecast'
        ) as is_forecast

    from reporting_periods as periods
    inner join report_lines as line_values
        on periods.municipality = line_values.municipality
        and periods.service_area_key = line_values.service_area_key
        and line_values.fiscal_year between periods.fiscal_year - 1 and periods.fiscal_year

),

pivoted as (

    select
        municipality,
        service_area_key,
        fiscal_year,
        period_months,
        account_key,
        max(amount_eur) filter (where is_prev_year_actual) as prev_year_actual_eur,
        max(amount_eur) filter (where is_prev_year_ytd_actual) as prev_year_ytd_actual_eur,
        max(amount_eur) filter (where is_original_budget) as original_budget_eur,
        max(amount_eur) filter (where is_budget) as budget_eur,
        max(amount_eur) filter (where is_ytd_actual) as ytd_actual_eur,
        max(amount_eur) filter (where is_forecast) as forecast_eur,
        -- the label, position and table title as printed by the latest report holding this line (the greatest
        -- struct: latest first, and between two cells of the same report a fixed choice on either engine)
        max({{ named_struct([
            ('latest', 'source_as_of * 10 + cast(is_ytd_actual as integer)'),
            ('section', 'section'),
            ('line_item', 'line_item'),
            ('line_order', 'line_order'),
        ]) }}) filter (where line_item is not null) as printed

    from cells
    where is_prev_year_actual or is_prev_year_ytd_actual or is_original_budget or is_budget or is_ytd_actual
        or is_forecast
    group by all

),

municipality_labels as (

    select
        municipality,
        line_code as account_key,
        min(printed_label) as printed_label
    from account_labels
    group by all

),

final as (

    select
        pivoted.municipality,
        service_areas.committee,
        pivoted.service_area_key,
        service_areas.section_level,
        account_lines.table_kind,
        pivoted.fiscal_year,
        pivoted.period_months,
        pivoted.account_key,
        pivoted.prev_year_actual_eur,
        pivoted.prev_year_ytd_actual_eur,
        pivoted.original_budget_eur,
        pivoted.budget_eur,
        pivoted.ytd_actual_eur,
        pivoted.forecast_eur,
        coalesce(pivoted.printed.section, service_areas.service_area) as section,
        coalesce(pivoted.printed.line_item, municipality_labels.printed_label, account_lines.line_name) as line_item,
        coalesce(pivoted.printed.line_order, 1000 + account_lines.line_order) as line_order

    from pivoted
    inner join account_lines on pivoted.account_key = account_lines.account_key
    left join service_areas on pivoted.service_area_key = service_areas.service_area_key
    left join municipality_labels
        on pivoted.municipality = municipality_labels.municipality
        and pivoted.account_key = municipality_labels.account_key

)

select * from final
