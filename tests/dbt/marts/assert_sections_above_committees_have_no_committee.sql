-- Test that the municipality's own sections (and the unknown member) belong to no committee: the empty cells of
-- seeds/service_areas.csv must arrive as NULL on every engine (dbt-spark's session mode loaded them as 'None').
select
    service_area_key,
    section_level,
    committee
from {{ ref('dim_service_area') }}
where section_level in ('municipality', 'unknown') and committee is not null
