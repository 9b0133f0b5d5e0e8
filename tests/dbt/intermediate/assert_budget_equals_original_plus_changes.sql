-- Test that, in every source that prints all three, the budget after changes equals the original budget plus
-- the printed changes, within rounding (half a unit for each of the three numbers).
with

candidates as (

    select * from {{ ref('int_budget_fact_candidates') }}
    where source_kind in ('report', 'ledger')

),

changes as (

    select * from {{ ref('int_printed_checks') }}
    where measure = 'budget_change'

),

original as (

    select * from candidates
    where scenario = 'original_budget'

),

budget as (

    select * from candidates
    where scenario = 'budget'

)

select
    budget.source_path,
    budget.service_area_key,
    budget.account_key,
    budget.fiscal_year,
    original.amount_eur as original_budget,
    changes.printed_amount as budget_change,
    budget.amount_eur as budget_after_changes

from budget
inner join original
    on budget.source_path = original.source_path
    and budget.service_area_key = original.service_area_key
    and budget.account_key = original.account_key
    and budget.fiscal_year = original.fiscal_year
    and budget.period_months = original.period_months
inner join changes
    on budget.source_path = changes.source_path
    and budget.service_area_key = changes.service_area_key
    and budget.account_key = changes.account_key
    and budget.fiscal_year = changes.fiscal_year
    and budget.period_months = changes.period_months
where abs(budget.amount_eur - (original.amount_eur + changes.printed_amount))
    > greatest(budget.precision_eur, original.precision_eur, changes.printed_precision) / 2 * 3
