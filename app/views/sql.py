"""SQL: a read-only console for analysts, with example queries and the marts' documentation beside it."""

from __future__ import annotations

import streamlit as st

from app import cached, login, ui
from app.access.roles import ANALYST
from app.query import queries, sql_guard
from app.texts import column_labels, t

EXAMPLES = {
    "Henkilöstökulut palvelualueittain": (
        "select d.municipality, d.service_area, r.fiscal_year, r.period_months,\n"
        "       r.budget_eur, r.ytd_actual_eur, r.remaining_eur, r.realization_pct\n"
        "from marts.rpt_income_statement as r\n"
        "join marts.dim_service_area as d using (service_area_key)\n"
        "where r.account_key = 'henkilostokulut' and r.section_level = 'service_area'\n"
        "order by d.municipality, r.fiscal_year desc, r.period_months desc, d.code"
    ),
    "Toimintakate vuosittain": (
        "select service_area_key, fiscal_year, period_months, scenario, sum(amount_eur) as eur\n"
        "from marts.fact_budget\nwhere account_key = 'toimintakate'\ngroup by all\norder by all"
    ),
    "Tavoitteiden tilat": (
        "select committee, status, count(*) as goals\nfrom marts.fact_goal\ngroup by all\norder by all"
    ),
    "Palvelualueet ja nimien vaihtoehdot": (
        "select service_area_key, service_area, aliases, valid_from, valid_to\nfrom marts.dim_service_area\n"
        "order by code"
    ),
}

login.require(ANALYST)
ui.require_warehouse()
st.title(t("sql_title"))
st.caption(t("sql_intro", rows=sql_guard.MAX_ROWS, secs=int(sql_guard.TIMEOUT_S)))
main, side = st.columns([3, 2])
with main:
    example = st.selectbox(t("sql_examples"), list(EXAMPLES), key="sql_example")
    if st.session_state.get("sql_last_example") != example:
        st.session_state["sql_text"] = EXAMPLES[example]
        st.session_state["sql_last_example"] = example
    text = st.text_area(t("sql_query"), key="sql_text", height=180)
    st.button(t("sql_run"), key="sql_run", type="primary")
    try:
        result = sql_guard.run(text)
    except sql_guard.Refused as exc:
        login.log_use("sql", text, None, f"refused: {exc}")
        st.error(t("sql_refused", reason=exc))
    else:
        login.log_use("sql", text, result.frame.height, "truncated" if result.truncated else "ok")
        st.caption(t("sql_rows", n=result.frame.height))
        if result.truncated:
            st.warning(t("sql_truncated", rows=result.max_rows))
        ui.table(result.frame, "sql_tulos")
with side:
    st.subheader(t("sql_docs"))
    docs = cached.query(queries.SQL_DOCS_SQL)
    for table in docs["table_name"].unique(maintain_order=True).to_list():
        part = docs.filter(docs["table_name"] == table)
        with st.expander(f"marts.{table}"):
            comment = part["table_comment"][0]
            if comment:
                st.caption(comment)
            part = part.select("column_name", "data_type", "comment")
            ui.table(ui.rename(part, column_labels(part.columns)), f"dokumentaatio_{table}")
