-- Following the year: one point per municipality × section × line × year × period with an actual to date,
-- beside the budget and forecast known at that period, the elapsed share of the year and the same period of the
-- previous year. One point even when several documents print the table (committee minutes and the city board's
-- copy): the deduplication rule (int_budget_facts_ranked) keeps one number, and every source that printed it is
-- listed here and compared in rpt_source_reconciliation.
with

report_lines as (

    select * from {{ ref('int_report_lines') }}

),

candidates as (

    select * from {{ ref('int_budget_facts_ranked') }}

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

extract_findings as (

    select * from {{ ref('stg_raw__extract_findings') }}

),

actuals as (

    select * from report_lines
    where scenario = 'actual'

),

-- the year's budget and forecast as kept in fact_budget (or summed, for a subtotal no source printed)
annual_kept as (

    select * from report_lines
    where scenario in ('budget', 'forecast') and period_months = 12

),

-- every document that printed the period's actual
actual_sources as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        count(distinct source_path) as source_count,
        string_agg(distinct source_path, '; ' order by source_path) as source_paths

    from candidates
    where scenario = 'actual'
    group by municipality, service_area_key, account_key, fiscal_year, period_months

),

-- The budget and forecast known at a period: printed by that period's report, or else by the latest earlier
-- one, so a period's realization % is the one its own report printed even when the budget changed later on.
annual_as_of_candidates as (

    select
        actuals.municipality,
        actuals.service_area_key,
        actuals.account_key,
        actuals.fiscal_year,
        actuals.period_months,
        candidates.scenario,
        candidates.amount_eur,
        candidates.source_path,
        candidates.section,
        candidates.line_item,
        row_number() over (
            partition by
                actuals.municipality, actuals.service_area_key, actuals.account_key, actuals.fiscal_year,
                actuals.period_months, candidates.scenario
            order by candidates.source_as_of desc, candidates.candidate_rank asc
        ) as as_of_rank

    from actuals
    inner join candidates
        on actuals.municipality = candidates.municipality
        and actuals.service_area_key = candidates.service_area_key
        and actuals.account_key = candidates.account_key
        and actuals.fiscal_year = candidates.fiscal_year
        and candidates.period_months = 12
        and candidates.scenario in ('budget', 'forecast')
        and candidates.source_as_of <= actuals.fiscal_year * 100 + actuals.period_months

),

annual_as_of as (

    select * from annual_as_of_candidates
    where as_of_rank = 1

),

-- the printed tables behind a point: every table printing its actual, and the one its budget came from
point_tables as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        source_path,
        section,
        line_item
    from candidates
    where scenario = 'actual'
    union all
    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        source_path,
        section,
        line_item
    from annual_as_of
    where scenario = 'budget'

),

-- what the extractor found wrong in those tables, on this line or on the table as a whole
point_findings as (

    select
        point_tables.municipality,
        point_tables.service_area_key,
        point_tables.account_key,
        point_tables.fiscal_year,
        point_tables.period_months,
        count(distinct extract_findings.message) as finding_count,
        string_agg(distinct extract_findings.message, ' | ' order by extract_findings.message) as finding_notes

    from point_tables
    inner join extract_findings
        on point_tables.source_path = extract_findings.source_path
        and point_tables.section = extract_findings.section
        and (point_tables.line_item = extract_findings.line_item or coalesce(extract_findings.line_item, '') = '')
    group by
        point_tables.municipality,
        point_tables.service_area_key,
        point_tables.account_key,
        point_tables.fiscal_year,
        point_tables.period_months

),

points as (

    select
        actuals.municipality,
        actuals.service_area_key,
        actuals.account_key,
        actuals.fiscal_year,
        actuals.period_months,
        actuals.amount_eur as ytd_actual_eur,
        actuals.is_computed,
        actuals.source_path as actual_source_path,
        point_findings.finding_notes,
        coalesce(budget_as_of.amount_eur, budget_kept.amount_eur) as budget_eur,
        coalesce(budget_as_of.source_path, budget_kept.source_path) as budget_source_path,
        coalesce(forecast_as_of.amount_eur, forecast_kept.amount_eur) as forecast_eur,
        coalesce(forecast_as_of.source_path, forecast_kept.source_path) as forecast_source_path,
        coalesce(actual_sources.source_count, 0) as actual_source_count,
        coalesce(actual_sources.source_paths, actuals.source_path) as actual_source_paths,
        coalesce(point_findings.finding_count, 0) as finding_count

    from actuals
    left join actual_sources
        on actuals.municipality = actual_sources.municipality
        and actuals.service_area_key = actual_sources.service_area_key
        and actuals.account_key = actual_sources.account_key
        and actuals.fiscal_year = actual_sources.fiscal_year
        and actuals.period_months = actual_sources.period_months
    left join point_findings
        on actuals.municipality = point_findings.municipality
        and actuals.service_area_key = point_findings.service_area_key
        and actuals.account_key = point_findings.account_key
        and actuals.fiscal_year = point_findings.fiscal_year
        and actuals.period_months = point_findings.period_months
    left join annual_as_of as budget_as_of
        on actuals.municipality = budget_as_of.municipality
        and actuals.service_area_key = budget_as_of.service_area_key
        and actuals.account_key = budget_as_of.account_key
        and actuals.fiscal_year = budget_as_of.fiscal_year
        and actuals.period_months = budget_as_of.period_months
        and budget_as_of.scenario = 'budget'
    left join annual_as_of as forecast_as_of
        on actuals.municipality = forecast_as_of.municipality
        and actuals.service_area_key = forecast_as_of.service_area_key
        and actuals.account_key = forecast_as_of.account_key
        and actuals.fiscal_year = forecast_as_of.fiscal_year
        and actuals.period_months = forecast_as_of.period_months
        and forecast_as_of.scenario = 'forecast'
    left join annual_kept as budget_kept
        on actuals.municipality = budget_kept.municipality
        and actuals.service_area_key = budget_kept.service_area_key
        and actuals.account_key = budget_kept.account_key
        and actuals.fiscal_year = budget_kept.fiscal_year
        and budget_kept.scenario = 'budget'
    left join annual_kept as forecast_kept
        on actuals.municipality = forecast_kept.municipality
        and actuals.service_area_key = forecast_kept.service_area_key
        and actuals.account_key = forecast_kept.account_key
        and actuals.fiscal_year = forecast_kept.fiscal_year
        and forecast_kept.scenario = 'forecast'

),

with_previous as (

    select
        points.*,
        previous.ytd_actual_eur as prev_year_ytd_actual_eur,
        previous.budget_eur as prev_year_budget_eur

    from points
    left join points as previous
        on points.municipality = previous.municipality
        and points.service_area_key = previous.service_area_key
        and points.account_key = previous.account_key
        and points.fiscal_year - 1 = previous.fiscal_year
        and points.period_months = previous.period_months

),

final as (

    select
        cast(with_previous.municipality as string) as municipality,
        cast(service_areas.committee as string) as committee,
        cast(with_previous.service_area_key as string) as service_area_key,
        cast(service_areas.service_area as string) as service_area,
        cast(service_areas.section_level as string) as section_level,
        cast(account_lines.table_kind as string) as table_kind,
        cast(with_previous.account_key as string) as account_key,
        cast(account_lines.line_name as string) as line_name,
        cast(account_lines.line_order as integer) as line_order,
        cast(with_previous.fiscal_year as integer) as fiscal_year,
        cast(with_previous.period_months as integer) as period_months,
        cast(round(with_previous.period_months * 100.0 / 12, 1) as decimal(18, 2)) as elapsed_pct,
        cast(with_previous.budget_eur as decimal(18, 2)) as budget_eur,
        cast(with_previous.ytd_actual_eur as decimal(18, 2)) as ytd_actual_eur,
        cast(
            case
                when with_previous.budget_eur = 0 then 0
                else round(with_previous.ytd_actual_eur / with_previous.budget_eur * 100, 1)
            end as decimal(18, 2)
        ) as realization_pct,
        cast(with_previous.forecast_eur as decimal(18, 2)) as forecast_eur,
        cast(with_previous.prev_year_ytd_actual_eur as decimal(18, 2)) as prev_year_ytd_actual_eur,
        cast(with_previous.prev_year_budget_eur as decimal(18, 2)) as prev_year_budget_eur,
        cast(
            case
                when with_previous.prev_year_budget_eur = 0 then 0
                else round(with_previous.prev_year_ytd_actual_eur / with_previous.prev_year_budget_eur * 100, 1)
            end as decimal(18, 2)
        ) as prev_year_realization_pct,
        cast(with_previous.is_computed as boolean) as is_computed,
        cast(with_previous.actual_source_path as string) as actual_source_path,
        cast(with_previous.actual_source_count as integer) as actual_source_count,
        cast(with_previous.actual_source_paths as string) as actual_source_paths,
        cast(with_previous.budget_source_path as string) as budget_source_path,
        cast(with_previous.forecast_source_path as string) as forecast_source_path,
        cast(with_previous.finding_count as integer) as finding_count,
        cast(with_previous.finding_notes as string) as finding_notes

    from with_previous
    inner join account_lines on with_previous.account_key = account_lines.account_key
    left join service_areas on with_previous.service_area_key = service_areas.service_area_key

)

select * from final
