"""Tavoitteet: the goal register — statuses by committee and year, filters by responsible and status, and one goal's
text with its measures and realisations over time."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import cached, figures, ui
from app.query import queries
from app.texts import lang, t

# by status_order: achieved, partly, not achieved, no information — the traffic lights a goal report uses
STATUS_COLORS = {1: "#2e7d32", 2: "#f9a825", 3: "#c62828", 4: "#9e9e9e"}


def _goals_of_year(shown: pl.DataFrame, year: int, status_col: str, statuses: list[str],
                   colors: dict[str, str]) -> None:
    """The year's goals: counts by status, the goal list and one goal's history."""
    counts = (
        shown.group_by("committee", status_col, "status_order").agg(pl.len().alias("count"))
        .sort("committee", "status_order")
    )
    cols = st.columns(max(len(statuses), 1))
    for i, status in enumerate(statuses):
        n = int(shown.filter(pl.col(status_col) == status).height)
        cols[i].metric(status, n)
    ui.bar_chart(counts, "committee", "count", t("g_by_status"), color=status_col, colors=colors)
    ui.table(
        ui.rename(counts.select("committee", status_col, "count"),
                  {"committee": t("committee"), status_col: t("g_status"), "count": t("g_count")}),
        f"tavoitteiden_tilat_{year}",
    )
    ui.table(
        ui.rename(
            shown.select("goal_id", "committee", "goal_level", "goal", "responsible", status_col, "reported_at"),
            {"goal_id": "ID", "committee": t("committee"), "goal_level": t("g_level"), "goal": t("g_goal"),
             "responsible": t("g_responsible"), status_col: t("g_status"), "reported_at": t("g_reported")},
        ),
        f"tavoitteet_{year}",
    )

    st.subheader(t("g_history"))
    options = list(shown.iter_rows(named=True))
    if options:
        goal = st.selectbox(
            t("g_pick"), options, format_func=lambda r: f"{r['goal_id']}: {r['goal'][:90]}", key="g_goal"
        )
        st.markdown(f"**{t('g_goal')}:** {goal['goal']}")
        if goal["strategic_theme"]:
            st.markdown(f"**{t('g_theme')}:** {goal['strategic_theme']}")
        if goal["measures"]:
            st.markdown(f"**{t('g_measures')}:** {goal['measures']}")
        if goal["target"]:
            st.markdown(f"**{t('g_target')}:** {goal['target']}")
        if goal["responsible"]:
            st.markdown(f"**{t('g_responsible')}:** {goal['responsible']}")
        history = cached.query(queries.GOALS_HISTORY_SQL, {"goal": goal["goal_id"]})
        ui.table(
            ui.rename(history.select("reported_at", status_col, "realization"),
                      {"reported_at": t("g_reported"), status_col: t("g_status"),
                       "realization": t("g_realization")}),
            f"tavoite_{goal['goal_id']}",
        )


ui.require_warehouse()
st.title(t("g_title"))
# every year a report printed goals, key figures or risks for (Kauhava's 2024 prints key figures but no register)
years = cached.query(queries.GOAL_PAGE_YEARS_SQL)["year"].to_list()
if not years:
    st.info(t("g_none"))
    st.stop()
goals = cached.query(queries.GOALS_LATEST_SQL)
status_col = "status_en" if lang() == "en" else "status"

c1, c2, c3 = st.columns(3)
year = c1.selectbox(t("year"), years, key="g_year")
people = sorted(
    {p.strip() for r in goals["responsible"].drop_nulls().to_list() for p in r.split(",") if p.strip()}
)
responsible = c2.multiselect(t("g_responsible"), people, key="g_responsible", placeholder=t("g_all"))
statuses = (
    goals.select(status_col, "status_order").unique().sort("status_order")[status_col].drop_nulls().to_list()
)
chosen_status = c3.multiselect(t("g_status"), statuses, key="g_status", placeholder=t("g_all"))

shown = goals.filter(pl.col("fiscal_year") == year).with_columns(
    pl.col("goal_level").replace({"strategic": t("g_level_strategic"), "operational": t("g_level_operational")})
)
if responsible:
    shown = shown.filter(
        pl.col("responsible").fill_null("").map_elements(
            lambda r: any(p.strip() in responsible for p in r.split(",")), return_dtype=pl.Boolean
        )
    )
if chosen_status:
    shown = shown.filter(pl.col(status_col).is_in(chosen_status))
palette = goals.select(status_col, "status_order").unique().drop_nulls().sort("status_order")
colors = {s: STATUS_COLORS.get(o, "#9e9e9e") for s, o in palette.iter_rows()}
if shown.is_empty():
    st.info(t("g_none_year", year=year))
else:
    _goals_of_year(shown, year, status_col, statuses, colors)

# what the same reports print beside the goals: key figures and the risk matrix
figures.kpi_section(year)
figures.risk_section(year)
