-- One row per risk × report: probability × significance (1–5 each), the risk value and how to manage it.
with

assessments as (

    select * from {{ ref('int_risk_assessments') }}

),

final as (

    select
        cast(risk_key as string) as risk_key,
        cast(reported_at as date) as reported_at,
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(risk as string) as risk,
        cast(probability as integer) as probability,
        cast(significance as integer) as significance,
        cast(risk_value as integer) as risk_value,
        cast(risk_value_printed as boolean) as risk_value_printed,
        cast(rank_in_report as integer) as rank_in_report,
        cast(mitigation as string) as mitigation,
        cast(responsible as string) as responsible,
        cast(source_path as string) as source_path,
        cast(source_row as integer) as source_row

    from assessments

)

select * from final
