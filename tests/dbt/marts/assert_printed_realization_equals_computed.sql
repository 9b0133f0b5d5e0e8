-- Test that every realization % a report prints (TOT-%) equals the computed actual / budget × 100 of the
-- rebuilt table to the printed one decimal (0,1 points of slack: the print divides cents, we divide euros).
with

printed as (

    select * from {{ ref('int_printed_checks') }} where measure = 'realization_pct'

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
    report_rows.realization_pct as computed_realization_pct

from printed
left join report_rows
    on printed.service_area_key = report_rows.service_area_key
    and printed.account_key = report_rows.account_key
    and printed.fiscal_year = report_rows.fiscal_year
    and printed.period_months = report_rows.period_months
where report_rows.realization_pct is null
    or abs(report_rows.realization_pct - printed.printed_amount) > 0.1
