-- One row per goal × reporting date: the status and what was reported about it.
with

goals as (

    select * from {{ ref('stg_raw__goals') }}

),

statuses as (

    select * from {{ ref('goal_statuses') }}

),

final as (

    select
        cast(goals.goal_id as string) as goal_id,
        cast(goals.reported_at as date) as reported_at,
        cast(goals.fiscal_year as integer) as fiscal_year,
        cast(goals.municipality as string) as municipality,
        cast(goals.committee as string) as committee,
        cast(goals.status as string) as status,
        cast(statuses.status_en as string) as status_en,
        cast(statuses.status_order as integer) as status_order,
        cast(statuses.is_met as boolean) as is_met,
        cast(goals.realization as string) as realization,
        cast(goals.source_path as string) as source_path,
        cast(goals.source_sha256 as string) as source_sha256

    from goals
    left join statuses on goals.status = statuses.status

)

select * from final
