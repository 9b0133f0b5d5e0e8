"""Palvelualue: the income statement of a committee or service area for a period, laid out like the printed report,
with drill-down committee -> service area -> line."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import cached, ui
from app.periods import pick_period
from app.query import queries
from app.texts import column_labels, measure_label, t, value_labels


def printed_columns(year: int, period: int) -> dict[str, str]:
    return {
        "line_item": t("col_line"),
        "prev_year_actual_eur": t("col_tp_prev", y=year - 1),
        "prev_year_ytd_actual_eur": t("col_tot_prev", y=year - 1, m=period),
        "budget_eur": t("col_ta", y=year),
        "ytd_actual_eur": t("col_tot", y=year, m=period),
        "remaining_eur": t("col_remaining"),
        "realization_pct": t("col_pct"),
        "forecast_eur": t("col_forecast"),
    }


def statement_table(frame: pl.DataFrame, year: int, period: int, name: str) -> None:
    cols = printed_columns(year, period)
    shown = ui.rename(frame.select([c for c in cols if c in frame.columns]), cols)
    ui.table(shown, name, money=[v for k, v in cols.items() if k.endswith("_eur")], percent=[t("col_pct")])


ui.require_warehouse()
st.title(t("sa_title"))
year, period = pick_period("sa_period")
sections = cached.query(queries.AREA_SECTIONS_SQL, {"year": year, "period": period})
if sections.is_empty():
    st.info(t("no_data"))
    st.stop()

left, right = st.columns(2)
committees = sections.filter(pl.col("section_level") == "committee")
committee_rows = list(committees.iter_rows(named=True))
chosen = left.selectbox(
    t("committee"), committee_rows, format_func=lambda r: f"{r['committee']} ({r['municipality']})", key="sa_committee"
)
areas = sections.filter(
    (pl.col("section_level") == "service_area")
    & (pl.col("committee") == chosen["committee"])
    & (pl.col("municipality") == chosen["municipality"])
)
area_options = [None, *areas.iter_rows(named=True)]
area = right.selectbox(
    t("service_area"), area_options, format_func=lambda r: t("sa_all_areas") if r is None else r["name"],
    key="sa_area",
)
section = area or chosen
st.subheader(f"{section['name']} {ui.period_label(year, period)}")
statement = cached.query(
    queries.AREA_STATEMENT_SQL.format(table="marts.rpt_income_statement"),
    {"key": section["service_area_key"], "year": year, "period": period},
)
statement_table(statement, year, period, f"tuloslaskelma_{section['service_area_key']}_{year}_{period}")

investments = cached.query(
    queries.AREA_STATEMENT_SQL.format(table="marts.rpt_investments"),
    {"key": section["service_area_key"], "year": year, "period": period},
)
if not investments.is_empty():
    st.subheader(t("sa_investments"))
    statement_table(investments, year, period, f"investoinnit_{section['service_area_key']}_{year}_{period}")

st.subheader(t("sa_drill"))
lines = list(statement.select("account_key", "line_item").iter_rows(named=True))
line = st.selectbox(t("line"), lines, format_func=lambda r: r["line_item"], key="sa_line")
if line is not None:
    by_area = cached.query(
        queries.AREA_LINE_BY_AREA_SQL,
        {"committee": chosen["committee"], "municipality": chosen["municipality"], "account": line["account_key"],
         "year": year, "period": period},
    )
    if not by_area.is_empty():
        st.markdown(f"**{t('sa_line_detail')}: {line['line_item']}**")
        cols = printed_columns(year, period) | {"name": t("service_area")}
        del cols["line_item"]
        ui.table(
            ui.rename(by_area, cols),
            f"rivi_{line['account_key']}_{year}_{period}",
            money=[v for k, v in cols.items() if k.endswith("_eur")],
            percent=[t("col_pct")],
        )
        chart = by_area.select("name", "ytd_actual_eur", "budget_eur").unpivot(
            index="name", variable_name="measure", value_name="eur"
        ).with_columns(
            pl.col("measure").replace({"ytd_actual_eur": t("m_actual"), "budget_eur": t("m_budget")})
        )
        ui.bar_chart(chart, "name", "eur", t("sa_chart", line=line["line_item"]), color="measure")
    sources = cached.query(
        queries.AREA_SOURCES_SQL, {"key": section["service_area_key"], "account": line["account_key"], "year": year}
    )
    if not sources.is_empty():
        st.markdown(f"**{t('sa_sources')}: {line['line_item']}**")
        names = column_labels(sources.columns)
        scenarios = {m: measure_label(m) for m in ("actual", "budget", "original_budget", "forecast")}
        sources = value_labels(sources.with_columns(pl.col("scenario").replace(scenarios)))
        ui.table(ui.rename(sources, names), f"lahteet_{line['account_key']}",
                 money=[names["amount_eur"], names["precision_eur"]])
