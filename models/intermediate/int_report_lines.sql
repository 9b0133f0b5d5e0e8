-- The facts of every report table, with the subtotals and committee totals that summed sources (GL postings,
-- budget lines) do not carry. A table printed in a report is kept exactly as printed: a subtotal is computed
-- only where no source reported it and only from summed sources, so printed tables gain no lines.
{%- set max_parent_depth = 6 %}
with

facts as (

    select * from {{ ref('int_budget_facts_ranked') }}
    where candidate_rank = 1

),

account_lines as (

    select * from {{ ref('int_account_lines') }}

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

lines_0 as (

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

),

{% for depth in range(max_parent_depth, -1, -1) %}
{%- set step = max_parent_depth - depth + 1 %}
-- subtotals at depth {{ depth }} of the line tree, summed from their direct children (already complete)
lines_{{ step }} as (

    select * from lines_{{ step - 1 }}

    union all

    select
        child.municipality,
        child.service_area_key,
        parent.account_key,
        child.fiscal_year,
        child.period_months,
        child.scenario,
        {{ computed_line_columns('child') }}

    from lines_{{ step - 1 }} as child
    inner join account_lines as child_line on child.account_key = child_line.account_key
    inner join account_lines as parent on child_line.parent_key = parent.account_key
    where parent.line_depth = {{ depth }}
        and not exists (
            select 1 from printed_groups as printed
            where printed.municipality = child.municipality
                and printed.service_area_key = child.service_area_key
                and printed.fiscal_year = child.fiscal_year
                and printed.period_months = child.period_months
                and printed.scenario = child.scenario
        )
        and not exists (
            select 1 from lines_{{ step - 1 }} as reported
            where reported.municipality = child.municipality
                and reported.service_area_key = child.service_area_key
                and reported.account_key = parent.account_key
                and reported.fiscal_year = child.fiscal_year
                and reported.period_months = child.period_months
                and reported.scenario = child.scenario
        )
    group by all

),
{% endfor %}

with_subtotals as (

    select * from lines_{{ max_parent_depth + 1 }}

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
    group by all

),

final as (

    select * from with_subtotals
    union all
    select * from committee_totals

)

select * from final
