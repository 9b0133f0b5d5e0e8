{{ config(severity='warn') }}
-- Test that sources reporting the same fact agree within what rounding explains; the disagreements are listed
-- in rpt_source_reconciliation (a warning: the finer, later number is kept and the build goes on).
select * from {{ ref('rpt_source_reconciliation') }}
where is_disagreement
