with

source as (

    select * from {{ source('raw', 'load_log') }}

),

renamed as (

    select
        load_id,
        source_path,
        source_sha256,
        kind as source_kind,
        started_at,
        finished_at,
        status as load_status,
        rows_read,
        rows_loaded,
        rows_rejected,
        encoding,
        delimiter,
        message

    from source

)

select * from renamed
