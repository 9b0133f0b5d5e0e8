-- The investment tables of the reports rebuilt from facts (income, expenditure, net), like rpt_income_statement.
{{ report_table(ref('int_report_table_values'), 'investments') }}
