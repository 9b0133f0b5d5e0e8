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
        {{ lineage_columns() }}

    from source

)

select * from renamed
