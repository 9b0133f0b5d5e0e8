{{ config(severity='warn') }}
-- Test that every printed row label resolves to a line; an unknown label is kept out of fact_budget and listed
-- here so it can be added to seeds/account_labels.csv.
select distinct
    municipality,
    table_kind,
    section,
    line_item,
    source_path
from {{ ref('int_ledger_numbers_resolved') }}
where account_key = 'unknown'
