-- Each risk as each report assesses it, ranked within the report by its risk value (1 = most significant).
with

risks as (

    select * from {{ ref('stg_raw__risks') }}

),

ranked as (

    select
        *,
        municipality || '|' || committee || '|' || risk as risk_key,
        dense_rank() over (
            partition by municipality, committee, reported_at order by risk_value desc
        ) as rank_in_report
    from risks
    qualify row_number() over (
            partition by municipality, committee, risk, reported_at order by loaded_at desc
        ) = 1

)

select * from ranked
