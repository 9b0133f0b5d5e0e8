-- GL postings as report facts: mapped to line × service area and cumulated from the start of the year,
-- one row per month up to the last month with postings (a month without postings repeats the total so far).
with

monthly as (

    select * from {{ ref('int_gl_postings_monthly') }}

),

-- line and service area through the GL account and cost-centre maps (macros/mapped_to_lines.sql)
mapped as (

    {{ mapped_to_lines(
        'monthly',
        ['fiscal_year', 'posting_month', 'amount_eur', 'source_paths', 'source_sha256s', 'last_loaded_at']
    ) }}

),

per_month as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        posting_month,
        sum(amount_eur) as amount_eur,
        {{ sorted_distinct_join('source_paths', '; ') }} as source_paths,
        {{ sorted_distinct_join('source_sha256s', '; ') }} as source_sha256s,
        max(last_loaded_at) as last_loaded_at

    from mapped
    group by all

),

calendar as (

    {%- for month in range(1, 13) %}
    select {{ month }} as period_months{{ " union all" if not loop.last }}
    {%- endfor %}

),

-- every month from January to the last month posted in that municipality's year
months as (

    select
        last_months.municipality,
        last_months.fiscal_year,
        calendar.period_months
    from (
        select
            municipality,
            fiscal_year,
            cast(max(posting_month) as integer) as last_month
        from per_month
        group by municipality, fiscal_year
    ) as last_months
    inner join calendar on last_months.last_month >= calendar.period_months

),

series as (

    select distinct
        per_month.municipality,
        per_month.service_area_key,
        per_month.account_key,
        per_month.fiscal_year,
        months.period_months

    from per_month
    inner join months
        on per_month.municipality = months.municipality
        and per_month.fiscal_year = months.fiscal_year

),

cumulative as (

    select
        series.municipality,
        series.service_area_key,
        series.account_key,
        series.fiscal_year,
        series.period_months,
        cast(sum(per_month.amount_eur) as decimal(18, 2)) as amount_eur,
        {{ sorted_distinct_join('per_month.source_paths', '; ') }} as source_path,
        {{ sorted_distinct_join('per_month.source_sha256s', '; ') }} as source_sha256,
        max(per_month.last_loaded_at) as loaded_at

    from series
    inner join per_month
        on series.municipality = per_month.municipality
        and series.service_area_key = per_month.service_area_key
        and series.account_key = per_month.account_key
        and series.fiscal_year = per_month.fiscal_year
        and series.period_months >= per_month.posting_month
    group by all

),

final as (

    select
        municipality,
        service_area_key,
        account_key,
        fiscal_year,
        period_months,
        'actual' as scenario,
        amount_eur,
        cast(0.01 as decimal(18, 2)) as precision_eur,
        'gl' as source_kind,
        source_path,
        source_sha256,
        loaded_at,
        fiscal_year * 100 + max(period_months) over (partition by municipality, fiscal_year) as source_as_of

    from cumulative

)

select * from final
