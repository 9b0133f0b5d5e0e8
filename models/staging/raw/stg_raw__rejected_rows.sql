with

source as (

    select * from {{ source('raw', 'rejected_rows') }}

),

renamed as (

    select
        load_id,
        source_path,
        source_row,
        column_name,
        value as rejected_value,
        reason

    from source

)

select * from renamed
