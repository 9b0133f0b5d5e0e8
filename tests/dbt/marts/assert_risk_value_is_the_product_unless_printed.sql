-- A risk value the report does not print is probability × significance; a printed one that differs was reported
-- as a finding at extraction and is kept as printed.
select *
from {{ ref('fact_risk') }}
where not risk_value_printed and risk_value <> probability * significance
