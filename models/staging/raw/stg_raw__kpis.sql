with

source as (

    select * from {{ source('raw', 'kpis') }}

),

renamed as (

    select
        trim(municipality) as municipality,
        trim(committee) as committee,
        reported_at,
        trim(indicator) as indicator,
        column_label,
        value_kind,
        year as value_year,
        value,
        unit,
        nullif(trim(qualifier), '') as qualifier,
        printed_text,
        {{ lineage_columns() }}

    from source

)

select * from renamed
