-- Budget lines as facts for the whole year: the original budget, and the budget after changes
-- (original + changes), mapped to line × service area like the postings.
with

budget_lines as (

    select * from {{ ref('stg_raw__budget_lines') }}

),

-- line and service area through the GL account and cost-centre maps (macros/mapped_to_lines.sql)
mapped as (

    {{ mapped_to_lines(
        'budget_lines',
        ['fiscal_year', 'original_budget_eur', 'budget_change_eur', 'source_path', 'source_sha256', 'loaded_at']
    ) }}

),

summed as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        sum(original_budget_eur) as original_budget_eur,
        sum(original_budget_eur + budget_change_eur) as budget_eur,
        {{ sorted_distinct_join('source_path', '; ') }} as source_path,
        {{ sorted_distinct_join('source_sha256', '; ') }} as source_sha256,
        max(loaded_at) as loaded_at

    from mapped
    group by all

),

unpivoted as (

    select
        *,
        'original_budget' as scenario,
        original_budget_eur as amount_eur
    from summed
    union all
    select
        *,
        'budget' as scenario,
        budget_eur as amount_eur
    from summed

),

final as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        12 as period_months,
        scenario,
        cast(amount_eur as decimal(18, 2)) as amount_eur,
        cast(0.01 as decimal(18, 2)) as precision_eur,
        'budget' as source_kind,
        source_path,
        source_sha256,
        loaded_at,
        fiscal_year * 100 + 12 as source_as_of

    from unpivoted

)

select * from final
