{{
    config(
        materialized='incremental',
        incremental_strategy=('insert_overwrite' if target.type == 'spark' else 'delete+insert'),
        unique_key=['municipality', 'fiscal_year', 'posting_month'],
        partition_by=(['fiscal_year', 'posting_month'] if target.type == 'spark' else none),
        on_schema_change='fail',
        pre_hook="{{ delete_months_of_reloaded_files() }}",
    )
}}
-- depends_on: {{ ref('stg_raw__load_log') }}
-- GL postings summed per month × cost centre × account: the only model that reads every posting.
-- Incremental: a run recomputes only the months that changed since the last run, each month from all of its
-- postings: the months of postings loaded since, and the months a file reloaded since (corrected, same name) held
-- before — its new version may no longer touch them, so the pre-hook deletes them first and a month left without
-- postings disappears. The bounds are looked up first and written into the query as constants, so DuckDB skips
-- every row group outside them (zone maps) instead of reading all postings. A landing file removed for good keeps
-- its rows in raw (nothing is lost by deleting a file), so it stays here too.
-- On Spark (plain Parquet: no DELETE) the table is partitioned by month and a run overwrites the partitions it
-- recomputes, so a changed month is recomputed for every municipality (macros/spark/drop_months_of_reloaded_files.sql).
{%- set whole_months = target.type == 'spark' %}
{%- set changed_months = none %}
{%- if is_incremental() and execute %}
    {%- set last_load = run_query("select max(last_loaded_at) from " ~ this).columns[0].values()[0] %}
    {%- if last_load is not none %}
        {%- set changed_months = run_query(
            "with changed as (select distinct municipality, fiscal_year, posting_month from "
            ~ ref('stg_raw__gl_postings') ~ " where loaded_at > timestamp '" ~ last_load ~ "'"
            ~ " union select municipality, fiscal_year, posting_month from " ~ this ~ " as m"
            ~ " where " ~ reloaded_since_condition("m", "timestamp '" ~ last_load ~ "'") ~ ")"
            ~ " select municipality, fiscal_year, posting_month,"
            ~ " min(make_date(fiscal_year, posting_month, 1)) over () as first_day,"
            ~ " max(last_day(make_date(fiscal_year, posting_month, 1))) over () as last_day from changed"
        ) %}
    {%- endif %}
{%- endif %}
with

postings as (

    select * from {{ ref('stg_raw__gl_postings') }}
    {%- if changed_months is not none %}
        {%- if changed_months.rows | length == 0 %}
    where false  -- nothing loaded since the last run
        {%- else %}
    where posting_date between date '{{ changed_months.rows[0][3] }}' and date '{{ changed_months.rows[0][4] }}'
        and (
            {%- for month in changed_months.rows %}
            {{ "or " if not loop.first }}(
                {%- if not whole_months %}municipality = '{{ month[0] | replace("'", "''") }}' and {% endif -%}
                fiscal_year = {{ month[1] }} and posting_month = {{ month[2] }})
            {%- endfor %}
        )
        {%- endif %}
    {%- endif %}

),

monthly as (

    select
        municipality,
        fiscal_year,
        posting_month,
        cost_centre,
        account,
        cast(sum(amount_eur) as decimal(18, 2)) as amount_eur,
        count(*) as postings,
        {{ sorted_distinct_join('source_path', '; ') }} as source_paths,
        {{ sorted_distinct_join('source_sha256', '; ') }} as source_sha256s,
        max(loaded_at) as last_loaded_at

    from postings
    group by all

)

select * from monthly
