"""The key figures (Tunnusluvut) and risks (Riskienhallinta) a report prints beside its goals, for the Tavoitteet
page: KPIs as target against actual and forecast by year, risks as a probability × significance matrix."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import polars as pl
import streamlit as st

from app import cached, ui
from app.query import fmt, queries
from app.texts import lang, t

KINDS = ("actual", "forecast", "target")
# words a report prints before a target that is a bound, kept by the reader as the qualifier (ingestion/extract/kpis.py)
BOUNDS = {"yli", "alle", "vähintään", "enintään", "min.", "max."}
KIND_COLORS = {"actual": "#1565c0", "forecast": "#90caf9", "target": "#2e7d32"}
_UNITS = {"EUR per inhabitant": ("€/as.", "€/inhabitant"), "EUR": ("€", "€"), "PCT": ("%", "%"), "count": ("", "")}


def _sign(unit: str) -> str:
    return _UNITS.get(unit, ("", ""))[1 if lang() == "en" else 0]


def kpi_value(value, unit: str, printed: str | None) -> str:
    """A KPI value in Finnish format with as many decimals as the report printed (`199,10 €/as.`, `43,5 %`)."""
    if value is None:
        return ""
    decimals = len(m.group(1)) if printed and (m := re.search(r",(\d+)", printed)) else 0
    sign = _sign(unit)
    text = fmt.number(value, decimals)
    return f"{text}{fmt.SPACE}{sign}" if sign else text


def kpi_section(year: int) -> None:
    st.subheader(t("k_title"))
    kpis = cached.query(queries.KPIS_SQL, {"year": year})
    if kpis.is_empty():
        st.info(t("k_none", year=year))
        return
    kpi_figures(kpis, f"tunnusluvut_{year}")


def kpi_figures(kpis: pl.DataFrame, name: str) -> None:
    """KPI values (fact_kpi's columns) as a table of target against actual and forecast by year, and a bar chart
    per indicator; `name` names the table's downloads. The Tavoitteet page and the Kysy page's answers share it."""
    labels = {kind: t(f"k_{kind}") for kind in KINDS}
    rows = []
    for (committee, indicator, unit, value_year), group in kpis.group_by(
            "committee", "indicator", "unit", "value_year", maintain_order=True):
        row = {"committee": committee, "indicator": indicator, "value_year": value_year}
        notes = []
        for kind in KINDS:
            match = group.filter(pl.col("value_kind") == kind)
            row[kind] = match["value"][0] if match.height else None
            row[f"{kind}_text"] = kpi_value(row[kind], unit, match["printed_text"][0] if match.height else None)
            qualifier = (match["qualifier"][0] or "") if match.height else ""
            # a bound is part of the value as printed (`yli 80`); other qualifiers are notes beside it
            bound, _, rest = qualifier.partition(" ")
            if bound not in BOUNDS:
                bound, rest = "", qualifier
            if bound:
                row[f"{kind}_text"] = f"{bound} {row[f'{kind}_text']}"
            if rest:
                notes.append(f"{labels[kind]}: {rest}")
        row["note"] = "; ".join(notes)
        rows.append(row)
    table = pl.DataFrame(rows, schema_overrides={k: kpis.schema["value"] for k in KINDS}, strict=False)
    ui.table(
        ui.rename(table.select("indicator", "value_year", *KINDS, "note"),
                  {"indicator": t("k_indicator"), "value_year": t("k_year"), **labels, "note": t("k_note")}),
        name,
        text={labels[kind]: table[f"{kind}_text"].to_list() for kind in KINDS},
    )
    for indicator, unit in kpis.select("indicator", "unit").unique(maintain_order=True).iter_rows():
        series = kpis.filter(pl.col("indicator") == indicator).with_columns(
            pl.col("value_year").cast(pl.String),
            pl.col("value_kind").replace(labels).alias("kind"),
        )
        sign = _sign(unit) or unit
        ui.bar_chart(series, "value_year", "value", t("k_chart", indicator=indicator, unit=sign), color="kind",
                     colors={labels[k]: KIND_COLORS[k] for k in KINDS})


def risk_section(year: int) -> None:
    st.subheader(t("r_title"))
    risks = cached.query(queries.RISKS_SQL, {"year": year})
    if risks.is_empty():
        st.info(t("r_none", year=year))
        return
    risk_figures(risks, f"riskit_{year}")


def risk_figures(risks: pl.DataFrame, name: str) -> None:
    """Risks (fact_risk's columns) as the probability × significance matrix and a table with their mitigation."""
    st.altair_chart(risk_matrix(risks), width="content")
    values = [f"{v} {t('r_computed')}" if not printed else str(v)
              for v, printed in zip(risks["risk_value"], risks["risk_value_printed"], strict=True)]
    ui.table(
        ui.rename(risks.select("risk", "probability", "significance", "risk_value", "mitigation", "responsible"),
                  {"risk": t("r_risk"), "probability": t("r_probability"), "significance": t("r_significance"),
                   "risk_value": t("r_value"), "mitigation": t("r_mitigation"), "responsible": t("g_responsible")}),
        name,
        text={t("r_value"): values},
    )


def risk_matrix(risks: pl.DataFrame) -> alt.LayerChart:
    """The 5 × 5 risk matrix: cells coloured by probability × significance, each risk named in its cell."""
    x_title, y_title = t("r_probability"), t("r_significance")
    grid = pd.DataFrame([{"p": p, "s": s, "value": p * s} for p in range(1, 6) for s in range(1, 6)])
    scale_x = alt.X("p:O", title=x_title, scale=alt.Scale(domain=[1, 2, 3, 4, 5]), axis=alt.Axis(labelAngle=0))
    scale_y = alt.Y("s:O", title=y_title, scale=alt.Scale(domain=[5, 4, 3, 2, 1]))
    cells = alt.Chart(grid).mark_rect(stroke="white").encode(
        x=scale_x, y=scale_y,
        color=alt.Color("value:Q", scale=alt.Scale(domain=[1, 9, 25], range=["#a5d6a7", "#fff59d", "#ef9a9a"]),
                        legend=None),
    )
    placed = (
        risks.group_by("probability", "significance")
        .agg(pl.col("risk").sort().str.join("\n").alias("risks"), pl.col("risk_value").max())
        .rename({"probability": "p", "significance": "s"})
        .to_pandas()
    )
    names = alt.Chart(placed).mark_text(fontSize=11, fontWeight="bold", lineBreak="\n").encode(
        x=scale_x, y=scale_y, text="risks:N",
        tooltip=[alt.Tooltip("risks:N", title=t("r_risk")), alt.Tooltip("p:O", title=x_title),
                 alt.Tooltip("s:O", title=y_title), alt.Tooltip("risk_value:Q", title=t("r_value"))],
    )
    return (cells + names).properties(title=t("r_matrix"), width=640, height=360)
