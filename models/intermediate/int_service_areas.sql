-- The members of dim_service_area: the seeded ones, any section a report prints that no seed knows yet
-- (so its table can still be rebuilt; add it to seeds/service_areas.csv to give it a code and aliases),
-- and 'unknown' for postings whose cost centre has no mapping.
with

seeded as (

    select * from {{ ref('service_areas') }}

),

aliases as (

    select * from {{ ref('service_area_aliases') }}

),

ledger_numbers as (

    select * from {{ ref('int_ledger_numbers_resolved') }}

),

alias_lists as (

    select
        service_area_key,
        {{ sorted_list('alias') }} as aliases
    from aliases
    group by service_area_key

),

unseeded as (

    select
        service_area_key,
        any_value(municipality) as municipality,
        nullif(any_value(committee), '') as committee,
        any_value(section) as service_area,
        any_value(section_level) as section_level,
        {{ sorted_list('section', distinct=true) }} as aliases,
        make_date(min(fiscal_year), 1, 1) as valid_from

    from ledger_numbers
    where not is_seeded_section
    group by service_area_key

),

final as (

    select
        seeded.service_area_key,
        seeded.municipality,
        nullif(seeded.committee, '') as committee,
        seeded.service_area,
        seeded.section_level,
        seeded.code,
        coalesce(alias_lists.aliases, {{ empty_text_list() }}) as aliases,
        cast(seeded.valid_from as date) as valid_from,
        cast(seeded.valid_to as date) as valid_to,
        seeded.in_committee_total,
        true as is_seeded

    from seeded
    left join alias_lists on seeded.service_area_key = alias_lists.service_area_key

    union all

    select
        service_area_key,
        municipality,
        committee,
        service_area,
        section_level,
        null as code,
        aliases,
        valid_from,
        null as valid_to,
        false as in_committee_total,
        false as is_seeded

    from unseeded

    union all

    select
        'unknown' as service_area_key,
        null as municipality,
        null as committee,
        'Tuntematon' as service_area,
        'unknown' as section_level,
        null as code,
        {{ empty_text_list() }} as aliases,
        null as valid_from,
        null as valid_to,
        false as in_committee_total,
        true as is_seeded

)

select * from final
