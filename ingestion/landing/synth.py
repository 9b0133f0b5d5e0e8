"""`kuntatalous synth`: synthetic GL postings for tests at scale and benchmarks — never real data.

The targets are the seed report's own figures, read through the extractor: the 1–6/2022 actuals (TOT 2022 6 kk,
in euros) of every service area's detail lines. Each target is spread in exact cents over postings on the accounts
that map to the line (seeds/gl_account_map.csv), the service area's cost centres (seeds/cost_centre_map.csv) and
days of January–June 2022, so that summing the postings per service area and line gives the printed figure to the
cent. Written in the Finnish export style the landing folder sees (`;`, decimal comma, d.m.yyyy) or as Parquet."""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from ingestion.paths import ACCOUNT_MAP, COST_CENTRE_MAP, SEEDS_DIR, landing_dir
from ingestion.sqltext import q

SEED_REPORT = "reports/heinola_elinvoimalautakunta_2022_06.txt"
FISCAL_YEAR, PERIOD_MONTHS = 2022, 6


@dataclass(frozen=True)
class Target:
    service_area: str  # as in seeds/service_areas.csv and cost_centre_map.csv
    line_code: str
    cents: int  # the printed actual, in cents


def label_key(label: str) -> str:
    """Labels match in lower case on letters and digits of any script only: the rule of macros/label_match_key.sql
    (tests/warehouse/test_label_match_key.py runs both on the same labels)."""
    return "".join(ch for ch in label.lower() if ch.isalnum())


def _read(seed: str | Path) -> list[dict[str, str]]:
    with (SEEDS_DIR / seed).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def seed_targets(report: Path) -> tuple[str, list[Target]]:
    """The report's 6-month actuals per service area and detail line (subtotals left out: they follow)."""
    from ingestion.extract import extract_report

    rows = [
        r for r in extract_report(report)
        if r.measure == "actual" and r.fiscal_year == FISCAL_YEAR and r.period_months == PERIOD_MONTHS
        and r.section_level == "service_area" and r.table_kind == "income_statement"
    ]
    if not rows:
        raise SystemExit(f"{report}: no {PERIOD_MONTHS}-month {FISCAL_YEAR} service-area actuals in the report")
    municipality = rows[0].municipality
    lines = {r["line_code"]: r for r in _read("income_statement_lines.csv")}
    labels = {label_key(r["line_name"]): r["line_code"] for r in lines.values()}
    labels.update({label_key(r["printed_label"]): r["line_code"] for r in _read("account_labels.csv")
                   if r["municipality"] == municipality and r["table_kind"] == "income_statement"})
    areas = {label_key(r["service_area"]): r["service_area"] for r in _read("service_areas.csv")
             if r["municipality"] == municipality}
    by_key = {r["service_area_key"]: r["service_area"] for r in _read("service_areas.csv")}
    areas.update({label_key(r["alias"]): by_key[r["service_area_key"]] for r in _read("service_area_aliases.csv")
                  if r["municipality"] == municipality})
    printed: dict[str, dict[str, Decimal]] = {}
    for r in rows:
        area = areas.get(label_key(r.section))
        code = labels.get(label_key(r.line_item))
        if area is None or code is None:
            raise SystemExit(f"{report} line {r.source_line}: cannot map {r.section!r} / {r.line_item!r} to the seeds")
        printed.setdefault(area, {})[code] = r.amount
    targets = []
    for area, amounts in printed.items():
        subtotals = {lines[c]["parent_code"] for c in amounts}
        targets += [Target(area, code, int(amount * 100)) for code, amount in amounts.items()
                    if code not in subtotals and amount != 0]
    return municipality, targets


def _descendants(code: str, lines: dict[str, dict[str, str]]) -> set[str]:
    found = {code}
    changed = True
    while changed:
        more = {c for c, r in lines.items() if r["parent_code"] in found} - found
        changed = bool(more)
        found |= more
    return found


def postings(municipality: str, targets: list[Target], rows: int, seed: int) -> tuple[pa.Table, list, list]:
    """`rows` postings whose sums per (service area, line) are the targets exactly."""
    rng = np.random.default_rng(seed)
    lines = {r["line_code"]: r for r in _read("income_statement_lines.csv")}
    accounts = [r for r in _read(ACCOUNT_MAP) if r["municipality"] == municipality]
    centres = [r for r in _read(COST_CENTRE_MAP) if r["municipality"] == municipality]
    if rows < len(targets):
        raise SystemExit(f"--rows must be at least {len(targets)} (one posting per printed figure)")
    magnitude = np.array([abs(t.cents) for t in targets], dtype=np.int64)
    counts = np.maximum(1, np.floor(rows * magnitude / magnitude.sum())).astype(np.int64)
    counts = np.minimum(counts, magnitude)
    while counts.sum() < rows:  # top up the largest figures (each posting needs at least one cent)
        room = np.where(counts < magnitude, magnitude - counts, 0)
        if not room.any():
            raise SystemExit(f"the figures hold only {counts.sum()} cents' worth of postings")
        order = np.argsort(-room)
        give = min(rows - int(counts.sum()), int((room > 0).sum()))
        counts[order[:give]] += 1
    while counts.sum() > rows:
        counts[np.argmax(counts)] -= 1

    group = np.repeat(np.arange(len(targets)), counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    position = np.arange(rows) - starts[group]
    # each posting gets 1 cent plus a random share of the rest; the leftover cents go one each to the first rows
    weight = rng.gamma(0.8, 1.0, rows) + 1e-9
    share = weight / np.add.reduceat(weight, starts)[group]
    spare = (magnitude - counts)[group]
    cents = 1 + np.floor(share * spare).astype(np.int64)
    leftover = magnitude - np.add.reduceat(cents, starts)
    cents += (position < leftover[group]).astype(np.int64)
    signs = np.sign([t.cents for t in targets]).astype(np.int64)
    cents *= signs[group]

    account_pick = np.empty(rows, dtype=np.int32)
    centre_pick = np.empty(rows, dtype=np.int32)
    for g, target in enumerate(targets):
        wanted = _descendants(target.line_code, lines)
        choices = [i for i, a in enumerate(accounts) if a["line_code"] in wanted]
        signed = [i for i in choices if int(lines[accounts[i]["line_code"]]["sign"]) in (0, int(signs[g]))]
        places = [i for i, c in enumerate(centres) if c["service_area"] == target.service_area]
        if not choices or not places:
            raise SystemExit(f"no account or cost centre in the seeds for {target.service_area} / {target.line_code}")
        span = slice(starts[g], starts[g] + counts[g])
        account_pick[span] = rng.choice(signed or choices, counts[g])
        centre_pick[span] = rng.choice(places, counts[g])

    first = date(FISCAL_YEAR, 1, 1).toordinal()
    days = rng.integers(0, date(FISCAL_YEAR, PERIOD_MONTHS + 1, 1).toordinal() - first, rows)
    order = np.lexsort((rng.random(rows), days))  # postings in date order, like an export
    doc_sizes = rng.integers(1, 7, rows)
    doc_of_row = np.repeat(np.arange(len(doc_sizes)), doc_sizes)[:rows]
    doc_starts = np.concatenate([[0], np.flatnonzero(np.diff(doc_of_row)) + 1])
    line_in_doc = np.arange(rows) - np.repeat(doc_starts, np.diff(np.append(doc_starts, rows)))
    return pa.table({
        "day": pa.array(days[order].astype(np.int32)),
        "account_ix": pa.array(account_pick[order]),
        "centre_ix": pa.array(centre_pick[order]),
        "cents": pa.array(cents[order]),
        "document": pa.array(doc_of_row.astype(np.int64) + 1),
        "document_line": pa.array(line_in_doc.astype(np.int32) + 1),
        "project": pa.array(rng.integers(0, 12, rows).astype(np.int8)),
    }), accounts, centres


def write(municipality: str, table: pa.Table, accounts: list[dict], centres: list[dict], output: Path) -> None:
    con = duckdb.connect()
    con.register("generated", table)
    con.execute("CREATE TEMP TABLE accounts (ix INTEGER, account VARCHAR, account_name VARCHAR)")
    con.executemany("INSERT INTO accounts VALUES (?, ?, ?)",
                    [[i, a["account"], a["account_name"]] for i, a in enumerate(accounts)])
    con.execute("CREATE TEMP TABLE centres (ix INTEGER, cost_centre VARCHAR, cost_centre_name VARCHAR)")
    con.executemany("INSERT INTO centres VALUES (?, ?, ?)",
                    [[i, c["cost_centre"], c["cost_centre_name"]] for i, c in enumerate(centres)])
    typed = f"""
        SELECT {q(municipality)} AS municipality,
               DATE '{FISCAL_YEAR}-01-01' + g.day AS posting_date,
               c.cost_centre, a.account,
               CAST(g.cents AS DECIMAL(18,2)) / 100 AS amount_eur,
               'T{FISCAL_YEAR}-' || lpad(CAST(g.document AS VARCHAR), 8, '0') AS document_id,
               g.document_line,
               a.account_name || ', ' || c.cost_centre_name || ' (synteettinen)' AS description,
               CASE WHEN g.project < 2 THEN 'P-{FISCAL_YEAR}-' || (g.project + 1) END AS project
        FROM generated AS g JOIN accounts AS a ON a.ix = g.account_ix JOIN centres AS c ON c.ix = g.centre_ix
        ORDER BY g.document, g.document_line"""
    output.parent.mkdir(parents=True, exist_ok=True)
    target = q(str(output))
    if output.suffix.lower() == ".parquet":
        con.execute(f"COPY ({typed}) TO {target} (FORMAT parquet)")
    else:
        finnish = f"""
            SELECT municipality AS kunta, strftime(posting_date, '%-d.%-m.%Y') AS kirjauspäivä,
                   cost_centre AS kustannuspaikka, account AS tili,
                   replace(CAST(CAST(amount_eur AS DECIMAL(18,2)) AS VARCHAR), '.', ',') AS summa,
                   document_id AS tosite, document_line AS rivi, description AS selite, project AS projekti
            FROM ({typed})"""
        con.execute(f"COPY ({finnish}) TO {target} (FORMAT csv, HEADER, DELIMITER ';')")
    con.close()


def command(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if landing_dir() in output.resolve().parents:
        print("kuntatalous synth: synthetic postings never go to the landing folder; write to build/ or tmp",
              file=sys.stderr)
        return 1
    report = Path(getattr(args, "report", None) or landing_dir() / SEED_REPORT)
    municipality, targets = seed_targets(report)
    table, accounts, centres = postings(municipality, targets, args.rows, args.seed)
    write(municipality, table, accounts, centres, output)
    print(f"{output}: {args.rows} synthetic postings, {len(targets)} figures of {report.name} reproduced to the cent")
    return 0
