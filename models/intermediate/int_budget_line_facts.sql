-- Budget lines as facts for the whole year: the original budget, and the budget after changes
-- (original + changes), mapped to line × service area like the postings.
with

budget_lines as (

    select * from {{ ref('stg_raw__budget_lines') }}

),

account_map as (

    select * from {{ ref('gl_account_map') }}

),

cost_centre_map as (

    select * from {{ ref('cost_centre_map') }}

),

service_area_matches as (

    select * from {{ ref('int_service_area_matches') }}

),

mapped as (

    select
        budget_lines.municipality,
        coalesce(service_area_matches.service_area_key, 'unknown') as service_area_key,
        coalesce(account_map.line_code, 'unknown') as account_key,
        budget_lines.fiscal_year,
        budget_lines.original_budget_eur,
        budget_lines.budget_change_eur,
        budget_lines.source_path,
        budget_lines.source_sha256,
        budget_lines.loaded_at

    from budget_lines
    left join account_map
        on budget_lines.municipality = account_map.municipality
        and budget_lines.account = account_map.account
    left join cost_centre_map
        on budget_lines.municipality = cost_centre_map.municipality
        and budget_lines.cost_centre = cost_centre_map.cost_centre
    left join service_area_matches
        on cost_centre_map.municipality = service_area_matches.municipality
        and {{ label_match_key('cost_centre_map.service_area') }} = service_area_matches.match_key

),

summed as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        sum(original_budget_eur) as original_budget_eur,
        sum(original_budget_eur + budget_change_eur) as budget_eur,
        string_agg(distinct source_path, '; ' order by source_path) as source_path,
        string_agg(distinct source_sha256, '; ' order by source_sha256) as source_sha256,
        max(loaded_at) as loaded_at

    from mapped
    group by all

),

unpivoted as (

    select *, 'original_budget' as scenario, original_budget_eur as amount_eur from summed
    union all
    select *, 'budget' as scenario, budget_eur as amount_eur from summed

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
        fiscal_year * 100 + 12 as source_as_of,
        loaded_at

    from unpivoted

)

select * from final
