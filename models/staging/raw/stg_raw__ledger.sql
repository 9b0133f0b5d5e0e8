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
        _source_path as source_path,
        _source_sha256 as source_sha256,
        _source_row as source_row,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
