with

service_areas as (

    select * from {{ ref('int_service_areas') }}

),

final as (

    select
        cast(service_area_key as string) as service_area_key,
        cast(municipality as string) as municipality,
        cast(committee as string) as committee,
        cast(service_area as string) as service_area,
        cast(section_level as string) as section_level,
        cast(code as string) as code,
        cast(aliases as {{ text_list_type() }}) as aliases,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(in_committee_total as boolean) as in_committee_total,
        cast(is_seeded as boolean) as is_seeded

    from service_areas

)

select * from final
