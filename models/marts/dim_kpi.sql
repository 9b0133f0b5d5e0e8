-- One row per KPI a committee reports (Tunnusluvut): what it measures and in which unit.
with

values_latest as (

    select * from {{ ref('int_kpi_values_latest') }}

),

final as (

    select
        cast(kpi_key as string) as kpi_key,
        cast(any_value(municipality) as string) as municipality,
        cast(any_value(committee) as string) as committee,
        cast(any_value(indicator) as string) as indicator,
        -- a KPI keeps its unit; two units would fail the data test on unit_count
        cast(min(unit) as string) as unit,
        cast(count(distinct unit) as integer) as unit_count,
        cast(min(value_year) as integer) as first_year,
        cast(max(value_year) as integer) as last_year

    from values_latest
    group by kpi_key

)

select * from final
