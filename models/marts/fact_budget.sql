-- One number per municipality × service area × line × year × period × scenario, from the source that wins the
-- deduplication rule (int_budget_facts_ranked). Derived measures are never stored here: see the rpt_ models.
with

ranked as (

    select * from {{ ref('int_budget_facts_ranked') }}

),

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

final as (

    select
        cast(ranked.municipality as string) as municipality,
        cast(service_areas.committee as string) as committee,
        cast(ranked.service_area_key as string) as service_area_key,
        cast(ranked.account_key as string) as account_key,
        cast(ranked.fiscal_year as integer) as fiscal_year,
        cast(ranked.period_months as integer) as period_months,
        cast(ranked.scenario as string) as scenario,
        cast(ranked.amount_eur as decimal(18, 2)) as amount_eur,
        cast(ranked.precision_eur as decimal(18, 2)) as precision_eur,
        cast(ranked.source_kind as string) as source_kind,
        cast(ranked.source_path as string) as source_path,
        cast(ranked.source_sha256 as string) as source_sha256

    from ranked
    left join service_areas on ranked.service_area_key = service_areas.service_area_key
    where ranked.candidate_rank = 1

)

select * from final
