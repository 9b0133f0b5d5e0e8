-- Target against actual and forecast: one row per KPI × year, the figures of each kind side by side.
with

facts as (

    select * from {{ ref('fact_kpi') }}

),

final as (

    select
        cast(kpi_key as string) as kpi_key,
        cast(value_year as integer) as value_year,
        cast(any_value(municipality) as string) as municipality,
        cast(any_value(committee) as string) as committee,
        cast(any_value(indicator) as string) as indicator,
        cast(any_value(unit) as string) as unit,
        cast(max(value) filter (where value_kind = 'actual') as decimal(18, 4)) as actual_value,
        cast(max(value) filter (where value_kind = 'forecast') as decimal(18, 4)) as forecast_value,
        cast(max(value) filter (where value_kind = 'target') as decimal(18, 4)) as target_value,
        cast(max(qualifier) filter (where value_kind = 'actual') as string) as actual_qualifier,
        cast(max(qualifier) filter (where value_kind = 'forecast') as string) as forecast_qualifier,
        cast(max(qualifier) filter (where value_kind = 'target') as string) as target_qualifier,
        -- actual − target, only where both are printed for the year and neither is marked incomparable
        cast(
            max(value) filter (where value_kind = 'actual' and is_comparable)
            - max(value) filter (where value_kind = 'target' and is_comparable)
            as decimal(18, 4)
        ) as actual_minus_target

    from facts
    group by kpi_key, value_year

)

select * from final
