-- One row per goal: what it is and who answers for it, as the latest register describes it.
with

goals as (

    select * from {{ ref('stg_raw__goals') }}

),

final as (

    select
        cast(goal_id as varchar) as goal_id,
        cast(fiscal_year as integer) as fiscal_year,
        cast(municipality as varchar) as municipality,
        cast(committee as varchar) as committee,
        cast(goal_level as varchar) as goal_level,
        cast(strategic_theme as varchar) as strategic_theme,
        cast(goal as varchar) as goal,
        cast(measures as varchar) as measures,
        cast(target as varchar) as target,
        cast(responsible as varchar) as responsible

    from goals
    qualify row_number() over (partition by goal_id order by reported_at desc, loaded_at desc) = 1

)

select * from final
