-- Each KPI value as the latest report prints it: a later report reprinting an earlier year's figure (an
-- actual replacing a forecast keeps its own kind) supersedes the earlier report's copy of the same value.
with

kpis as (

    select * from {{ ref('stg_raw__kpis') }}

),

latest as (

    select
        *,
        municipality || '|' || committee || '|' || indicator as kpi_key
    from kpis
    qualify row_number() over (
            partition by municipality, committee, indicator, value_kind, value_year
            order by reported_at desc, loaded_at desc
        ) = 1

)

select * from latest
