-- Test that the service areas printed in a report add up to their committee's printed total, within rounding
-- (half a unit per service area and for the total). Only sections whose numbers are part of the committee
-- total take part (seeds/service_areas.csv, in_committee_total).
with

candidates as (

    select * from {{ ref('int_budget_fact_candidates') }}
    where source_kind in ('report', 'ledger')

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

committee_totals as (

    select
        candidates.*,
        committee.committee
    from candidates
    inner join service_areas as committee
        on candidates.service_area_key = committee.service_area_key
        and committee.section_level = 'committee'

),

area_lines as (

    select
        candidates.*,
        area.committee
    from candidates
    inner join service_areas as area
        on candidates.service_area_key = area.service_area_key
        and area.in_committee_total

)

{{ printed_total_mismatches(
    'committee_totals', 'area_lines',
    ['source_path', 'municipality', 'committee', 'account_key', 'fiscal_year', 'period_months', 'scenario']
) }}
