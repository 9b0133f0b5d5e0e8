-- Every name that resolves to a seeded service area, committee or municipality: the names themselves and
-- their aliases (upper-case table titles, abbreviations, names used in other years).
with

service_areas as (

    select * from {{ ref('service_areas') }}

),

aliases as (

    select * from {{ ref('service_area_aliases') }}

),

names as (

    select
        municipality,
        service_area as area_name,
        service_area_key,
        1 as preference
    from service_areas
    union all
    select
        municipality,
        alias as area_name,
        service_area_key,
        2 as preference
    from aliases

),

final as (

    select
        municipality,
        {{ label_match_key('area_name') }} as match_key,
        service_area_key

    from names
    qualify
        row_number() over (
            partition by municipality, {{ label_match_key('area_name') }} order by preference, service_area_key
        ) = 1

)

select * from final
