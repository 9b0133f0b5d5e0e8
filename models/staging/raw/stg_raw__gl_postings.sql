with

source as (

    select * from {{ source('raw', 'gl_postings') }}

),

renamed as (

    select
        trim(municipality) as municipality,
        posting_date,
        fiscal_year,
        -- months from the start of the fiscal year (calendar year in Finnish municipalities)
        cast(month(posting_date) as integer) as posting_month,
        cost_centre,
        account,
        cast(amount_eur as decimal(18, 2)) as amount_eur,
        document_id,
        document_line,
        description,
        project,
        {{ lineage_columns() }}

    from source

)

select * from renamed
