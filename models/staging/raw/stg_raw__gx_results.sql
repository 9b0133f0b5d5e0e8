with

source as (

    select * from {{ source('raw', 'gx_results') }}

),

renamed as (

    select
        load_id,
        source_path,
        suite,
        expectation,
        column_name,
        success as is_success,
        critical as is_critical,
        observed,
        checked_at

    from source

)

select * from renamed
