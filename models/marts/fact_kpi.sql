-- One row per KPI × year × kind of figure (actual, forecast, target), as the latest report prints it.
with

values_latest as (

    select * from {{ ref('int_kpi_values_latest') }}

),

final as (

    select
        cast(kpi_key as string) as kpi_key,
        cast(value_year as integer) as value_year,
        cast(value_kind as string) as value_kind,
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(indicator as string) as indicator,
        cast(value as decimal(18, 4)) as value,
        cast(unit as string) as unit,
        cast(qualifier as string) as qualifier,
        -- "(ei vertailukelpoinen)": the report itself says the figure does not compare with the others
        cast(coalesce(lower(qualifier) not like '%ei vertailukelpoinen%', true) as boolean) as is_comparable,
        cast(column_label as string) as column_label,
        cast(printed_text as string) as printed_text,
        cast(reported_at as date) as reported_at,
        cast(source_path as string) as source_path,
        cast(source_row as integer) as source_row

    from values_latest

)

select * from final
