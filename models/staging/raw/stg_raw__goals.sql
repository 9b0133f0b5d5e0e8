with

source as (

    select * from {{ source('raw', 'goals') }}

),

renamed as (

    select
        goal_id,
        fiscal_year,
        trim(municipality) as municipality,
        trim(committee) as committee,
        level as goal_level,
        strategic_theme,
        goal,
        measures,
        target,
        reported_at,
        realization,
        responsible,
        trim(status) as status,
        _source_path as source_path,
        _source_sha256 as source_sha256,
        _source_row as source_row,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
