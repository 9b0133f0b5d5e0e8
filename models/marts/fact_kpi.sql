-- One row per KPI × year × kind of figure (actual, forecast, target), as the latest report prints it.
with

values_latest as (

    select * from {{ ref('int_kpi_values_latest') }}

),

final as (

    select
        cast(kpi_key as varchar) as kpi_key,
        cast(value_year as integer) as value_year,
        cast(value_kind as varchar) as value_kind,
        cast(municipality as varchar) as municipality,
        cast(committee as varchar) as committee,
        cast(indicator as varchar) as indicator,
        cast(value as decimal(18, 4)) as value,
        cast(unit as varchar) as unit,
        cast(qualifier as varchar) as qualifier,
        -- "(ei vertailukelpoinen)": the report itself says the figure does not compare with the others
        cast(coalesce(qualifier not ilike '%ei vertailukelpoinen%', true) as boolean) as is_comparable,
        cast(column_label as varchar) as column_label,
        cast(printed_text as varchar) as printed_text,
        cast(reported_at as date) as reported_at,
        cast(source_path as varchar) as source_path,
        cast(source_row as integer) as source_row

    from values_latest

)

select * from final
