"""SQL the pages and the question engine share. Text only; app.query.db runs it."""

from __future__ import annotations

SERVICE_AREAS = """
    select service_area_key, municipality, committee, service_area, section_level, aliases
    from marts.dim_service_area
    where service_area_key <> 'unknown'
"""


# --- overview page

# Toimintakate per committee: printed, or the sum of its parts where a report prints only those (Kauhava)
OVERVIEW_COMMITTEES_SQL = """
    select municipality, committee, service_area_key, budget_eur, ytd_actual_eur, forecast_eur, remaining_eur,
           realization_pct, is_computed
    from marts.rpt_operating_margin
    where section_level = 'committee' and fiscal_year = $year and period_months = $period
    order by municipality, committee
"""


OVERVIEW_AREAS_SQL = """
    select r.municipality, r.committee, coalesce(d.service_area, r.section) as section, r.service_area_key, r.budget_eur, r.ytd_actual_eur,
           r.realization_pct
    from marts.rpt_income_statement as r
    left join marts.dim_service_area as d using (service_area_key)
    where r.section_level = 'service_area' and r.account_key = 'toimintakulut'
      and r.fiscal_year = $year and r.period_months = $period
    order by r.municipality, r.committee, d.code, r.section
"""


# --- service_area page

AREA_SECTIONS_SQL = """
    select distinct r.municipality, r.committee, r.service_area_key, r.section_level,
           coalesce(d.service_area, r.section) as name, d.code
    from marts.rpt_income_statement as r
    left join marts.dim_service_area as d using (service_area_key)
    where r.fiscal_year = $year and r.period_months = $period
      and r.section_level in ('committee', 'service_area')
    order by r.municipality, r.committee, r.section_level, d.code, name
"""

AREA_STATEMENT_SQL = """
    select account_key, line_item, line_order, prev_year_actual_eur, prev_year_ytd_actual_eur, budget_eur,
           ytd_actual_eur, remaining_eur, realization_pct, forecast_eur
    from {table}
    where service_area_key = $key and fiscal_year = $year and period_months = $period
    order by line_order
"""

AREA_LINE_BY_AREA_SQL = """
    select coalesce(d.service_area, r.section) as name, r.prev_year_actual_eur, r.prev_year_ytd_actual_eur,
           r.budget_eur, r.ytd_actual_eur, r.remaining_eur, r.realization_pct, r.forecast_eur
    from marts.rpt_income_statement as r
    left join marts.dim_service_area as d using (service_area_key)
    where r.committee = $committee and r.municipality = $municipality and r.section_level = 'service_area'
      and r.account_key = $account and r.fiscal_year = $year and r.period_months = $period
    order by d.code, name
"""

AREA_SOURCES_SQL = """
    select scenario, fiscal_year, period_months, amount_eur, precision_eur, source_kind, source_path
    from marts.fact_budget
    where service_area_key = $key and account_key = $account and fiscal_year in ($year, $year - 1)
    order by fiscal_year desc, period_months desc, scenario, source_kind
"""


# --- compare page

COMPARE_AREAS_SQL = """
    select d.service_area_key, d.municipality, d.committee, d.service_area, d.section_level, d.aliases
    from marts.dim_service_area as d
    where d.service_area_key in (select distinct service_area_key from marts.rpt_income_statement)
    order by d.municipality, d.committee, d.section_level, d.code
"""

COMPARE_LINES_SQL = """
    select distinct r.account_key, a.line_name, a.line_order
    from marts.rpt_income_statement as r
    join marts.dim_account as a using (account_key)
    order by a.line_order
"""

# one line × measure for several sections (of any municipality): each value beside the same months of the
# previous year, and the realization % of the same cell (for differences in percentage points)
COMPARE_SERIES_SQL = """
    with series as (
        select service_area_key, fiscal_year, period_months, cell_value as value, section
        from marts.rpt_report_cells
        where list_contains($keys, service_area_key) and account_key = $account and measure = $measure
    ),
    realization as (
        select service_area_key, fiscal_year, period_months, cell_value as realization_pct
        from marts.rpt_report_cells
        where list_contains($keys, service_area_key) and account_key = $account and measure = 'realization_pct'
    )
    select s.service_area_key, s.fiscal_year, s.period_months, s.section, s.value,
           s.value - p.value as change_eur,
           case when p.value <> 0 then round((s.value - p.value) / abs(p.value) * 100, 1) end as change_pct,
           r.realization_pct
    from series as s
    left join series as p
        on p.service_area_key = s.service_area_key and p.fiscal_year = s.fiscal_year - 1
        and p.period_months = s.period_months
    left join realization as r
        on r.service_area_key = s.service_area_key and r.fiscal_year = s.fiscal_year
        and r.period_months = s.period_months
    order by s.fiscal_year, s.period_months, s.service_area_key
"""

# --- trend page (Kehitys): the year as it unfolds, from rpt_budget_by_period

TREND_SECTIONS_SQL = """
    select distinct p.municipality, p.committee, p.service_area_key, p.section_level,
           coalesce(p.service_area, p.service_area_key) as name, d.code
    from marts.rpt_budget_by_period as p
    left join marts.dim_service_area as d using (service_area_key)
    where p.section_level in ('committee', 'service_area') and p.committee is not null
    order by p.municipality, p.committee, p.section_level, d.code, name
"""

TREND_LINES_SQL = """
    select distinct account_key, line_name, line_order, table_kind
    from marts.rpt_budget_by_period
    where service_area_key = $key
    order by table_kind, line_order
"""

TREND_YEARS_SQL = """
    select distinct fiscal_year
    from marts.rpt_budget_by_period
    where service_area_key = $key and account_key = $account
    order by fiscal_year desc
"""

# one section and line, the chosen year and the earlier ones
TREND_SERIES_SQL = """
    select fiscal_year, period_months, elapsed_pct, budget_eur, ytd_actual_eur, realization_pct,
           prev_year_ytd_actual_eur, forecast_eur, is_computed, actual_source_count, actual_source_paths,
           finding_count, finding_notes
    from marts.rpt_budget_by_period
    where service_area_key = $key and account_key = $account and fiscal_year <= $year
    order by fiscal_year, period_months
"""

# the same line for every unit of a committee (the small multiples)
TREND_UNITS_SQL = """
    select coalesce(service_area, service_area_key) as name, fiscal_year, period_months, budget_eur,
           ytd_actual_eur, realization_pct
    from marts.rpt_budget_by_period
    where municipality = $municipality and committee = $committee and section_level = 'service_area'
      and account_key = $account and fiscal_year <= $year
    order by name, fiscal_year, period_months
"""


# --- goals page

GOALS_LATEST_SQL = """
    with latest as (
        select *
        from marts.fact_goal
        qualify row_number() over (partition by goal_id order by reported_at desc) = 1
    )
    select g.goal_id, g.fiscal_year, g.municipality, g.committee, g.goal_level, g.strategic_theme, g.goal,
           g.measures, g.target, g.responsible, l.status, l.status_en, l.status_order, l.reported_at,
           l.realization
    from marts.dim_goal as g
    join latest as l using (goal_id)
    order by g.fiscal_year desc, g.committee, g.goal_id
"""

GOAL_PAGE_YEARS_SQL = """
    select fiscal_year as year from marts.dim_goal
    union
    select year(reported_at) from marts.fact_kpi
    union
    select year(reported_at) from marts.fact_risk
    order by year desc
"""

GOALS_HISTORY_SQL = """
    select reported_at, status, status_en, realization
    from marts.fact_goal
    where goal_id = $goal
    order by reported_at
"""


# --- goals page: KPIs and risks reported beside the goals

KPIS_SQL = """
    select indicator, unit, value_year, value_kind, value, qualifier, printed_text, committee
    from marts.fact_kpi
    where year(reported_at) = $year
    order by committee, indicator, value_year,
             case value_kind when 'actual' then 1 when 'forecast' then 2 else 3 end
"""

RISKS_SQL = """
    select committee, risk, probability, significance, risk_value, risk_value_printed, rank_in_report, mitigation,
           responsible
    from marts.fact_risk
    where year(reported_at) = $year
    qualify reported_at = max(reported_at) over (partition by municipality, committee)
    order by committee, rank_in_report, risk
"""


# --- sql page

SQL_DOCS_SQL = """
    select t.table_name, t.comment as table_comment, c.column_name, c.data_type, c.comment
    from duckdb_tables() as t
    join duckdb_columns() as c using (database_name, schema_name, table_name)
    where t.schema_name = 'marts'
    union all
    select v.view_name, v.comment, c.column_name, c.data_type, c.comment
    from duckdb_views() as v
    join duckdb_columns() as c on c.schema_name = v.schema_name and c.table_name = v.view_name
    where v.schema_name = 'marts'
    order by 1
"""


# --- quality page

# the last build: each landing file's latest load (a report's: one per table it feeds), and the load that brought
# in its current content (an unchanged file is not validated again)
_CURRENT_LOADS = """
    with current_loads as (
        select load_id
        from raw.load_log
        where status in ('loaded', 'replaced', 'failed')
        qualify row_number() over (partition by source_path, kind order by started_at desc, load_id desc) = 1
    )
"""

# per file: the version the warehouse holds (its rows, when it was loaded) beside the last attempt, which after a
# rebuild is usually `unchanged` with nothing read
QUALITY_LOAD_LOG_SQL = """
    with last_attempts as (
        select source_path, kind, status, coalesce(finished_at, started_at) as attempted_at, message
        from raw.load_log
        qualify row_number() over (partition by source_path, kind order by started_at desc, load_id desc) = 1
    ),
    held as (
        select source_path, kind, load_id, rows_read, rows_loaded, rows_rejected, finished_at as loaded_at
        from raw.load_log
        where status in ('loaded', 'replaced')
        qualify row_number() over (partition by source_path, kind order by started_at desc, load_id desc) = 1
    )
    select held.load_id, last_attempts.source_path, last_attempts.kind, held.rows_read, held.rows_loaded,
           held.rows_rejected, held.loaded_at, last_attempts.status, last_attempts.attempted_at,
           last_attempts.message
    from last_attempts
    left join held on last_attempts.source_path = held.source_path and last_attempts.kind = held.kind
    order by last_attempts.source_path, last_attempts.kind
"""

QUALITY_REJECTED_SQL = _CURRENT_LOADS + """
    select load_id, source_path, source_row, column_name, value, reason
    from raw.rejected_rows
    where load_id in (select load_id from current_loads)
    order by source_path, source_row
"""

QUALITY_FINDINGS_SQL = """
    select source_path, page, source_row, section, table_outcome, kind as finding_kind, line_item, column_name,
           printed, computed, difference, message
    from raw.extract_findings
    order by source_path, source_row
"""

QUALITY_GX_SQL = _CURRENT_LOADS + """
    select source_path, suite, expectation, column_name, success, critical, observed, checked_at
    from raw.gx_results
    where load_id in (select load_id from current_loads)
    order by success, source_path, expectation
"""
