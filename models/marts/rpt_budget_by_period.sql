-- Following the year: one point per municipality × section × line × year × period with an actual to date,
-- beside the budget and forecast known at that period, the elapsed share of the year and the same period of the
-- previous year. One point even when several documents print the table (committee minutes and the city board's
-- copy): the deduplication rule (int_budget_facts_ranked) keeps one number, and every source that printed it is
-- listed here and compared in rpt_source_reconciliation.
{#- a point: one section's line in one year and period -#}
{%- set point_keys = fact_keys()[:5] %}

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
        {%- for column in point_keys %}
        {{ column }},
        {%- endfor %}
        count(distinct source_path) as source_count,
        {{ sorted_distinct_join('source_path', '; ') }} as source_paths

    from candidates
    where scenario = 'actual'
    group by all

),

-- The budget and forecast known at a period: printed by that period's report, or else by the latest earlier
-- one, so a period's realization % is the one its own report printed even when the budget changed later on.
annual_as_of_candidates as (

    select
        {%- for column in point_keys %}
        actuals.{{ column }},
        {%- endfor %}
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
        on {{ equal_columns('actuals', 'candidates', point_keys[:4]) }}
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
    {%- for printed, scenario in [('candidates', 'actual'), ('annual_as_of', 'budget')] %}

    select
        {%- for column in point_keys %}
        {{ column }},
        {%- endfor %}
        source_path,
        section,
        line_item
    from {{ printed }}
    where scenario = '{{ scenario }}'
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}

),

-- what the extractor found wrong in those tables, on this line or on the table as a whole
point_findings as (

    select
        {%- for column in point_keys %}
        point_tables.{{ column }},
        {%- endfor %}
        count(distinct extract_findings.message) as finding_count,
        {{ sorted_distinct_join('extract_findings.message', ' | ') }} as finding_notes

    from point_tables
    inner join extract_findings
        on point_tables.source_path = extract_findings.source_path
        and point_tables.section = extract_findings.section
        and (point_tables.line_item = extract_findings.line_item or coalesce(extract_findings.line_item, '') = '')
    group by all

),

points as (

    select
        {%- for column in point_keys %}
        actuals.{{ column }},
        {%- endfor %}
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
    left join actual_sources on {{ equal_columns('actuals', 'actual_sources', point_keys) }}
    left join point_findings on {{ equal_columns('actuals', 'point_findings', point_keys) }}
    {%- for scenario in ['budget', 'forecast'] %}
    left join annual_as_of as {{ scenario }}_as_of
        on {{ equal_columns('actuals', scenario ~ '_as_of', point_keys) }}
        and {{ scenario }}_as_of.scenario = '{{ scenario }}'
    left join annual_kept as {{ scenario }}_kept
        on {{ equal_columns('actuals', scenario ~ '_kept', point_keys[:4]) }}
        and {{ scenario }}_kept.scenario = '{{ scenario }}'
    {%- endfor %}

),

with_previous as (

    select
        points.*,
        previous.ytd_actual_eur as prev_year_ytd_actual_eur,
        previous.budget_eur as prev_year_budget_eur

    from points
    left join points as previous
        on {{ equal_columns('points', 'previous', point_keys[:3] + ['period_months']) }}
        and points.fiscal_year - 1 = previous.fiscal_year

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
        {{ realization_pct('with_previous.ytd_actual_eur', 'with_previous.budget_eur') }} as realization_pct,
        cast(with_previous.forecast_eur as decimal(18, 2)) as forecast_eur,
        cast(with_previous.prev_year_ytd_actual_eur as decimal(18, 2)) as prev_year_ytd_actual_eur,
        cast(with_previous.prev_year_budget_eur as decimal(18, 2)) as prev_year_budget_eur,
        {{ realization_pct('with_previous.prev_year_ytd_actual_eur', 'with_previous.prev_year_budget_eur') }}
            as prev_year_realization_pct,
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
