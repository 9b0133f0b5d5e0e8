"""Kehitys: the realization curve (toteumakäyrä). Actual to date by month for a committee, a unit or a line,
against the year's budget and the straight line of an even pace, the chosen year drawn over the earlier ones;
small multiples of realization % for every unit of the committee. Reads rpt_budget_by_period."""

from __future__ import annotations

import altair as alt
import pandas as pd
import polars as pl
import streamlit as st

from app import cached, ui
from app.query import fmt, queries
from app.texts import t


def curve_chart(series: pl.DataFrame, year: int, title: str) -> alt.LayerChart:
    """Actual to date per year (the chosen year thicker), the chosen year's budget and its even pace."""
    actual = series.select(
        pl.col("fiscal_year").cast(pl.String).alias("series"), "period_months",
        pl.col("ytd_actual_eur").cast(pl.Float64).alias("eur"),
        # a number whose printed table had findings is drawn as a triangle that says why on hover
        pl.when(pl.col("finding_count") > 0).then(pl.lit(t("dev_mark"))).otherwise(pl.lit("")).alias("mark"),
        pl.col("finding_notes").fill_null("").alias("why"),
    ).to_pandas()
    curves = alt.Chart(actual).mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(
        x=alt.X("period_months:Q", title=t("dev_month"), scale=alt.Scale(domain=[0, 12]), axis=ui.MONTH_AXIS),
        y=alt.Y("eur:Q", axis=ui.NUMBER_AXIS),
        color=alt.Color("series:N", title=t("dev_series"), legend=alt.Legend(orient="bottom")),
        strokeWidth=alt.condition(alt.datum.series == str(year), alt.value(3.5), alt.value(1.5)),
        shape=alt.Shape("mark:N", title=None, scale=alt.Scale(domain=["", t("dev_mark")],
                                                              range=["circle", "triangle-up"]),
                        legend=alt.Legend(orient="bottom", values=[t("dev_mark")])),
        tooltip=[alt.Tooltip("series:N", title=t("year")), alt.Tooltip("period_months:Q", title=t("dev_month")),
                 alt.Tooltip("eur:Q", title=t("m_actual"), format=",.0f"),
                 alt.Tooltip("why:N", title=t("dev_mark"))],
    )
    budget = series.filter(pl.col("fiscal_year") == year).sort("period_months")["budget_eur"].drop_nulls()
    if budget.is_empty():
        return alt.layer(curves, title=title).properties(height=380)
    whole_year = float(budget[-1])  # the latest budget known in the year
    references = pd.DataFrame({
        "series": [t("dev_budget", y=year)] * 2 + [t("dev_even", y=year)] * 2,
        "period_months": [0, 12, 0, 12],
        "eur": [whole_year, whole_year, 0.0, whole_year],
    })
    lines = alt.Chart(references).mark_line(strokeDash=[6, 4], color="#757575").encode(
        x="period_months:Q", y="eur:Q", detail="series:N",
    )
    # the budget named at its left end, the even pace at its middle, so the two names never overlap
    names = pd.DataFrame({"series": [t("dev_budget", y=year), t("dev_even", y=year)], "period_months": [0, 6],
                          "eur": [whole_year, whole_year / 2]})
    labels = alt.Chart(names).mark_text(align="left", dx=4, dy=-8, color="#555").encode(
        x="period_months:Q", y="eur:Q", text="series:N",
    )
    return alt.layer(lines, labels, curves, title=title).properties(height=380)


def units_chart(units: pl.DataFrame, year: int, title: str) -> alt.FacetChart:
    """Small multiples: each unit's realization % by month per year, with the even pace (0 → 100 %)."""
    data = units.filter(pl.col("realization_pct").is_not_null()).select(
        "name", pl.col("fiscal_year").cast(pl.String).alias("series"), "period_months",
        pl.col("realization_pct").cast(pl.Float64).alias("pct"),
    )
    even = pl.DataFrame({"name": units["name"].unique().sort()}).join(
        pl.DataFrame({"series": [t("dev_units_even")] * 2, "period_months": [0, 12], "pct": [0.0, 100.0]},
                     schema_overrides={"period_months": pl.Int32}),
        how="cross",
    )
    frame = pl.concat([data, even.select(data.columns)], how="vertical_relaxed").to_pandas()
    chart = alt.Chart(frame, width=220, height=150).mark_line(point=True).encode(
        x=alt.X("period_months:Q", title=None, scale=alt.Scale(domain=[0, 12]), axis=ui.MONTH_AXIS),
        y=alt.Y("pct:Q", title="%"),
        color=alt.Color("series:N", title=t("dev_series"), legend=alt.Legend(orient="bottom")),
        strokeDash=alt.condition(alt.datum.series == t("dev_units_even"), alt.value([4, 3]), alt.value([1, 0])),
        strokeWidth=alt.condition(alt.datum.series == str(year), alt.value(3), alt.value(1.5)),
    )
    return chart.facet(facet=alt.Facet("name:N", title=None), columns=3, title=title)


ui.require_warehouse()
st.title(t("dev_title"))
st.caption(t("dev_intro"))
sections = cached.query(queries.TREND_SECTIONS_SQL)
if sections.is_empty():
    st.info(t("no_data"))
    st.stop()

c1, c2, c3, c4 = st.columns(4)
committees = list(sections.filter(pl.col("section_level") == "committee").iter_rows(named=True))
committee = c1.selectbox(
    t("committee"), committees, format_func=lambda r: f"{r['committee']} ({r['municipality']})", key="dev_committee"
)
units = sections.filter(
    (pl.col("section_level") == "service_area") & (pl.col("committee") == committee["committee"])
    & (pl.col("municipality") == committee["municipality"])
)
unit = c2.selectbox(
    t("service_area"), [None, *units.iter_rows(named=True)],
    format_func=lambda r: t("sa_all_areas") if r is None else r["name"], key="dev_unit",
)
section = unit or committee
lines = list(cached.query(queries.TREND_LINES_SQL, {"key": section["service_area_key"]}).iter_rows(named=True))
default_line = next((i for i, r in enumerate(lines) if r["account_key"] == "toimintakulut"), 0)
line = c3.selectbox(t("line"), lines, index=default_line, format_func=lambda r: r["line_name"], key="dev_line")
years = cached.query(
    queries.TREND_YEARS_SQL, {"key": section["service_area_key"], "account": line["account_key"]}
)["fiscal_year"].to_list()
year = c4.selectbox(t("year"), years, format_func=str, key="dev_year")

series = cached.query(
    queries.TREND_SERIES_SQL, {"key": section["service_area_key"], "account": line["account_key"], "year": year}
)
title = t("dev_chart", line=line["line_name"], area=section["name"])
chart = curve_chart(series, year, title)
st.altair_chart(chart, width="stretch")
name = f"kehitys_{section['service_area_key']}_{line['account_key']}_{year}"
ui.png_download(chart, name)

st.subheader(t("dev_table"))
shown = series.sort(["fiscal_year", "period_months"], descending=True).with_columns(
    pl.struct("fiscal_year", "period_months")
    .map_elements(lambda s: ui.period_label(s["fiscal_year"], s["period_months"]), return_dtype=pl.String)
    .alias("period"),
    (pl.col("realization_pct") - pl.col("elapsed_pct")).alias("gap"),
)
columns = {
    "period": t("period"), "budget_eur": t("ov_budget"), "ytd_actual_eur": t("ov_actual"),
    "realization_pct": t("ov_pct"), "elapsed_pct": t("dev_elapsed"), "gap": t("dev_gap"),
    "prev_year_ytd_actual_eur": t("dev_prev"), "forecast_eur": t("ov_forecast"),
    "actual_source_paths": t("dev_sources"),
    "finding_notes": t("dev_mark"),
}
ui.table(
    ui.rename(shown.select(list(columns)), columns),
    name,
    money=[t("ov_budget"), t("ov_actual"), t("dev_prev"), t("ov_forecast")],
    percent=[t("ov_pct"), t("dev_elapsed")],
    text={
        t("dev_gap"): [t("ov_points", v=fmt.number(g, 1)) if g is not None else "" for g in shown["gap"]],
        t("dev_sources"): [
            t("dev_computed") if computed else (paths or "")
            for computed, paths in zip(shown["is_computed"], shown["actual_source_paths"], strict=True)
        ],
        # why a number may not be what it seems: the extractor's findings on the tables behind it
        t("dev_mark"): [f"⚠ {notes}" if notes else "" for notes in shown["finding_notes"]],
    },
)
if shown["finding_count"].sum():
    st.caption(t("dev_mark_help"))

if unit is None:
    unit_rows = cached.query(
        queries.TREND_UNITS_SQL,
        {"municipality": committee["municipality"], "committee": committee["committee"],
         "account": line["account_key"], "year": year},
    )
    if unit_rows.is_empty():
        st.caption(t("dev_no_units"))
    else:
        multiples = units_chart(unit_rows, year, t("dev_units", line=line["line_name"]))
        st.altair_chart(multiples)
        ui.png_download(multiples, f"{name}_yksikot")
