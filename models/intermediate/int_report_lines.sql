-- The facts of every report table, with the subtotals and committee totals that summed sources (GL postings,
-- budget lines) do not carry. A table printed in a report is kept exactly as printed: a subtotal is computed
-- only where no source reported it and only from summed sources, so printed tables gain no lines.
-- Each fact is joined once to every subtotal above it instead of summing one level of the line tree at a time:
-- seven chained steps, each reading the one before twice, grew a plan Spark could not hold.
with recursive

facts as (

    select * from {{ ref('int_budget_facts_ranked') }}
    where candidate_rank = 1

),

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

-- every line with each subtotal it adds up into, directly (distance 1) or through other subtotals
account_ancestors as (

    select
        account_key,
        parent_key as ancestor_key,
        1 as distance
    from account_lines
    where parent_key is not null

    union all

    select
        ancestors.account_key,
        parent.parent_key as ancestor_key,
        ancestors.distance + 1 as distance
    from account_ancestors as ancestors
    inner join account_lines as parent on ancestors.ancestor_key = parent.account_key
    where parent.parent_key is not null

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

-- a (section, year, period, scenario) reported by a report or ledger extract is left as printed
printed_groups as (

    select distinct
        municipality,
        service_area_key,
        fiscal_year,
        period_months,
        scenario
    from facts
    where source_kind in ('report', 'ledger')

),

summed_facts as (

    select facts.*
    from facts
    where not exists (
            select 1 from printed_groups as printed
            where printed.municipality = facts.municipality
                and printed.service_area_key = facts.service_area_key
                and printed.fiscal_year = facts.fiscal_year
                and printed.period_months = facts.period_months
                and printed.scenario = facts.scenario
        )

),

-- a line whose subtotal a source reported itself adds up only to it: the nearest reported line above each fact
stops as (

    select
        lower_line.municipality,
        lower_line.service_area_key,
        lower_line.account_key,
        lower_line.fiscal_year,
        lower_line.period_months,
        lower_line.scenario,
        min(above.distance) as stop_distance

    from summed_facts as lower_line
    inner join account_ancestors as above on lower_line.account_key = above.account_key
    inner join summed_facts as reported
        on lower_line.municipality = reported.municipality
        and lower_line.service_area_key = reported.service_area_key
        and above.ancestor_key = reported.account_key
        and lower_line.fiscal_year = reported.fiscal_year
        and lower_line.period_months = reported.period_months
        and lower_line.scenario = reported.scenario
    group by
        lower_line.municipality, lower_line.service_area_key, lower_line.account_key, lower_line.fiscal_year,
        lower_line.period_months, lower_line.scenario

),

-- each fact as a part of every subtotal above it, up to (not including) the nearest one a source reported
parts as (

    select
        summed_facts.*,
        above.ancestor_key

    from summed_facts
    inner join account_ancestors as above on summed_facts.account_key = above.account_key
    left join stops
        on summed_facts.municipality = stops.municipality
        and summed_facts.service_area_key = stops.service_area_key
        and summed_facts.account_key = stops.account_key
        and summed_facts.fiscal_year = stops.fiscal_year
        and summed_facts.period_months = stops.period_months
        and summed_facts.scenario = stops.scenario
    where stops.stop_distance is null or above.distance < stops.stop_distance

),

subtotals as (

    select
        parts.municipality,
        parts.service_area_key,
        parts.ancestor_key as account_key,
        parts.fiscal_year,
        parts.period_months,
        parts.scenario,
        {{ computed_line_columns('parts') }}

    from parts
    group by
        parts.municipality, parts.service_area_key, parts.ancestor_key, parts.fiscal_year, parts.period_months,
        parts.scenario

),

with_subtotals as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        scenario,
        amount_eur,
        precision_eur,
        source_kind,
        source_path,
        section,
        line_item,
        line_order,
        source_as_of,
        false as is_computed

    from facts

    union all

    select * from subtotals

),

-- a committee nobody reported as a whole is the sum of its service areas
committee_totals as (

    select
        committee.municipality,
        committee.service_area_key,
        area_lines.account_key,
        area_lines.fiscal_year,
        area_lines.period_months,
        area_lines.scenario,
        {{ computed_line_columns('area_lines') }}

    from with_subtotals as area_lines
    inner join service_areas as area
        on area_lines.service_area_key = area.service_area_key
        and area.in_committee_total
    inner join service_areas as committee
        on area.municipality = committee.municipality
        and area.committee = committee.committee
        and committee.section_level = 'committee'
    where area_lines.source_kind in ('gl', 'budget')
        and not exists (
            select 1 from with_subtotals as reported
            where reported.municipality = committee.municipality
                and reported.service_area_key = committee.service_area_key
                and reported.account_key = area_lines.account_key
                and reported.fiscal_year = area_lines.fiscal_year
                and reported.period_months = area_lines.period_months
                and reported.scenario = area_lines.scenario
        )
    group by
        committee.municipality, committee.service_area_key, area_lines.account_key, area_lines.fiscal_year,
        area_lines.period_months, area_lines.scenario

),

final as (

    select * from with_subtotals
    union all
    select * from committee_totals

)

select * from final
