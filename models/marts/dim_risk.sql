-- One row per risk a committee has identified (Riskienhallinta), named as its latest report names it.
with

assessments as (

    select * from {{ ref('int_risk_assessments') }}

),

final as (

    select
        cast(risk_key as string) as risk_key,
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(risk as string) as risk,
        cast(reported_at as date) as last_reported_at

    from assessments
    qualify row_number() over (partition by risk_key order by reported_at desc) = 1

)

select * from final
