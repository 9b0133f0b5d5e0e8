"""Vertailu: one statutory line × measure across every year and period, for a section and any others (of any
municipality) beside it, with the change from the previous year and the difference to the first section in euros
and in percentage points.

Periods of different length are never joined by one line: a line connects the same months of successive years
(1–6/2021 → 1–6/2022), so the half-year never looks like a drop from the whole year before it. Service areas are
followed by their key, so a section printed under another name in another year (an alias in dim_service_area)
stays one series."""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from app import cached, ui
from app.query import fmt, queries
from app.texts import measure_label, t

MEASURES = ("actual", "budget", "original_budget", "forecast", "remaining", "realization_pct")


def area_label(row: dict) -> str:
    return f"{row['service_area']} ({row['municipality']})"


def comparison_chart(series: pl.DataFrame, title: str, several: bool) -> alt.Chart:
    """Years across, one line per section and period length; a length reported once is a point."""
    data = series.select(
        pl.col("fiscal_year").cast(pl.String).alias("year"),
        pl.col("length").alias("length"),
        pl.col("name"),
        (pl.col("name") + " · " + pl.col("length") if several else pl.col("length")).alias("series"),
        pl.col("value").cast(pl.Float64),
    ).to_pandas()
    return alt.Chart(data, title=title).mark_line(point=alt.OverlayMarkDef(size=70)).encode(
        x=alt.X("year:O", title=t("year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", axis=ui.NUMBER_AXIS),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("length:N", title=None, legend=None),
        tooltip=["name:N", "year:O", "length:N", alt.Tooltip("value:Q", format=",.1f")],
    )


ui.require_warehouse()
st.title(t("cmp_title"))
areas = list(cached.query(queries.COMPARE_AREAS_SQL).iter_rows(named=True))
lines = list(cached.query(queries.COMPARE_LINES_SQL).iter_rows(named=True))
if not areas or not lines:
    st.info(t("no_data"))
    st.stop()
c1, c2, c3 = st.columns(3)
area = c1.selectbox(t("service_area"), areas, format_func=area_label, key="cmp_area")
default_line = next((i for i, r in enumerate(lines) if r["account_key"] == "toimintakate"), 0)
line = c2.selectbox(t("line"), lines, index=default_line, format_func=lambda r: r["line_name"], key="cmp_line")
measure = c3.selectbox(t("measure"), MEASURES, format_func=measure_label, key="cmp_measure")
others = st.multiselect(
    t("cmp_others"), [r for r in areas if r["service_area_key"] != area["service_area_key"]],
    format_func=area_label, key="cmp_others", placeholder=t("cmp_others_none"),
)
chosen = [area, *others]
names = {r["service_area_key"]: area_label(r) for r in chosen}
order = {key: i for i, key in enumerate(names)}

series = cached.query(
    queries.COMPARE_SERIES_SQL,
    {"keys": list(names), "account": line["account_key"], "measure": measure},
).with_columns(
    pl.struct("fiscal_year", "period_months")
    .map_elements(lambda s: ui.period_label(s["fiscal_year"], s["period_months"]), return_dtype=pl.String)
    .alias("period"),
    pl.col("period_months").map_elements(lambda m: t("period_label", m=m), return_dtype=pl.String).alias("length"),
    pl.col("service_area_key").replace_strict(names, return_dtype=pl.String).alias("name"),
    pl.col("service_area_key").replace_strict(order, return_dtype=pl.Int32).alias("order"),
)
printed = sorted(set(series.filter(pl.col("service_area_key") == area["service_area_key"])["section"].to_list())
                 - {None}) if not series.is_empty() else []
if printed:
    st.caption(f"{t('cmp_aliases')}: {' · '.join(printed)}")
if series.is_empty():
    st.info(t("no_data"))
    st.stop()
unit = "%" if measure == "realization_pct" else "€"
title = t("cmp_chart", line=line["line_name"], area=" / ".join(names.values()), measure=measure_label(measure),
          unit=unit)
chart = comparison_chart(series, title, several=bool(others))
st.altair_chart(chart, width="stretch")
ui.png_download(chart, f"vertailu_{area['service_area_key']}_{line['account_key']}_{measure}")

# the difference to the first section for the same year and months: in euros (or points for a percentage
# measure) and in points of realization %
first = series.filter(pl.col("service_area_key") == area["service_area_key"]).select(
    "fiscal_year", "period_months", pl.col("value").alias("first_value"),
    pl.col("realization_pct").alias("first_pct"),
)
series = series.join(first, on=["fiscal_year", "period_months"], how="left").with_columns(
    (pl.col("value") - pl.col("first_value")).alias("diff"),
    (pl.col("realization_pct") - pl.col("first_pct")).alias("diff_pp"),
).sort("fiscal_year", "period_months", "order")

columns = {"period": t("period"), "section": t("section"), "value": measure_label(measure),
           "change_eur": t("cmp_change_eur"), "change_pct": t("cmp_change_pct")}
if others:
    columns = {"name": t("service_area"), **columns, "diff": t("cmp_diff", first=names[area["service_area_key"]]),
               "diff_pp": t("cmp_diff_pp")}
shown = ui.rename(series.select(list(columns)), columns)
money = [t("cmp_change_eur")] if unit == "%" else [measure_label(measure), t("cmp_change_eur")]
percent = [t("cmp_change_pct")] + ([measure_label(measure)] if unit == "%" else [])
text = {}
if others:
    points = [t("ov_points", v=fmt.number(v, 1)) if v is not None else "" for v in series["diff_pp"]]
    text[t("cmp_diff_pp")] = points
    if unit == "%":
        text[columns["diff"]] = [t("ov_points", v=fmt.number(v, 1)) if v is not None else "" for v in series["diff"]]
    else:
        money.append(columns["diff"])
ui.table(shown, f"vertailu_{area['service_area_key']}_{line['account_key']}_{measure}", money=money,
         percent=percent, text=text)
