with

source as (

    select * from {{ source('raw', 'risks') }}

),

renamed as (

    select
        trim(municipality) as municipality,
        trim(committee) as committee,
        reported_at,
        trim(risk) as risk,
        probability,
        significance,
        risk_value,
        risk_value_printed,
        mitigation,
        responsible,
        {{ lineage_columns() }}

    from source

)

select * from renamed
