-- The measures a report prints but the warehouse computes itself (remaining, realization %, variance,
-- budget change). They are never facts: they are kept only so tests can compare them with the computed ones.
with

ledger_numbers as (

    select * from {{ ref('int_ledger_numbers_resolved') }}

),

final as (

    select
        municipality,
        service_area_key,
        account_key,
        table_kind,
        fiscal_year,
        period_months,
        measure,
        amount as printed_amount,
        precision as printed_precision,
        printed_text,
        source_path,
        source_line

    from ledger_numbers
    where measure in ('remaining', 'realization_pct', 'variance', 'budget_change')
        and account_key != 'unknown'

)

select * from final
