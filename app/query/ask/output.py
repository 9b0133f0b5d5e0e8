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
from app.query.ask.parse import Understanding


def to_json(result: Answer) -> dict[str, Any]:
    u = result.understanding
    return {
        "question": u.question,
        "understood": understood_items(u),
        "recognised": [{"word": w, "as": a} for w, a in u.matched],
        "unrecognised": u.unknown,
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
        "period_kind": u.period_kind,
        "group": u.group,
        "order": u.order,
        "defaults": u.defaults,
    }


def command(args: argparse.Namespace) -> int:
    """`kuntatalous ask "QUESTION" [--format table|json]`."""
    try:
        result = answer(args.question, db.fetch)
    except db.WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    u = result.understanding
    if args.format == "json":
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2, default=str))
    else:
        for word, taken in u.matched:
            print(f"  {word!r} -> {taken}")
        if u.ok:
            with pl.Config(tbl_rows=100, fmt_str_lengths=60):
                print(result.frame)
    if not u.ok:
        if u.unknown:
            for word in u.unknown:
                hint = ", ".join(u.suggestions.get(word) or []) or "-"
                print(f"not recognised: {word!r} (close: {hint})", file=sys.stderr)
        else:
            print("nothing in the question was recognised", file=sys.stderr)
        return 3
    return 0
