-- Test that every printed subtotal equals the sum of its printed lines within rounding (half a unit per line,
-- subtotal line included). Tables known to leave out one of a subtotal's lines (seeds/unprinted_lines.csv) cannot
-- be checked from the table alone.
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

),

-- each printed line as a part of its parent line
lines as (

    select candidates.* replace (account_lines.parent_key as account_key)
    from candidates
    inner join account_lines on candidates.account_key = account_lines.account_key
    where account_lines.parent_key is not null

)

{{ printed_total_mismatches(
    'subtotals', 'lines',
    ['source_path', 'municipality', 'service_area_key', 'account_key', 'fiscal_year', 'period_months', 'scenario']
) }}
