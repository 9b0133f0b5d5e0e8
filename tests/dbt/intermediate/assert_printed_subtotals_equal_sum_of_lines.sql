-- Test that every printed subtotal equals the sum of its printed lines within rounding: each printed number
-- was rounded from cents, so the sum may be off by half a unit per line (subtotal line included). Tables known
-- to leave out one of a subtotal's lines (seeds/unprinted_lines.csv) cannot be checked from the table alone.
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

children as (

    select
        candidates.source_path,
        candidates.municipality,
        candidates.service_area_key,
        account_lines.parent_key as account_key,
        candidates.fiscal_year,
        candidates.period_months,
        candidates.scenario,
        sum(candidates.amount_eur) as sum_of_lines,
        count(*) as lines,
        max(candidates.precision_eur) as precision_eur

    from candidates
    inner join account_lines on candidates.account_key = account_lines.account_key
    where account_lines.parent_key is not null
    group by all

)

select
    subtotal.source_path,
    subtotal.service_area_key,
    subtotal.account_key,
    subtotal.fiscal_year,
    subtotal.period_months,
    subtotal.scenario,
    subtotal.amount_eur as printed_subtotal,
    children.sum_of_lines,
    children.lines

from candidates as subtotal
inner join children
    on subtotal.source_path = children.source_path
    and subtotal.municipality = children.municipality
    and subtotal.service_area_key = children.service_area_key
    and subtotal.account_key = children.account_key
    and subtotal.fiscal_year = children.fiscal_year
    and subtotal.period_months = children.period_months
    and subtotal.scenario = children.scenario
inner join service_areas on subtotal.service_area_key = service_areas.service_area_key
where abs(subtotal.amount_eur - children.sum_of_lines)
    > greatest(subtotal.precision_eur, children.precision_eur) / 2 * (children.lines + 1)
    and not exists (
        select 1 from unprinted_lines
        where unprinted_lines.municipality = subtotal.municipality
            and unprinted_lines.section_level = service_areas.section_level
            and unprinted_lines.subtotal_code = subtotal.account_key
    )
