-- Every name that resolves to a seeded service area, committee or municipality: the names themselves and
-- their aliases (upper-case table titles, abbreviations, names used in other years), with the years the section
-- existed (seeds/service_areas.csv valid_from / valid_to). A renamed unit keeps one key: its old name is an
-- alias. A split unit ends (valid_to) and its successors begin, so a name printed again later can name another
-- section: a name resolves to the section valid in the year of the document that printed it.
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
        names.municipality,
        {{ label_match_key('names.area_name') }} as match_key,
        names.service_area_key,
        coalesce(year(service_areas.valid_from), 0) as valid_from_year,
        coalesce(year(service_areas.valid_to), 9999) as valid_to_year

    from names
    inner join service_areas on names.service_area_key = service_areas.service_area_key
    qualify
        row_number() over (
            partition by names.municipality, {{ label_match_key('names.area_name') }}, service_areas.valid_from
            order by names.preference, names.service_area_key
        ) = 1

)

select * from final
