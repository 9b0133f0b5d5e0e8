-- One row per goal: what it is and who answers for it, as the latest register describes it.
with

goals as (

    select * from {{ ref('stg_raw__goals') }}

),

final as (

    select
        cast(goal_id as string) as goal_id,
        cast(fiscal_year as integer) as fiscal_year,
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(goal_level as string) as goal_level,
        cast(strategic_theme as string) as strategic_theme,
        cast(goal as string) as goal,
        cast(measures as string) as measures,
        cast(target as string) as target,
        cast(responsible as string) as responsible

    from goals
    qualify row_number() over (partition by goal_id order by reported_at desc, loaded_at desc) = 1

)

select * from final
