"""`kuntatalous extract`: every printed number of a published budget follow-up report's budget tables as ledger
rows (docs/architecture.md "Ledger extract").

    text.py       report (PDF or text) → lines
    document.py   municipality, reporting period, committee headings
    tables.py     find tables: header, title, committee, rows (label + number tokens)
    headers.py    column headers → measure, year, period, unit
    numbers.py    the ways tokens group into numbers
    settle.py     keep the one reading the report's own arithmetic allows
    output.py     CSV, written atomically
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ingestion.extract.document import MunicipalityError, read_document
from ingestion.extract.errors import ExtractError
from ingestion.extract.headers import PCT
from ingestion.extract.output import ledger_csv, write_atomically
from ingestion.extract.settle import (
    Settled,
    check_failures,
    committee_sums,
    reconcile_units,
    settle_table,
    table_checks,
)
from ingestion.extract.tables import find_tables
from ingestion.extract.text import report_lines
from ingestion.ledger import LedgerRow

__all__ = ["ExtractError", "Extraction", "command", "extract", "extract_report"]

_CENT = Decimal("0.01")


@dataclass
class Extraction:
    rows: list[LedgerRow]
    tables: list[Settled]
    notes: list[str]  # identities the report's printed lines cannot show (a line it leaves out), for the reader


def extract_report(path: Path, *, municipality: str | None = None) -> list[LedgerRow]:
    """Every printed number of the report's budget tables, settled by its own arithmetic.

    Raises ExtractError (file, line, what is wrong) for anything that is not a readable budget report."""
    return extract(Path(path), municipality=municipality).rows


def extract(path: Path, *, municipality: str | None = None) -> Extraction:
    path = Path(path)
    try:
        lines = report_lines(path)
    except OSError as error:
        raise ExtractError(path.name, None, f"cannot read: {error.strerror or error}") from None
    notes: list[str] = []
    try:
        document = read_document(lines, municipality)
    except MunicipalityError as error:
        # a file that is no report at all should say so, not that it names no municipality
        if find_tables(path.name, lines, read_document(lines, "?"), notes):
            raise ExtractError(path.name, None, f"{error}; give it with --municipality") from None
        raise ExtractError(path.name, None, "no budget table found (not a budget follow-up report?)") from None
    tables = find_tables(path.name, lines, document, notes)
    if not tables:
        raise ExtractError(path.name, None, "no budget table found (not a budget follow-up report?)")
    settled = [settle_table(table) for table in tables]
    reconcile_units(settled)
    notes += _check_subtotals(settled)
    for total, r, header, printed, computed in committee_sums(settled):
        notes.append(f"{path.name}:{total.table.rows[r].line}: {total.table.section} {total.table.rows[r].label!r} "
                     f"{header}: {printed} but its service areas' tables add up to {computed}")
    return Extraction([row for item in settled for row in _ledger_rows(item)], settled, notes)


def _check_subtotals(settled: list[Settled]) -> list[str]:
    """Every subtotal must equal its printed lines; one that leaves out a line the table does not print (a
    zero, usually) can only be noted."""
    notes = []
    for item in settled:
        table = item.table
        for check in table_checks(table):
            for c, printed, computed in check_failures(check, item.values, table.columns):
                row = table.rows[check.result]
                what = (f"line {row.label!r} column {table.columns[c].header!r}: printed {printed} € but its "
                        f"lines add up to {computed} €")
                if check.complete:
                    raise ExtractError(table.file, row.line, what)
                notes.append(f"{table.file}:{row.line}: {table.section}: {what} (the table leaves out a line)")
    return notes


def _ledger_rows(item: Settled) -> list[LedgerRow]:
    table = item.table
    rows = []
    for order, (row, values) in enumerate(zip(table.rows, item.values, strict=True), start=1):
        for c, (column, value) in enumerate(zip(table.columns, values, strict=True)):
            if value is None:
                continue
            if column.unit == PCT:
                precision = Decimal(1).scaleb(-item.pct_decimals.get(c, value.decimals))
            else:
                precision = value.step * column.scale
            rows.append(LedgerRow(
                source_file=table.file,
                source_line=value.line,
                municipality=table.municipality,
                committee=table.committee,
                section=table.section,
                section_level=table.section_level,
                table_kind=table.table_kind,
                line_item=row.label,
                line_order=order,
                measure=column.measure,
                fiscal_year=column.fiscal_year,
                period_months=column.period_months,
                amount=(value.value * column.scale).quantize(_CENT),
                unit=column.unit,
                precision=precision.quantize(_CENT),
                printed_text=value.text,
            ))
    return rows


def command(args) -> int:
    """`kuntatalous extract REPORT [-o OUT.csv] [--municipality NAME]`: 0 on success, 2 on bad input."""
    path = Path(args.report)
    try:
        extraction = extract(path, municipality=getattr(args, "municipality", None))
        text = ledger_csv(extraction.rows)
        if args.output:
            write_atomically(Path(args.output), text)
        else:
            sys.stdout.write(text)
    except ExtractError as error:
        print(f"kuntatalous extract: {error}", file=sys.stderr)
        return 2
    for note in extraction.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.output:
        print(f"{path.name}: {len(extraction.rows)} numbers from {len(extraction.tables)} tables → {args.output}",
              file=sys.stderr)
    return _write_parts(path, args)


def _write_parts(path: Path, args) -> int:
    """`--goals/--kpis/--risks FILE`: the report's other tables as CSV (report_parts.py), findings as notes."""
    wanted = {table: getattr(args, table, None) for table in ("goals", "kpis", "risks")}
    if not any(wanted.values()):
        return 0
    from ingestion.extract.report_parts import COLUMNS, parts_csv, read_report_parts

    try:
        parts = read_report_parts(path, getattr(args, "municipality", None))
    except ExtractError as error:
        print(f"kuntatalous extract: {error}", file=sys.stderr)
        return 2
    for finding in parts.findings:
        print(f"note: {finding}", file=sys.stderr)
    for table, output in wanted.items():
        if output:
            rows = parts.rows(table)
            write_atomically(Path(output), parts_csv(rows, COLUMNS[table]))
            print(f"{path.name}: {len(rows)} {table} rows → {output}", file=sys.stderr)
    return 0
