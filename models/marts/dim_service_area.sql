with

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

final as (

    select
        cast(service_area_key as varchar) as service_area_key,
        cast(municipality as varchar) as municipality,
        cast(committee as varchar) as committee,
        cast(service_area as varchar) as service_area,
        cast(section_level as varchar) as section_level,
        cast(code as varchar) as code,
        cast(aliases as varchar[]) as aliases,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(in_committee_total as boolean) as in_committee_total,
        cast(is_seeded as boolean) as is_seeded

    from service_areas

)

select * from final
