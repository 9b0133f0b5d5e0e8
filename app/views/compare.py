"""Vertailu: one line × service area × measure across every year and period, with year-over-year change.

Service areas are followed by their key, so a service area printed under another name in another year (an alias in
dim_service_area) stays one series."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import cached, ui
from app.query import queries
from app.texts import measure_label, t

MEASURES = ("actual", "budget", "original_budget", "forecast", "remaining", "realization_pct")

ui.require_warehouse()
st.title(t("cmp_title"))
areas = list(cached.query(queries.COMPARE_AREAS_SQL).iter_rows(named=True))
lines = list(cached.query(queries.COMPARE_LINES_SQL).iter_rows(named=True))
if not areas or not lines:
    st.info(t("no_data"))
    st.stop()
c1, c2, c3 = st.columns(3)
area = c1.selectbox(
    t("service_area"), areas, format_func=lambda r: f"{r['service_area']} ({r['municipality']})", key="cmp_area"
)
default_line = next((i for i, r in enumerate(lines) if r["account_key"] == "toimintakate"), 0)
line = c2.selectbox(t("line"), lines, index=default_line, format_func=lambda r: r["line_name"], key="cmp_line")
measure = c3.selectbox(t("measure"), MEASURES, format_func=measure_label, key="cmp_measure")

series = cached.query(
    queries.COMPARE_SERIES_SQL, {"key": area["service_area_key"], "account": line["account_key"], "measure": measure}
).with_columns(
    pl.struct("fiscal_year", "period_months")
    .map_elements(lambda s: ui.period_label(s["fiscal_year"], s["period_months"]), return_dtype=pl.String)
    .alias("period")
)
names = sorted(set(series["section"].to_list()) - {None}) if not series.is_empty() else []
if names:
    st.caption(f"{t('cmp_aliases')}: {' · '.join(names)}")
if series.is_empty():
    st.info(t("no_data"))
    st.stop()
unit = "%" if measure == "realization_pct" else "€"
title = t("cmp_chart", line=line["line_name"], area=area["service_area"], measure=measure_label(measure), unit=unit)
ui.line_chart(series, "period", "value", title)
shown = ui.rename(
    series.select("period", "section", "value", "change_eur", "change_pct"),
    {"period": t("period"), "section": t("section"), "value": measure_label(measure),
     "change_eur": t("cmp_change_eur"), "change_pct": t("cmp_change_pct")},
)
money = [t("cmp_change_eur")] if unit == "%" else [measure_label(measure), t("cmp_change_eur")]
percent = [t("cmp_change_pct")] + ([measure_label(measure)] if unit == "%" else [])
ui.table(shown, f"vertailu_{area['service_area_key']}_{line['account_key']}_{measure}", money=money, percent=percent)
