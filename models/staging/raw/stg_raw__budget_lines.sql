with

source as (

    select * from {{ source('raw', 'budget_lines') }}

),

renamed as (

    select
        trim(municipality) as municipality,
        fiscal_year,
        cost_centre,
        account,
        cast(original_budget_eur as decimal(18, 2)) as original_budget_eur,
        cast(coalesce(budget_change_eur, 0) as decimal(18, 2)) as budget_change_eur,
        _source_path as source_path,
        _source_sha256 as source_sha256,
        _source_row as source_row,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
