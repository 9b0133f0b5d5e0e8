"""Tietojen laatu: the load log, rejected rows, the reports' findings and Great Expectations results of the loads
the warehouse holds, and the dbt test results of the build that was published (stored in the served file by publish)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import audit_view, cached, login, ui
from app.access.roles import ANALYST
from app.query import queries
from app.texts import column_labels, t, value_labels
from ingestion.warehouse import dbt_results


def section(title: str, sql: str, name: str) -> None:
    st.subheader(title)
    frame = cached.query(sql)
    if frame.is_empty():
        st.caption(t("q_none"))
    else:
        ui.table(ui.rename(value_labels(frame), column_labels(frame.columns)), name)


ui.require_warehouse()
st.title(t("q_title"))
section(t("q_load_log"), queries.QUALITY_LOAD_LOG_SQL, "latausloki")
section(t("q_rejected"), queries.QUALITY_REJECTED_SQL, "hylatyt_rivit")
section(t("q_findings"), queries.QUALITY_FINDINGS_SQL, "raporttien_havainnot")
st.caption(t("q_findings_help"))
section(t("q_gx"), queries.QUALITY_GX_SQL, "gx_tulokset")

st.subheader(t("q_dbt"))
if cached.query(dbt_results.HAS_PUBLISHED_RESULTS_SQL).item() == 0:
    st.info(t("q_dbt_missing"))
else:
    tests = cached.query(dbt_results.PUBLISHED_TESTS_SQL)
    passed = tests.filter(pl.col("status") == "pass").height
    # a warning (a report's findings, an unmapped label) is reported, not failed: the build went through
    warned = tests.filter(pl.col("status") == "warn").height
    c1, c2, c3 = st.columns(3)
    c1.metric(t("q_passed"), passed)
    c2.metric(t("q_warned"), warned)
    c3.metric(t("q_failed"), tests.height - passed - warned)
    if tests.height:
        st.caption(t("q_dbt_built", at=f"{tests['generated_at'].max():%Y-%m-%d %H:%M}"))
    shown = value_labels(tests.drop("generated_at"))
    ui.table(ui.rename(shown, column_labels(shown.columns)), "dbt_testit")

if login.allowed(login.visitor(), ANALYST):
    audit_view.show()
