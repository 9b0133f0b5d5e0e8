-- Test that every derived number a report prints equals the one computed in the rebuilt table:
-- Jäljellä (budget − actual) and Poikkeama (actual − budget) within one step of the printed precision (the print
-- rounds a difference of cents); TOT-% (actual / budget × 100) to the printed one decimal (0,1 points of slack:
-- the print divides cents, we divide euros).
with

printed as (

    select * from {{ ref('int_printed_checks') }}
    where measure in ('remaining', 'variance', 'realization_pct')
        -- a % of a year the table prints no budget for is against that year's TP (the previous year beside this
        -- one in minutes); the extractor checks it, the rebuilt table has no budget to compute it from
        and not (measure = 'realization_pct' and not exists (
            select 1 from {{ ref('int_ledger_numbers_resolved') }} as budgets
            where budgets.source_path = int_printed_checks.source_path
                and budgets.fiscal_year = int_printed_checks.fiscal_year
                and budgets.measure = 'budget'
        ))
        -- a number the extractor found contradicting its row is reported by assert_reports_have_no_extract_findings
        and not exists (
            select 1 from {{ ref('stg_raw__extract_findings') }} as findings
            where findings.source_path = int_printed_checks.source_path
                and findings.source_row = int_printed_checks.source_line
        )

),

report_rows as (

    select * from {{ ref('rpt_income_statement') }}
    union all
    select * from {{ ref('rpt_investments') }}

),

computed as (

    select
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        'remaining' as measure,
        remaining_eur as computed_amount
    from report_rows
    union all
    select
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        'variance' as measure,
        variance_eur as computed_amount
    from report_rows
    union all
    -- a report's % is against the budget it printed itself: the budget known at its period, which a later
    -- report may have changed (or printed with the other sign, as Lapua's do)
    select
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        'realization_pct' as measure,
        realization_pct as computed_amount
    from {{ ref('rpt_budget_by_period') }}

)

select
    printed.measure,
    printed.source_path,
    printed.source_line,
    printed.service_area_key,
    printed.account_key,
    printed.printed_amount,
    computed.computed_amount

from printed
left join computed
    on printed.service_area_key = computed.service_area_key
    and printed.account_key = computed.account_key
    and printed.fiscal_year = computed.fiscal_year
    and printed.period_months = computed.period_months
    and printed.measure = computed.measure
where
    computed.computed_amount is null
    or case
        -- many reports print percentages unsigned, and minutes print costs positive in one report and negative
        -- in the next, so the fact chosen for the rebuilt table may carry the other sign: a % is compared by size
        when printed.measure = 'realization_pct'
            then abs(abs(computed.computed_amount) - abs(printed.printed_amount)) > 0.1
        else abs(computed.computed_amount - printed.printed_amount) > printed.printed_precision
    end
