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
        {{ lineage_columns() }}

    from source

)

select * from renamed
