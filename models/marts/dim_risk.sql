-- One row per risk a committee has identified (Riskienhallinta), named as its latest report names it.
with

assessments as (

    select * from {{ ref('int_risk_assessments') }}

),

final as (

    select
        cast(risk_key as varchar) as risk_key,
        cast(municipality as varchar) as municipality,
        cast(committee as varchar) as committee,
        cast(risk as varchar) as risk,
        cast(reported_at as date) as last_reported_at

    from assessments
    qualify row_number() over (partition by risk_key order by reported_at desc) = 1

)

select * from final
