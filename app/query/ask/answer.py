"""Answering what was understood: defaults filled in and said so, then one SQL over the report tables' cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from app.query.ask.figures import read_figure_question
from app.query.ask.parse import Understanding, parse
from app.query.ask.vocabulary import ANNUAL_MEASURES, Runner, Term, Vocabulary, load_vocabulary


@dataclass
class Answer:
    understanding: Understanding
    sql: str
    params: list[Any]
    frame: pl.DataFrame
    message: str = ""


# --- answering -------------------------------------------------------------------------------------------------

def _periods_in_scope(u: Understanding, vocab: Vocabulary) -> list[tuple[str, int, int]]:
    """The (place key, year, period) with actuals for the service areas, committees or municipalities asked about."""
    keys = {t.key for t in u.areas + u.committees}
    if not keys and u.group:
        # "palvelualueittain": only the periods the service areas report count, not another town's committee year
        keys = {t.key for t in vocab.terms if t.kind == u.group}
    places = {t.label for t in u.municipalities}
    return [
        (key, y, p) for key, municipality, y, p in vocab.periods
        if (not keys or key in keys) and (not places or municipality in places)
    ]


def _periods_by_place(u: Understanding, year: int, scoped: list[tuple[str, int, int]]) -> dict[str, int]:
    """Each place's own period of a year, when the places asked about last reported at different periods (one
    town's 1–9 report beside another's full year, a committee that reported in November beside one that reported
    in September); empty when they agree, as one period then serves them all."""
    if u.period_kind not in ("latest", "early"):
        return {}
    keys = sorted({k for k, y, _ in scoped if y == year})
    own = {k: p for k in keys if (p := _period_of(u, year, [(y, p) for k2, y, p in scoped if k2 == k])) is not None}
    return own if len(set(own.values())) > 1 else {}


def _period_of(u: Understanding, year: int, reported: list[tuple[int, int]]) -> int | None:
    """The figure a year's question means: the period asked; else a closed year's full-year actual where one is
    printed, a running year's latest period; `alkuvuosi` the latest part of a year."""
    in_year = sorted({p for y, p in reported if y == year})
    if u.period_kind in ("explicit", "full_year"):
        return u.period
    if u.period_kind == "early":
        partial = [p for p in in_year if p < 12]
        return max(partial) if partial else None
    return 12 if not in_year or 12 in in_year else max(in_year)


def _resolve(u: Understanding, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """Fill in defaults (latest year, each year's period, toteuma, toimintakate) and say so; the (year, period,
    measure) cells the answer is made of."""
    scoped = _periods_in_scope(u, vocab)
    reported = [(y, p) for _, y, p in scoped]
    latest_year = max((y for y, _ in reported), default=None)
    if not u.years and latest_year is not None:
        u.years = [latest_year - 1] if u.prev_year else [latest_year]
        u.defaults.append("year")
    elif u.prev_year and latest_year is not None and latest_year - 1 not in u.years:
        u.years = sorted({*u.years, latest_year - 1})
    if not u.lines:
        key = "toimintakulut" if u.spend else "toimintakate"
        u.lines = [Term("line", key, key.capitalize(), (key,))]
        u.defaults.append("line")
    if u.period_kind == "latest":
        u.defaults.append("period")
    u.year_periods = {y: p for y in u.years if (p := _period_of(u, y, reported)) is not None}
    u.place_periods = {y: own for y in u.year_periods if (own := _periods_by_place(u, y, scoped))}
    periods = set(u.year_periods.values()) | {p for own in u.place_periods.values() for p in own.values()}
    u.period = periods.pop() if len(periods) == 1 else None
    measures_named = bool(u.measures)
    if not measures_named:
        u.measures = ["actual"]
        u.defaults.append("measure")
    cells: list[tuple[str | None, int, int, str]] = []  # (place key or None for every place, year, period, measure)
    if u.trend:  # a series: every period reported in the years asked, annual amounts at 12
        u.period = None
        for year, period in sorted(set(reported)):
            if year in u.years:
                cells += [(None, year, period, m) for m in u.measures if m not in ANNUAL_MEASURES]
        cells += [(None, y, 12, m) for y in u.years for m in u.measures if m in ANNUAL_MEASURES]
        return cells
    for year, period in u.year_periods.items():
        for key, own in (u.place_periods.get(year) or {None: period}).items():
            measures = list(u.measures)
            # years side by side, no measure named: a running year's actual to date is shown beside its budget
            if not measures_named and len(u.years) > 1 and own < 12 and u.period_kind == "latest":
                measures.append("budget")
            cells += [(key, year, 12 if m in ANNUAL_MEASURES else own, m) for m in measures]
    return cells


def answer(question: str, run: Runner, vocab: Vocabulary | None = None) -> Answer:
    figure = read_figure_question(question, run)
    if figure is not None:  # key figures and risks the reports print beside their goals
        if not figure.understanding.ok:
            return Answer(figure.understanding, "", [], pl.DataFrame(), message=figure.understanding.reason or "")
        frame = run(figure.sql, figure.params)  # type: ignore[arg-type]
        return Answer(figure.understanding, figure.sql, [figure.params], frame, "" if frame.height else "no data")
    vocab = vocab or load_vocabulary(run)
    u = parse(question, vocab)
    if not u.ok:
        return Answer(u, "", [], pl.DataFrame(), message=u.reason or "")
    cells = _resolve(u, vocab)
    if not cells:
        return Answer(u, "", [], pl.DataFrame(), message="no data")

    where = ["r.account_key in (select unnest($lines))"]
    params: dict[str, Any] = {
        "lines": [t.key for t in u.lines],
        "places": [k for k, _, _, _ in cells],
        "years": [y for _, y, _, _ in cells],
        "periods": [p for _, _, p, _ in cells],
        "measures": [m for _, _, _, m in cells],
    }
    if u.areas:
        where.append("r.service_area_key in (select unnest($areas))")
        params["areas"] = [t.key for t in u.areas]
    elif u.group == "area":
        where.append("r.section_level = 'service_area'")
        if u.committees:
            where.append("r.committee in (select committee from marts.dim_service_area "
                         "where service_area_key in (select unnest($committees)))")
            params["committees"] = [t.key for t in u.committees]
    elif u.committees:
        where.append("r.service_area_key in (select unnest($committees))")
        params["committees"] = [t.key for t in u.committees]
    else:
        where.append("r.section_level = 'committee'")
    if u.municipalities:
        where.append("r.municipality in (select unnest($municipalities))")
        params["municipalities"] = [t.label for t in u.municipalities]
    order_by = "d.code, section, c.line_order, c.fiscal_year, c.period_months, c.measure"
    if u.order:
        # a superlative ranks by the measure asked (the first one named); a cost is largest when most negative
        params["rank_measure"] = u.measures[0]
        direction = "desc" if u.order == "desc" else "asc"
        order_by = (
            "max(case when c.measure = $rank_measure then c.value * "
            "(case when c.measure <> 'realization_pct' and a.sign = -1 then -1 else 1 end) end) "
            f"over (partition by c.service_area_key, c.account_key) {direction} nulls last, " + order_by
        )
    # the report cells (marts.rpt_report_cells) of the places and lines asked, then the cells wanted
    sql = (
        "with long_cells as (\n    select r.*, r.cell_value as value\n    from marts.rpt_report_cells as r\n    where "
        + "\n      and ".join(where)
        + """
),
wanted as (
    select
        unnest($places) as place_key, unnest($years) as fiscal_year, unnest($periods) as period_months,
        unnest($measures) as measure
)
select c.municipality, coalesce(d.service_area, c.section) as section, c.line_item, c.fiscal_year, c.period_months, c.measure,
       c.value
from long_cells as c
inner join wanted as w
    on c.fiscal_year = w.fiscal_year and c.period_months = w.period_months and c.measure = w.measure
    and (w.place_key is null or c.service_area_key = w.place_key)
left join marts.dim_service_area as d using (service_area_key)
left join marts.dim_account as a using (account_key)
"""
        + f"order by {order_by}"
    )
    # DuckDB takes named parameters as a dict
    frame = run(sql, params)  # type: ignore[arg-type]
    message = "" if frame.height else "no data"
    return Answer(u, sql, [params], frame, message)
