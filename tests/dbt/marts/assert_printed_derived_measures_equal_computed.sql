-- Test that every derived number a report prints equals the one computed in the rebuilt table:
-- Jäljellä (budget − actual) and Poikkeama (actual − budget) within one step of the printed precision (the print
-- rounds a difference of cents); TOT-% (actual / budget × 100) to the printed one decimal (0,1 points of slack:
-- the print divides cents, we divide euros).
with

printed as (

    select * from {{ ref('int_printed_checks') }}
    where measure in ('remaining', 'variance', 'realization_pct')

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
    select
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        'realization_pct' as measure,
        realization_pct as computed_amount
    from report_rows

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
    or abs(computed.computed_amount - printed.printed_amount) > (
        case when printed.measure = 'realization_pct' then 0.1 else printed.printed_precision end
    )
