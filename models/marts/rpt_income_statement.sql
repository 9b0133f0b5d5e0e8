-- The income-statement tables of the reports rebuilt from facts, for every committee, service area and
-- reporting period. Example: the seed report's committee table is
-- `where service_area_key = 'heinola__elinvoimalautakunta' and fiscal_year = 2022 and period_months = 6`.
{{ report_table(ref('int_report_table_values'), 'income_statement') }}
