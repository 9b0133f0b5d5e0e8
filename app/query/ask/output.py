"""What an answer shows: the reading it used, as JSON or a table, and the `kuntatalous ask` command."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

import polars as pl

from app.query import db
from app.query.ask.answer import Answer, answer
from app.query.ask.figures import figure_reading
from app.query.ask.parse import Understanding
from app.query.ask.vocabulary import ANNUAL_MEASURES, MEASURE_FI, load_vocabulary


def to_json(result: Answer) -> dict[str, Any]:
    u = result.understanding
    return {
        "question": u.question,
        "answered": u.ok,
        "reason": u.reason,
        "reading": reading(u) if u.ok else "",
        "understood": understood_items(u),
        "recognised": [{"word": w, "as": a} for w, a in u.matched],
        "ignored": u.ignored,
        "unrecognised": u.unknown,
        "ambiguous": u.ambiguous,
        "suggestions": u.suggestions,
        "message": result.message,
        "sql": result.sql,
        "params": result.params,
        "rows": [_json_row(r) for r in result.frame.iter_rows(named=True)],
    }


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in row.items()}


def understood_items(u: Understanding) -> dict[str, Any]:
    return {
        "service_areas": [t.label for t in u.areas],
        "committees": [t.label for t in u.committees],
        "municipalities": [t.label for t in u.municipalities],
        "lines": [t.label for t in u.lines],
        "measures": u.measures,
        "years": u.years,
        "period_months": u.period,
        "series": u.trend,
        "year_periods": {str(y): p for y, p in u.year_periods.items()},
        # where the places asked about reported at different times, each is answered at its own (rows say which)
        "periods_by_place": {str(y): year_periods(u, y) for y in u.place_periods},
        "period_kind": u.period_kind,
        "group": u.group,
        "order": u.order,
        "defaults": u.defaults,
        "base_forms_used": u.morphology,
        "topic": u.topic or "report_tables",
    }


def year_periods(u: Understanding, year: int) -> list[int]:
    """The periods a year is answered at: one, or each place's own where the places reported at different times."""
    return sorted(set(u.place_periods.get(year, {}).values())) or [u.year_periods[year]]


def reading(u: Understanding, words: dict[str, str] | None = None) -> str:
    """The reading an answer used, in one line: place · line · measure · year (period). `words` translates the
    measures (by key) and `area`, `committee`, `desc`, `asc`; Finnish by default. A KPI or risk question reads as
    figure_reading says."""
    if u.topic:
        return figure_reading(u, words)
    w = {**MEASURE_FI, "area": "palvelualueittain", "committee": "lautakunnittain", "desc": "suurin ensin",
         "asc": "pienin ensin", **(words or {})}
    # two towns' committees of one name are two terms with one label: the label is said once (the answer's rows
    # carry the municipality)
    place = ", ".join(dict.fromkeys(t.label for t in u.areas + u.committees + u.municipalities))
    if u.group == "area":
        place = f"{place} {w['area']}".strip()
    elif not u.areas:
        place = place or w["committee"]
    parts = [
        place,
        ", ".join(t.label for t in u.lines),
        ", ".join(w[m] for m in u.measures),
        ", ".join(
            str(y) if all(m in ANNUAL_MEASURES for m in u.measures)
            else f"{y} ({', '.join(f'1–{q}/{y}' for q in year_periods(u, y))})"
            for y in u.year_periods
        ) or ", ".join(map(str, u.years)),
    ]
    if u.order:
        parts.append(w[u.order])
    return " · ".join(p for p in parts if p)


def _print_table(result: Answer) -> None:
    u = result.understanding
    for word, taken in u.matched:
        print(f"  {word!r} -> {taken}")
    if u.ignored:
        print(f"  ohitettu / skipped: {', '.join(u.ignored)}")
    if u.ok:
        print(f"luenta / reading: {reading(u)}")
        with pl.Config(tbl_rows=100, fmt_str_lengths=60):
            print(result.frame)
    if result.message:
        print(result.message)


def _explain(u: Understanding) -> None:
    for word, names in u.ambiguous.items():
        print(f"ambiguous: {word!r} could be {', '.join(names)}", file=sys.stderr)
    for word in u.unknown:
        hint = ", ".join(u.suggestions.get(word) or []) or "-"
        print(f"not recognised: {word!r} (did you mean: {hint})", file=sys.stderr)
    if not u.unknown and not u.ambiguous:
        print("nothing in the question was recognised", file=sys.stderr)


def command(args: argparse.Namespace) -> int:
    """`kuntatalous ask "QUESTION" [--format table|json]`; QUESTION `-` reads one question a line from standard
    input and answers each in turn (JSON: one object a line)."""
    questions = [q.strip() for q in sys.stdin] if args.question == "-" else [args.question]
    questions = [q for q in questions if q]
    try:
        vocab = load_vocabulary(db.fetch)
    except db.WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    code = 0
    for question in questions:
        result = answer(question, db.fetch, vocab)
        u = result.understanding
        if args.format == "json":
            indent = None if args.question == "-" else 2
            print(json.dumps(to_json(result), ensure_ascii=False, indent=indent, default=str), flush=True)
        else:
            _print_table(result)
        if not u.ok:
            _explain(u)
            code = 3
    return code
