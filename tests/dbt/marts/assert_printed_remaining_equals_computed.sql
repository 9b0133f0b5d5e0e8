-- Test that every remaining amount a report prints (Jäljellä) equals the computed budget − actual of the
-- rebuilt table, within one step of the printed precision (the print rounds a difference of cents).
with

printed as (

    select * from {{ ref('int_printed_checks') }} where measure = 'remaining'

),

report_rows as (

    select * from {{ ref('rpt_income_statement') }}
    union all
    select * from {{ ref('rpt_investments') }}

)

select
    printed.source_path,
    printed.source_line,
    printed.service_area_key,
    printed.account_key,
    printed.printed_amount,
    report_rows.remaining_eur as computed_remaining

from printed
left join report_rows
    on printed.service_area_key = report_rows.service_area_key
    and printed.account_key = report_rows.account_key
    and printed.fiscal_year = report_rows.fiscal_year
    and printed.period_months = report_rows.period_months
where report_rows.remaining_eur is null
    or abs(report_rows.remaining_eur - printed.printed_amount) > printed.printed_precision
