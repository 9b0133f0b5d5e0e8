{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['municipality', 'fiscal_year', 'posting_month'],
        on_schema_change='fail',
    )
}}
-- GL postings summed per month × cost centre × account: the only model that reads every posting.
-- Incremental: a run recomputes only the months that received postings loaded since the last run (a file
-- replaced by ingest reloads its months whole, so a month is always recomputed from all of its postings).
with

postings as (

    select * from {{ ref('stg_raw__gl_postings') }}

),

{% if is_incremental() %}
changed_months as (

    select distinct municipality, fiscal_year, posting_month
    from postings
    where loaded_at > (select coalesce(max(last_loaded_at), timestamp '1900-01-01') from {{ this }})

),
{% endif %}

monthly as (

    select
        postings.municipality,
        postings.fiscal_year,
        postings.posting_month,
        postings.cost_centre,
        postings.account,
        cast(sum(postings.amount_eur) as decimal(18, 2)) as amount_eur,
        count(*) as postings,
        string_agg(distinct postings.source_path, '; ' order by postings.source_path) as source_paths,
        string_agg(distinct postings.source_sha256, '; ' order by postings.source_sha256) as source_sha256s,
        max(postings.loaded_at) as last_loaded_at

    from postings
    {% if is_incremental() %}
    inner join changed_months
        on postings.municipality = changed_months.municipality
        and postings.fiscal_year = changed_months.fiscal_year
        and postings.posting_month = changed_months.posting_month
    {% endif %}
    group by all

)

select * from monthly
