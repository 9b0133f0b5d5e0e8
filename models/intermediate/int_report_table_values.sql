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

    select distinct municipality, service_area_key, fiscal_year, period_months
    from report_lines
    where scenario = 'actual'

),

cells as (

    select
        periods.municipality,
        periods.service_area_key,
        periods.fiscal_year,
        periods.period_months,
        lines.account_key,
        lines.scenario,
        lines.fiscal_year = periods.fiscal_year - 1 and lines.period_months = 12
            and lines.scenario = 'actual' as is_prev_year_actual,
        lines.fiscal_year = periods.fiscal_year - 1 and lines.period_months = periods.period_months
            and lines.scenario = 'actual' as is_prev_year_ytd_actual,
        lines.fiscal_year = periods.fiscal_year and lines.period_months = 12
            and lines.scenario = 'original_budget' as is_original_budget,
        lines.fiscal_year = periods.fiscal_year and lines.period_months = 12
            and lines.scenario = 'budget' as is_budget,
        lines.fiscal_year = periods.fiscal_year and lines.period_months = periods.period_months
            and lines.scenario = 'actual' as is_ytd_actual,
        lines.fiscal_year = periods.fiscal_year and lines.period_months = 12
            and lines.scenario = 'forecast' as is_forecast,
        lines.amount_eur,
        lines.section,
        lines.line_item,
        lines.line_order,
        lines.source_as_of

    from reporting_periods as periods
    inner join report_lines as lines
        on periods.municipality = lines.municipality
        and periods.service_area_key = lines.service_area_key
        and lines.fiscal_year between periods.fiscal_year - 1 and periods.fiscal_year

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
        -- the label, position and table title as printed by the latest report holding this line
        arg_max(
            {'section': section, 'line_item': line_item, 'line_order': line_order},
            source_as_of * 10 + cast(is_ytd_actual as integer)
        ) filter (where line_item is not null) as printed

    from cells
    where is_prev_year_actual or is_prev_year_ytd_actual or is_original_budget or is_budget or is_ytd_actual
        or is_forecast
    group by all

),

municipality_labels as (

    select municipality, line_code as account_key, min(printed_label) as printed_label
    from account_labels
    group by all

),

final as (

    select
        pivoted.municipality,
        service_areas.committee,
        pivoted.service_area_key,
        coalesce(pivoted.printed.section, service_areas.service_area) as section,
        service_areas.section_level,
        account_lines.table_kind,
        pivoted.fiscal_year,
        pivoted.period_months,
        pivoted.account_key,
        coalesce(pivoted.printed.line_item, municipality_labels.printed_label, account_lines.line_name) as line_item,
        coalesce(pivoted.printed.line_order, 1000 + account_lines.line_order) as line_order,
        pivoted.prev_year_actual_eur,
        pivoted.prev_year_ytd_actual_eur,
        pivoted.original_budget_eur,
        pivoted.budget_eur,
        pivoted.ytd_actual_eur,
        pivoted.forecast_eur

    from pivoted
    inner join account_lines on pivoted.account_key = account_lines.account_key
    left join service_areas on pivoted.service_area_key = service_areas.service_area_key
    left join municipality_labels
        on pivoted.municipality = municipality_labels.municipality
        and pivoted.account_key = municipality_labels.account_key

)

select * from final
