-- The deduplication rule. When several sources report the same fact (a later report repeats last year's
-- figures in 1000 €, postings sum to a printed actual), the finest precision wins (cents over euros over
-- thousands), then the latest source (the one reporting the latest period), then the latest load.
-- Rank 1 goes to fact_budget; the others are compared with it in rpt_source_reconciliation.
with

candidates as (

    select * from {{ ref('int_budget_fact_candidates') }}

),

final as (

    select
        *,
        row_number() over (
            partition by municipality, service_area_key, account_key, fiscal_year, period_months, scenario
            order by precision_eur asc, source_as_of desc, loaded_at desc, source_path desc
        ) as candidate_rank

    from candidates

)

select * from final
