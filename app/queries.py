"""SQL the pages and the question engine share. Text only; app.db runs it."""

from __future__ import annotations

# Income-statement and investment report rows, one table.
REPORT_ROWS = """
    select municipality, committee, service_area_key, section, section_level, account_key, line_item,
           line_order, fiscal_year, period_months, prev_year_actual_eur, prev_year_ytd_actual_eur,
           original_budget_eur, budget_eur, ytd_actual_eur, remaining_eur, realization_pct, forecast_eur,
           variance_eur, 'income_statement' as table_kind
    from marts.rpt_income_statement
    union all
    select municipality, committee, service_area_key, section, section_level, account_key, line_item,
           line_order, fiscal_year, period_months, prev_year_actual_eur, prev_year_ytd_actual_eur,
           original_budget_eur, budget_eur, ytd_actual_eur, remaining_eur, realization_pct, forecast_eur,
           variance_eur, 'investments' as table_kind
    from marts.rpt_investments
"""

# Every number of the report tables as (year, period, measure, value). A report row also carries the previous
# year's full-year and same-period actuals; they fill years that have no report of their own (priority 1 loses to
# a direct value). Annual amounts (budget, forecast) are keyed to period 12 and the latest report wins.
LONG_CELLS = f"""
with report_rows as ({REPORT_ROWS}),

cells as (
    select
        r.municipality, r.committee, r.service_area_key, r.account_key, r.table_kind,
        r.section, r.section_level, r.line_item, r.line_order,
        unnest([
            {{'y': r.fiscal_year, 'p': r.period_months, 'm': 'actual',
              'v': r.ytd_actual_eur::decimal(18, 2), 'prio': 0}},
            {{'y': r.fiscal_year - 1, 'p': 12, 'm': 'actual',
              'v': r.prev_year_actual_eur::decimal(18, 2), 'prio': 1}},
            {{'y': r.fiscal_year - 1, 'p': r.period_months, 'm': 'actual',
              'v': r.prev_year_ytd_actual_eur::decimal(18, 2), 'prio': 1}},
            {{'y': r.fiscal_year, 'p': 12, 'm': 'budget',
              'v': r.budget_eur::decimal(18, 2), 'prio': 12 - r.period_months}},
            {{'y': r.fiscal_year, 'p': 12, 'm': 'original_budget',
              'v': r.original_budget_eur::decimal(18, 2), 'prio': 12 - r.period_months}},
            {{'y': r.fiscal_year, 'p': 12, 'm': 'forecast',
              'v': r.forecast_eur::decimal(18, 2), 'prio': 12 - r.period_months}},
            {{'y': r.fiscal_year, 'p': r.period_months, 'm': 'remaining',
              'v': r.remaining_eur::decimal(18, 2), 'prio': 0}},
            {{'y': r.fiscal_year, 'p': r.period_months, 'm': 'realization_pct',
              'v': r.realization_pct::decimal(18, 2), 'prio': 0}},
            {{'y': r.fiscal_year, 'p': r.period_months, 'm': 'variance',
              'v': r.variance_eur::decimal(18, 2), 'prio': 0}}
        ]) as cell
    from report_rows as r
),

long_cells as (
    select
        municipality, committee, service_area_key, account_key, table_kind,
        cell.y as fiscal_year, cell.p as period_months, cell.m as measure,
        arg_min(cell.v, cell.prio) as value,
        arg_min(section, cell.prio) as section,
        any_value(section_level) as section_level,
        arg_min(line_item, cell.prio) as line_item,
        any_value(line_order) as line_order
    from cells
    where cell.v is not null
    group by all
)
"""

SERVICE_AREAS = """
    select service_area_key, municipality, committee, service_area, section_level, aliases
    from marts.dim_service_area
    where service_area_key <> 'unknown'
"""
