"""Kysy: a question in Finnish or English answered from the warehouse — what was understood, table, chart, SQL."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import cached, ui
from app.query import ask, db, fmt
from app.texts import measure_label, t

EXAMPLES = (
    "Kulttuurin henkilöstökulut 2021 ja 2022",
    "paljonko Työllisyyspalvelujen toimintakate oli kesäkuussa 2022",
    "mikä palvelualue on käyttänyt suurimman osan talousarviostaan",
    "toimintatuotot palvelualueittain 2022",
)


@st.cache_data(show_spinner=False)
def _vocabulary(file_key: str) -> ask.Vocabulary:
    return ask.load_vocabulary(cached.query)


ui.require_warehouse()
st.title(t("ask_title"))
with st.expander(t("ask_examples")):
    for example in EXAMPLES:
        st.markdown(f"- {example}")
question = st.text_input(
    t("ask_prompt"), key="ask_question", help=t("ask_help"), placeholder=EXAMPLES[0], max_chars=300
)
if not question.strip():
    st.caption(t("ask_help"))
    st.stop()

result = ask.answer(question, cached.query, _vocabulary(db.file_key()))
u = result.understanding
if not u.ok:
    if u.unknown:
        st.error(t("ask_unknown", words=", ".join(f"”{w}”" for w in u.unknown)))
        hints = sorted({s for w in u.unknown for s in u.suggestions.get(w, [])})
        if hints:
            st.info(t("ask_suggest", words=", ".join(hints)))
    else:
        st.error(t("ask_nothing"))
    st.stop()

default = f" ({t('ask_default')})"
understood = [
    (t("service_area"), ", ".join(a.label for a in u.areas)),
    (t("committee"), ", ".join(c.label for c in u.committees)),
    (t("line"), ", ".join(x.label for x in u.lines) + (default if "line" in u.defaults else "")),
    (t("measure"), ", ".join(measure_label(m) for m in u.measures) + (default if "measure" in u.defaults else "")),
    (t("year"), ", ".join(str(y) for y in u.years) + (default if "year" in u.defaults else "")),
    (t("period"), (t("period_label", m=u.period) if u.period else "") + (default if "period" in u.defaults else "")),
    (t("ask_grouping"), {"area": t("ask_group_area"), "committee": t("ask_group_committee")}.get(u.group or "", "")),
    (t("ask_order"), {"desc": t("ask_order_desc"), "asc": t("ask_order_asc")}.get(u.order or "", "")),
]
st.subheader(t("ask_understood"))
ui.table(
    pl.DataFrame([r for r in understood if r[1]], schema=[t("ask_what"), t("value")], orient="row"), "kysy_ymmarretty"
)

frame = result.frame
if frame.is_empty():
    st.info(t("no_data"))
else:
    # labels made here, in the script's thread: polars runs map_elements elsewhere, where the language in
    # st.session_state cannot be read and every label came out Finnish (and the split below found no percent)
    labels = {m: measure_label(m) for m in ask.MEASURES}
    is_pct = pl.col("measure") == "realization_pct"
    shown = frame.with_columns(
        pl.col("measure").replace_strict(labels),
        pl.format("1–{}/{}", "period_months", "fiscal_year").alias("period"),
    )
    pct = shown.filter(frame["measure"] == "realization_pct")
    money = shown.filter(frame["measure"] != "realization_pct")
    for part, unit in ((money, "€"), (pct, "%")):
        if part.is_empty():
            continue
        labelled = part.with_columns(
            pl.concat_str([pl.col("section"), pl.col("period")], separator=" ").alias("label")
        )
        measures = ", ".join(dict.fromkeys(part["measure"].to_list()))
        lines = ", ".join(dict.fromkeys(part["line_item"].to_list()))
        ui.bar_chart(labelled, "label", "value", f"{lines}: {measures}, {unit}",
                     color="measure" if part["measure"].n_unique() > 1 else None)
    table = ui.rename(
        shown.select("section", "line_item", "period", "measure", "value"),
        {"section": t("section"), "line_item": t("line"), "period": t("period"), "measure": t("measure"),
         "value": t("value")},
    )
    if pct.is_empty():
        ui.table(table, "kysy", money=[t("value")])
    elif money.is_empty():
        ui.table(table, "kysy", percent=[t("value")])
    else:  # euros and percents in one column: each row with its own unit, the download keeps the numbers
        ui.table(table, "kysy", text={t("value"): [
            fmt.pct(v) if p else fmt.eur(v)
            for p, v in zip(frame.select(is_pct).to_series(), frame["value"], strict=True)
        ]})
with st.expander(t("ask_sql")):
    st.code(result.sql.strip(), language="sql")
    st.json(result.params)
