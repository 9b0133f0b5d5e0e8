"""Yleiskuva: per committee budget, actual to date, realisation against the elapsed share of the year."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import streamlit as st

from app import cached, ui
from app.periods import pick_period
from app.query import fmt, queries
from app.texts import t

ui.require_warehouse()
st.title(t("ov_title"))
st.caption(t("ov_intro"))
year, period = pick_period("ov_period")
elapsed = Decimal(period) * 100 / 12

committees = cached.query(queries.OVERVIEW_COMMITTEES_SQL, {"year": year, "period": period})
if committees.is_empty():
    st.info(t("no_data"))
    st.stop()
# all committees at a glance first: a year-end report has a dozen of them
ui.table(
    ui.rename(
        committees.select("committee", "budget_eur", "ytd_actual_eur", "realization_pct", "forecast_eur",
                          "remaining_eur"),
        {"committee": t("committee"), "budget_eur": t("ov_budget"), "ytd_actual_eur": t("ov_actual"),
         "realization_pct": t("ov_pct"), "forecast_eur": t("ov_forecast"), "remaining_eur": t("ov_remaining")},
    ),
    "yleiskuva_lautakunnat",
    money=[t("ov_budget"), t("ov_actual"), t("ov_forecast"), t("ov_remaining")],
    percent=[t("ov_pct")],
)

for row in committees.iter_rows(named=True):
    st.subheader(f"{row['committee']} ({row['municipality']})")
    if row["is_computed"]:
        st.caption(t("ov_computed"))
    top = st.columns(3)
    top[0].metric(t("ov_budget"), fmt.eur(row["budget_eur"]) or "–")
    top[1].metric(t("ov_actual"), fmt.eur(row["ytd_actual_eur"]))
    pct = row["realization_pct"]
    top[2].metric(
        t("ov_pct"), fmt.pct(pct), delta=None if pct is None else t("ov_points", v=fmt.number(pct - elapsed, 1)),
        delta_color="off",
    )
    bottom = st.columns(3)
    bottom[0].metric(t("ov_forecast"), fmt.eur(row["forecast_eur"]) or "–")
    bottom[1].metric(t("ov_remaining"), fmt.eur(row["remaining_eur"]) or "–")
    bottom[2].metric(t("ov_elapsed"), fmt.pct(elapsed))

st.subheader(t("ov_standout"))
threshold = st.slider(t("ov_gap"), 1, 20, 5, key="ov_threshold")
st.caption(t("ov_standout_intro", t=threshold))
areas = cached.query(queries.OVERVIEW_AREAS_SQL, {"year": year, "period": period}).with_columns(
    (pl.col("realization_pct") - pl.lit(elapsed).cast(pl.Decimal(18, 2))).alias("gap")
)
ui.bar_chart(areas, "section", "realization_pct", t("ov_chart"), rule=float(elapsed))
standout = areas.filter(pl.col("gap").abs() >= threshold).sort("gap")
if standout.is_empty():
    st.info(t("ov_none_standout"))
else:
    ui.table(
        ui.rename(
            standout.select("committee", "section", "budget_eur", "ytd_actual_eur", "realization_pct", "gap"),
            {"committee": t("committee"), "section": t("service_area"), "budget_eur": t("ov_budget"),
             "ytd_actual_eur": t("ov_actual"), "realization_pct": t("ov_pct"), "gap": t("ov_gap")},
        ),
        "yleiskuva_erottuvat",
        money=[t("ov_budget"), t("ov_actual")],
        percent=[t("ov_pct")],
        text={t("ov_gap"): [t("ov_points", v=fmt.number(g, 1)) for g in standout["gap"]]},  # points, not a percent
    )
