-- Every fact reported by more than one source: the number kept in fact_budget beside each number that lost,
-- and whether they disagree by more than rounding can explain (half a unit of the coarser precision).
with

ranked as (

    select * from {{ ref('int_budget_facts_ranked') }}

),

kept as (

    select * from ranked
    where candidate_rank = 1

),

others as (

    select * from ranked
    where candidate_rank > 1

),

final as (

    select
        cast(kept.municipality as string) as municipality,
        cast(kept.service_area_key as string) as service_area_key,
        cast(kept.account_key as string) as account_key,
        cast(kept.fiscal_year as integer) as fiscal_year,
        cast(kept.period_months as integer) as period_months,
        cast(kept.scenario as string) as scenario,
        cast(others.candidate_rank as integer) as candidate_rank,
        cast(kept.amount_eur as decimal(18, 2)) as kept_amount_eur,
        cast(kept.precision_eur as decimal(18, 2)) as kept_precision_eur,
        cast(kept.source_kind as string) as kept_source_kind,
        cast(kept.source_path as string) as kept_source_path,
        cast(others.amount_eur as decimal(18, 2)) as other_amount_eur,
        cast(others.precision_eur as decimal(18, 2)) as other_precision_eur,
        cast(others.source_kind as string) as other_source_kind,
        cast(others.source_path as string) as other_source_path,
        cast(others.amount_eur - kept.amount_eur as decimal(18, 2)) as difference_eur,
        cast(greatest(kept.precision_eur, others.precision_eur) / 2 as decimal(18, 2)) as tolerance_eur,
        abs(others.amount_eur - kept.amount_eur) > greatest(kept.precision_eur, others.precision_eur) / 2
            as is_disagreement

    from others
    inner join kept
        on others.municipality = kept.municipality
        and others.service_area_key = kept.service_area_key
        and others.account_key = kept.account_key
        and others.fiscal_year = kept.fiscal_year
        and others.period_months = kept.period_months
        and others.scenario = kept.scenario

)

select * from final
