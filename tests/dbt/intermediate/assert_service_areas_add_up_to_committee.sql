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

area_sums as (

    select
        candidates.source_path,
        area.municipality,
        area.committee,
        candidates.account_key,
        candidates.fiscal_year,
        candidates.period_months,
        candidates.scenario,
        sum(candidates.amount_eur) as sum_of_areas,
        count(*) as areas,
        max(candidates.precision_eur) as precision_eur

    from candidates
    inner join service_areas as area
        on candidates.service_area_key = area.service_area_key
        and area.in_committee_total
    group by all

),

committee_totals as (

    select candidates.*, committee.committee
    from candidates
    inner join service_areas as committee
        on candidates.service_area_key = committee.service_area_key
        and committee.section_level = 'committee'

)

select
    committee_totals.source_path,
    committee_totals.committee,
    committee_totals.account_key,
    committee_totals.fiscal_year,
    committee_totals.period_months,
    committee_totals.scenario,
    committee_totals.amount_eur as committee_total,
    area_sums.sum_of_areas

from committee_totals
inner join area_sums
    on committee_totals.source_path = area_sums.source_path
    and committee_totals.municipality = area_sums.municipality
    and committee_totals.committee = area_sums.committee
    and committee_totals.account_key = area_sums.account_key
    and committee_totals.fiscal_year = area_sums.fiscal_year
    and committee_totals.period_months = area_sums.period_months
    and committee_totals.scenario = area_sums.scenario
where abs(committee_totals.amount_eur - area_sums.sum_of_areas)
    > greatest(committee_totals.precision_eur, area_sums.precision_eur) / 2 * (area_sums.areas + 1)
