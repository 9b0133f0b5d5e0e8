{{ config(severity='warn') }}
-- Test that every report table was read without findings. A finding is what the printed document contradicts
-- (a total off by a euro, a lost minus sign) or a table that cannot be read; its numbers still load as printed,
-- so this only warns, listing each finding for the data-quality page and the build log.
select
    source_path,
    source_row,
    page,
    section,
    table_outcome,
    finding_kind,
    line_item,
    column_name,
    message
from {{ ref('stg_raw__extract_findings') }}
