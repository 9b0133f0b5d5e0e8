-- Test that every printed subtotal equals the sum of its printed lines within rounding (half a unit per line,
-- subtotal line included). Tables known to leave out one of a subtotal's lines (seeds/unprinted_lines.csv) cannot
-- be checked from the table alone; nor can a table whose print contradicts itself (it has extract findings).
with

candidates as (

    select * from {{ ref('int_budget_fact_candidates') }}
    where source_kind in ('report', 'ledger')

),

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

unprinted_lines as (

    select * from {{ ref('unprinted_lines') }}

),

-- a table the extractor found contradicting itself is reported by assert_reports_have_no_extract_findings
extract_findings as (

    select * from {{ ref('stg_raw__extract_findings') }}

),

subtotals as (

    select candidates.*
    from candidates
    inner join service_areas on candidates.service_area_key = service_areas.service_area_key
    where
        not exists (
            select 1 from unprinted_lines
            where
                unprinted_lines.municipality = candidates.municipality
                and unprinted_lines.section_level = service_areas.section_level
                and unprinted_lines.subtotal_code = candidates.account_key
        )
        and not exists (
            select 1 from extract_findings
            where
                extract_findings.source_path = candidates.source_path
                and extract_findings.section = candidates.section
        )

),

-- each printed line as a part of its parent line
lines as (

    select
        candidates.source_path,
        candidates.municipality,
        candidates.service_area_key,
        account_lines.parent_key as account_key,
        candidates.fiscal_year,
        candidates.period_months,
        candidates.scenario,
        candidates.amount_eur,
        candidates.precision_eur
    from candidates
    inner join account_lines on candidates.account_key = account_lines.account_key
    where account_lines.parent_key is not null

)

{{ printed_total_mismatches(
    'subtotals', 'lines',
    ['source_path', 'municipality', 'service_area_key', 'account_key', 'fiscal_year', 'period_months', 'scenario']
) }}
