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
        cast(goals.goal_id as varchar) as goal_id,
        cast(goals.reported_at as date) as reported_at,
        cast(goals.fiscal_year as integer) as fiscal_year,
        cast(goals.municipality as varchar) as municipality,
        cast(goals.committee as varchar) as committee,
        cast(goals.status as varchar) as status,
        cast(statuses.status_en as varchar) as status_en,
        cast(statuses.status_order as integer) as status_order,
        cast(statuses.is_met as boolean) as is_met,
        cast(goals.realization as varchar) as realization,
        cast(goals.source_path as varchar) as source_path,
        cast(goals.source_sha256 as varchar) as source_sha256

    from goals
    left join statuses on goals.status = statuses.status

)

select * from final
