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

-- a committee table whose units the extractor found not adding up is reported by
-- assert_reports_have_no_extract_findings (a 'unit_sum' finding names the numbers)
extract_findings as (

    select * from {{ ref('stg_raw__extract_findings') }}

),

committee_totals as (

    select
        candidates.*,
        committee.committee
    from candidates
    inner join service_areas as committee
        on candidates.service_area_key = committee.service_area_key
        and committee.section_level = 'committee'
    where
        not exists (
            select 1 from extract_findings
            where
                extract_findings.source_path = candidates.source_path
                and extract_findings.section = candidates.section
        )

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
