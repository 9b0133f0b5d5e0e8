"""The audit log as analysts read it on the data-quality page: newest first, and what is wrong with the file."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import ui
from app.access import audit
from app.texts import column_labels, t
from ingestion import paths

SHOWN = 1000  # newest entries on the page; the file keeps them all


def show() -> None:
    st.subheader(t("audit_title"))
    path = paths.audit_log()
    log = audit.read(path, limit=SHOWN)
    for problem in log.problems:
        st.warning(t("audit_broken", problem=problem))
    for problem in audit.problems():
        st.error(t("audit_write_failed", problem=problem))
    st.caption(t("audit_intro", n=len(log.entries), path=path))
    if not log.entries:
        st.caption(t("q_none"))
        return
    schema = {"at": pl.String, "user": pl.String, "role": pl.String, "ip": pl.String, "action": pl.String,
              "text": pl.String, "rows": pl.Int64, "outcome": pl.String}
    frame = pl.DataFrame(
        [{k: (v if k == "rows" or v is None else str(v)) for k, v in e.items()} for e in log.entries],
        schema=schema, strict=False,
    ).with_columns(
        pl.col("user").fill_null(t("audit_no_login")),
        pl.col("role").replace({"viewer": t("role_viewer"), "analyst": t("role_analyst")}),
        pl.col("action").replace({"sql": t("nav_sql"), "question": t("nav_ask")}),
    )
    ui.table(ui.rename(frame, column_labels(frame.columns)), "kayttoloki")
