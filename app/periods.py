"""The reporting periods in the warehouse, for the pages' period pickers."""

from __future__ import annotations

import streamlit as st

from app import cached, ui
from app.texts import t

PERIODS_SQL = """
    select distinct fiscal_year, period_months
    from marts.rpt_income_statement
    where ytd_actual_eur is not null
    order by fiscal_year desc, period_months desc
"""


def pick_period(key: str) -> tuple[int, int]:
    """A select box of reporting periods, latest first."""
    pairs = [(int(y), int(p)) for y, p in cached.query(PERIODS_SQL).iter_rows()]
    if not pairs:
        st.info(t("no_data"))
        st.stop()
    return st.selectbox(t("period"), pairs, format_func=lambda yp: ui.period_label(*yp), key=key)
