-- Every source's claim for one fact (municipality × service area × line × year × period × scenario):
-- printed report numbers, ledger extracts, GL postings summed to cumulative months, and budget lines.
-- Printed derived measures (remaining, %, variance, budget_change) are not facts: see int_printed_checks.
with

ledger_numbers as (

    select * from {{ ref('int_ledger_numbers_resolved') }}

),

gl_facts as (

    select * from {{ ref('int_gl_actual_facts') }}

),

budget_line_facts as (

    select * from {{ ref('int_budget_line_facts') }}

),

printed as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        measure as scenario,
        amount as amount_eur,
        precision as precision_eur,
        source_kind,
        source_path,
        source_sha256,
        source_as_of,
        loaded_at,
        section,
        line_item,
        line_order

    from ledger_numbers
    -- an unmapped label is not a fact of any line; it is reported by the unmapped-labels test instead
    where measure in ('actual', 'budget', 'original_budget', 'forecast')
        and account_key != 'unknown'

),

summed_sources as (

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
        source_sha256,
        source_as_of,
        loaded_at,
        cast(null as string) as section,
        cast(null as string) as line_item,
        cast(null as integer) as line_order

    from gl_facts
    union all
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
        source_sha256,
        source_as_of,
        loaded_at,
        null as section,
        null as line_item,
        null as line_order

    from budget_line_facts

),

final as (

    select * from printed
    union all
    select * from summed_sources

)

select * from final
