"""Tietojen laatu: the last build's load log, rejected rows, Great Expectations results and dbt test results."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import streamlit as st

from app import cached, ui
from app.query import queries
from app.texts import column_labels, t, value_labels
from ingestion import paths


def dbt_results() -> tuple[Path, pl.DataFrame] | None:
    """dbt's run_results.json of the last build (the build keeps it among its artifacts)."""
    candidates = sorted(
        paths.artifacts_dir().rglob("run_results.json"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    if not candidates:
        return None
    data = json.loads(candidates[0].read_text(encoding="utf-8"))
    rows = [
        {
            "unique_id": r.get("unique_id"),
            "status": r.get("status"),
            "failures": r.get("failures"),
            "message": r.get("message"),
            "seconds": round(float(r.get("execution_time") or 0), 2),
        }
        for r in data.get("results", [])
        if str(r.get("unique_id", "")).startswith(("test.", "unit_test."))
    ]
    schema = {"unique_id": pl.String, "status": pl.String, "failures": pl.Int64, "message": pl.String,
              "seconds": pl.Float64}
    return candidates[0], pl.DataFrame(rows, schema=schema)


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
section(t("q_gx"), queries.QUALITY_GX_SQL, "gx_tulokset")

st.subheader(t("q_dbt"))
found = dbt_results()
if found is None:
    st.info(t("q_dbt_missing", path=paths.artifacts_dir()))
else:
    where, tests = found
    passed = tests.filter(pl.col("status") == "pass").height
    c1, c2 = st.columns(2)
    c1.metric(t("q_passed"), passed)
    c2.metric(t("q_failed"), tests.height - passed)
    st.caption(str(where))
    shown = value_labels(tests.sort("status", "unique_id"))
    ui.table(ui.rename(shown, column_labels(tests.columns)), "dbt_testit")
