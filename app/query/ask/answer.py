"""Answering what was understood: defaults filled in and said so, then one SQL over the report tables' cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from app.query import queries
from app.query.ask.figures import read_figure_question
from app.query.ask.parse import Understanding, parse
from app.query.ask.vocabulary import Runner, Term, Vocabulary, load_vocabulary


@dataclass
class Answer:
    understanding: Understanding
    sql: str
    params: list[Any]
    frame: pl.DataFrame
    message: str = ""


# --- answering -------------------------------------------------------------------------------------------------

def _periods_in_scope(u: Understanding, vocab: Vocabulary) -> list[tuple[int, int]]:
    """The (year, period) pairs reported for the service areas, committees or municipalities asked about."""
    keys = {t.key for t in u.areas + u.committees}
    places = {t.label for t in u.municipalities}
    return [
        (y, p) for key, municipality, y, p in vocab.periods
        if (not keys or key in keys) and (not places or municipality in places)
    ]


def _resolve(u: Understanding, vocab: Vocabulary) -> None:
    """Fill in defaults (latest year, latest period, toimintakate) and say so."""
    periods = _periods_in_scope(u, vocab)
    latest_year = max((y for y, _ in periods), default=None)
    if not u.years and latest_year is not None:
        u.years = [latest_year - 1] if u.prev_year else [latest_year]
        u.defaults.append("year")
    elif u.prev_year and latest_year is not None and latest_year - 1 not in u.years:
        u.years = sorted({*u.years, latest_year - 1})
    if not u.measures:
        u.measures = ["actual"]
        u.defaults.append("measure")
    if not u.lines:
        key = "toimintakulut" if u.spend else "toimintakate"
        u.lines = [Term("line", key, key.capitalize(), (key,))]
        u.defaults.append("line")
    if u.period_kind == "early":
        partial = [p for y, p in periods if y in u.years and p < 12]
        u.period = max(partial) if partial else None
    elif u.period is None:
        in_years = [p for y, p in periods if y == max(u.years, default=0)]
        u.period = max(in_years) if in_years else 12
        u.defaults.append("period")


def answer(question: str, run: Runner, vocab: Vocabulary | None = None) -> Answer:
    figure = read_figure_question(question, run)
    if figure is not None:  # key figures and risks the reports print beside their goals
        if figure.understanding.unknown:
            return Answer(figure.understanding, "", [], pl.DataFrame(), message="not understood")
        frame = run(figure.sql, figure.params)  # type: ignore[arg-type]
        return Answer(figure.understanding, figure.sql, [figure.params], frame, "" if frame.height else "no data")
    vocab = vocab or load_vocabulary(run)
    u = parse(question, vocab)
    if not u.ok:
        return Answer(u, "", [], pl.DataFrame(), message="not understood")
    _resolve(u, vocab)

    where = ["c.account_key in (select unnest($lines))", "c.measure in (select unnest($measures))",
             "c.fiscal_year in (select unnest($years))"]
    params: dict[str, Any] = {
        "lines": [t.key for t in u.lines],
        "measures": u.measures,
        "years": u.years,
        "period": u.period,
    }
    # annual amounts live at period 12; the rest at the asked period
    where.append("c.period_months = case when c.measure in ('budget', 'original_budget', 'forecast') "
                 "then 12 else $period end")
    if u.areas:
        where.append("c.service_area_key in (select unnest($areas))")
        params["areas"] = [t.key for t in u.areas]
    elif u.group == "area":
        where.append("c.section_level = 'service_area'")
        if u.committees:
            where.append("c.committee in (select committee from marts.dim_service_area "
                         "where service_area_key in (select unnest($committees)))")
            params["committees"] = [t.key for t in u.committees]
    elif u.committees:
        where.append("c.service_area_key in (select unnest($committees))")
        params["committees"] = [t.key for t in u.committees]
    else:
        where.append("c.section_level = 'committee'")
    if u.municipalities:
        where.append("c.municipality in (select unnest($municipalities))")
        params["municipalities"] = [t.label for t in u.municipalities]
    order = "c.value desc" if u.order == "desc" else "c.value asc" if u.order == "asc" else None
    order_by = order or "d.code, section, c.line_order, c.fiscal_year, c.period_months, c.measure"
    sql = (
        queries.LONG_CELLS
        + "select coalesce(d.service_area, c.section) as section, c.line_item, c.fiscal_year, c.period_months,\n"
        + "       c.measure, c.value\n"
        + "from long_cells as c\nleft join marts.dim_service_area as d using (service_area_key)\nwhere "
        + "\n  and ".join(where) + f"\norder by {order_by}"
    )
    # DuckDB takes named parameters as a dict
    frame = run(sql, params)  # type: ignore[arg-type]
    message = "" if frame.height else "no data"
    return Answer(u, sql, [params], frame, message)
