-- One row per printed number. Reports dropped in landing/reports/ are extracted into raw.ledger too; they are
-- told apart from hand-made ledger extracts by where the file landed.
with

source as (

    select * from {{ source('raw', 'ledger') }}

),

renamed as (

    select
        source_file,
        source_line,
        trim(municipality) as municipality,
        trim(committee) as committee,
        trim(section) as section,
        section_level,
        table_kind,
        trim(line_item) as line_item,
        line_order,
        measure,
        fiscal_year,
        period_months,
        cast(amount as decimal(18, 2)) as amount,
        unit,
        cast(precision as decimal(18, 2)) as precision,
        printed_text,
        case when _source_path like 'reports/%' then 'report' else 'ledger' end as source_kind,
        {{ lineage_columns() }}

    from source

)

select * from renamed
