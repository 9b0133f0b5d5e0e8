"""Kysy: a question in Finnish or English answered from the warehouse — what was understood, table, chart, SQL."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import cached, figures, login, ui
from app.query import ask, db, fmt
from app.texts import measure_label, t

EXAMPLES = (
    "Kulttuurin henkilöstökulut 2021 ja 2022",
    "paljonko Työllisyyspalvelujen toimintakate oli kesäkuussa 2022",
    "Millä palvelualueella henkilöstökulujen toteumaprosentti on suurin vuonna 2022?",
    "Paljonko Kiinteistö- ja mittauspalvelut sai vuokratuottoja vuonna 2021?",
    "toimintatuotot palvelualueittain 2022",
    "How much were Kulttuuri's personnel costs in the first half of 2022?",
    "Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?",
    "Mitkä riskit ovat merkittävimpiä?",
)


@st.cache_data(show_spinner=False)
def _vocabulary(file_key: str) -> ask.Vocabulary:
    return ask.load_vocabulary(cached.query)


def _figure_answer(result: ask.Answer) -> None:
    u = result.understanding
    words = {f"kpi_{kind}": t(f"k_{kind}").lower() for kind in figures.KINDS} | {
        "risks": t("r_title").lower(), "all_committees": t("ask_all_committees"),
        "latest_report": t("ask_latest_report"), "top": t("ask_top_risks"), "desc": t("ask_risk_order")}
    st.markdown(f"**{t('ask_reading', reading=ask.reading(u, words))}**")
    if u.ignored:
        st.caption(t("ask_skipped", words=", ".join(dict.fromkeys(u.ignored))))
    default = f" ({t('ask_default')})"
    understood = [
        (t("committee"), ", ".join(c.label for c in u.committees) + (default if "committee" in u.defaults else "")),
        (t("k_indicator"), ", ".join(x.label for x in u.lines)),
        (t("k_kind"), ", ".join(t(f"k_{k}") for k in u.measures) + (default if "measure" in u.defaults else "")),
        (t("year"), ", ".join(str(y) for y in u.years) + (default if "year" in u.defaults else "")),
    ] if u.topic == "kpi" else [
        (t("committee"), ", ".join(c.label for c in u.committees) or t("ask_all_committees")),
        (t("ask_order"), words[u.order or "desc"]),
    ]
    st.subheader(t("ask_understood"))
    ui.table(pl.DataFrame([r for r in understood if r[1]], schema=[t("ask_what"), t("value")], orient="row"),
             "kysy_ymmarretty")
    if result.frame.is_empty():
        st.info(t("no_data"))
    elif u.topic == "kpi":
        figures.kpi_figures(result.frame, "kysy_tunnusluvut")
    else:
        figures.risk_figures(result.frame, "kysy_riskit")
    with st.expander(t("ask_sql")):
        st.code(result.sql.strip(), language="sql")
        st.json(result.params)


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
login.log_use("question", question, result.frame.height if u.ok else None, "ok" if u.ok else "not understood")
unknown = ", ".join(f"”{w}”" for w in u.unknown)
hints = sorted({s for w in u.unknown for s in u.suggestions.get(w, [])})
if not u.ok:
    for word, names in u.ambiguous.items():
        st.error(t("ask_ambiguous", word=word, names=", ".join(names)))
    if u.unknown:
        st.error(t("ask_incomplete" if u.reason == "not understood" and not u.ambiguous else "ask_unknown",
                   words=unknown))
    elif not u.ambiguous:
        st.error(t("ask_nothing"))
    if hints:
        st.info(t("ask_suggest", words=", ".join(hints)))
    st.stop()

if u.topic:  # a key figure or risk question: the reading, then the figures as the Tavoitteet page shows them
    _figure_answer(result)
    st.stop()

# the reading the answer used, in one line, so a wrong reading is visible at a glance
words = {m: measure_label(m).lower() for m in ask.MEASURES} | {
    "area": t("ask_group_area"), "committee": t("ask_group_committee"), "desc": t("ask_order_desc"),
    "asc": t("ask_order_asc")}
st.markdown(f"**{t('ask_reading', reading=ask.reading(u, words))}**")
if u.unknown:
    st.warning(t("ask_unknown_answered", words=unknown))
if u.ignored:
    st.caption(t("ask_skipped", words=", ".join(dict.fromkeys(u.ignored))))
default = f" ({t('ask_default')})"
periods = ", ".join(t("period_label", m=p) + f" {y}" for y in u.year_periods for p in ask.year_periods(u, y))
understood = [
    (t("service_area"), ", ".join(a.label for a in u.areas)),
    (t("committee"), ", ".join(c.label for c in u.committees)),
    (t("line"), ", ".join(x.label for x in u.lines) + (default if "line" in u.defaults else "")),
    (t("measure"), ", ".join(measure_label(m) for m in u.measures) + (default if "measure" in u.defaults else "")),
    (t("year"), ", ".join(str(y) for y in u.years) + (default if "year" in u.defaults else "")),
    (t("period"), periods + (default if "period" in u.defaults else "")),
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
    # the town is named only where the answer spans several (two towns' Ympäristölautakunta look alike otherwise)
    towns = [pl.col("municipality")] if frame["municipality"].n_unique() > 1 else []
    pct = shown.filter(frame["measure"] == "realization_pct")
    money = shown.filter(frame["measure"] != "realization_pct")
    for part, unit in ((money, "€"), (pct, "%")) if not u.trend else ():  # a series gets its line chart below
        if part.is_empty():
            continue
        labelled = part.with_columns(
            pl.concat_str([*towns, pl.col("section"), pl.col("period")], separator=" ").alias("label")
        )
        measures = ", ".join(dict.fromkeys(part["measure"].to_list()))
        lines = ", ".join(dict.fromkeys(part["line_item"].to_list()))
        ui.bar_chart(labelled, "label", "value", f"{lines}: {measures}, {unit}",
                     color="measure" if part["measure"].n_unique() > 1 else None)
    if u.trend:  # a series was asked for: months across, one line per section and year (never across years)
        series = shown.with_columns(
            pl.concat_str([*towns, pl.col("section"), pl.col("fiscal_year").cast(pl.String)], separator=" ")
            .alias("label")
        )
        ui.month_chart(series, "period_months", "value", "label",
                       f"{', '.join(dict.fromkeys(shown['line_item'].to_list()))}: "
                       f"{', '.join(dict.fromkeys(shown['measure'].to_list()))}")
    table = ui.rename(
        shown.select(*(["municipality"] if towns else []), "section", "line_item", "period", "measure", "value"),
        {"municipality": t("municipality"), "section": t("section"), "line_item": t("line"), "period": t("period"), "measure": t("measure"),
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
