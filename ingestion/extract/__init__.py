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
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ingestion.extract.document import MunicipalityError, read_document
from ingestion.extract.errors import ExtractError, NoBudgetTable, NothingRead
from ingestion.extract.findings import READ, UNREADABLE, WITH_FINDINGS, Finding, findings_csv
from ingestion.extract.followup import Skipped, context, find_follow_up_tables
from ingestion.extract.headers import PCT
from ingestion.extract.output import ledger_csv, write_atomically
from ingestion.extract.parts import PartsTable, find_parts_tables
from ingestion.extract.settle import (
    Problem,
    Settled,
    check_failures,
    committee_sums,
    euros,
    normalize_cost_signs,
    reconcile_units,
    rounding_misses,
    settle_table,
    table_checks,
    turned_term_signs,
)
from ingestion.extract.tables import Table, find_tables
from ingestion.extract.text import report_pages
from ingestion.ledger import LedgerRow

__all__ = ["ExtractError", "Extraction", "NoBudgetTable", "NothingRead", "command", "extract", "extract_report"]

_CENT = Decimal("0.01")


@dataclass
class Extraction:
    rows: list[LedgerRow]
    tables: list[Settled]  # the tables read (with or without findings)
    notes: list[str]  # identities the report's printed lines cannot show (a line it leaves out), for the reader
    findings: list[Finding] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # one per table found, in print order: findings.READ, …

    def summary(self, name: str) -> str:
        counts = Counter(self.outcomes)
        return (f"{name}: {counts[READ] + counts[WITH_FINDINGS]} tables read ({counts[WITH_FINDINGS]} with "
                f"findings), {counts[UNREADABLE]} unreadable; {len(self.rows)} numbers, {len(self.findings)} "
                "findings")


def extract_report(path: Path, *, municipality: str | None = None) -> list[LedgerRow]:
    """Every printed number of the report's budget tables, settled by its own arithmetic.

    Raises ExtractError (file, line, what is wrong) for anything that is not a readable budget report."""
    return extract(Path(path), municipality=municipality).rows


def extract(path: Path, *, municipality: str | None = None) -> Extraction:
    """The report's budget tables, each read, read with findings, or unreadable (findings.py).

    Raises ExtractError when nothing can be read: not a report, a bad file, or no table that could be read."""
    path = Path(path)
    try:
        lines, pages = report_pages(path)
    except OSError as error:
        raise ExtractError(path.name, None, f"cannot read: {error.strerror or error}") from None
    notes: list[str] = []
    try:
        document = read_document(lines, municipality)
    except MunicipalityError as error:
        # a file that is no report at all should say so, not that it names no municipality
        anonymous, failed = read_document(lines, "?"), []
        follow_ups = find_follow_up_tables(path.name, lines, pages, anonymous)
        if find_tables(path.name, lines, anonymous, [], failed) or any(isinstance(t, Table) for t in follow_ups):
            raise ExtractError(path.name, None, f"{error}; give it with --municipality") from None
        skipped = [*follow_ups, *(Skipped(e.line or 0, "", "", e.kind, e.message, None) for e in failed)]
        if skipped:
            first = min(skipped, key=lambda s: s.line)
            raise NothingRead(path.name, first.line or None, first.message, first.kind,
                              _findings(path.name, [], skipped, pages)) from None
        raise NoBudgetTable(path.name, None, "no budget table found (not a budget follow-up report?)") from None
    failed: list[ExtractError] = []
    ctx = context(lines, pages)
    found: list[Table | Skipped | PartsTable] = [
        *find_tables(path.name, lines, document, notes, failed),
        *find_follow_up_tables(path.name, lines, pages, document, ctx),
        *find_parts_tables(path.name, lines, pages, document, ctx)]
    found += [Skipped(e.line or 0, "", "", e.kind, e.message, pages[e.line - 1] if e.line else None)
              for e in failed]
    found.sort(key=lambda t: t.line if isinstance(t, Skipped) else t.header_line)
    if not found:
        raise NoBudgetTable(path.name, None, "no budget table found (not a budget follow-up report?)")
    settled: list[Settled] = []
    skipped: list[Skipped] = []
    parts: list[PartsTable] = []
    for item in found:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if isinstance(item, PartsTable):
            parts.append(item)
            continue
        try:
            result = settle_table(item)
        except ExtractError as error:
            skipped.append(Skipped(error.line or item.header_line, item.committee, item.section, error.kind,
                                   error.message, item.page))
            continue
        result.problems[:0] = item.problems
        settled.append(result)
    for item, error in reconcile_units(settled):
        settled.remove(item)
        skipped.append(Skipped(error.line, item.table.committee, item.table.section, error.kind, error.message,
                               item.table.page))
    if not settled and not parts:
        first = min(skipped, key=lambda s: s.line)
        raise NothingRead(path.name, first.line or None, first.message, first.kind,
                          _findings(path.name, [], skipped, pages))
    for item in settled:
        if item.table.follow_up:
            normalize_cost_signs(item)
    notes += _check_subtotals(settled)
    for total, r, header, printed, computed in committee_sums(settled):
        row = total.table.rows[r]
        total.problems.append(Problem(
            row.line, "unit_sum", row.label, header, _amount(printed), _amount(computed),
            _amount(printed - computed), f"{total.table.section} {row.label!r} {header}: {_amount(printed)} but its "
            f"units' tables add up to {_amount(computed)}"))
    for item in settled:
        if item.table.follow_up and item.table.table_kind == "income_statement":
            item.problems += [Problem(row.line, "unknown_label", row.label, "", "", "", "",
                                      f"no seed knows the label {row.label!r}: kept as printed")
                              for row in item.table.rows if row.line_code is None]
    rows = _once([row for item in settled for row in _ledger_rows(item)], settled)
    rows += [row for table in parts for row in table.rows]
    found_problems = _findings(path.name, settled, skipped, pages) + [
        Finding(path.name, p.line, pages[p.line - 1] if p.line else t.page, t.committee, t.section, WITH_FINDINGS,
                p.kind, p.line_item, p.column, p.printed, p.computed, p.difference, p.message)
        for t in parts for p in t.problems]
    outcomes = _outcomes(settled, skipped, parts)
    return Extraction(rows, settled, notes, sorted(found_problems, key=lambda f: f.source_line or 0), outcomes)


def _once(rows: list[LedgerRow], settled: list[Settled]) -> list[LedgerRow]:
    """Each fact once: minutes print the committee's TP and TA columns again in the next month's table. A second
    print of the same fact (same section, line position, measure, year and period: the ledger's key) is dropped
    when it equals the first; when it does not, the document contradicts itself and the later table gets a finding.
    The row label may change between the two prints (Lapua, Hyvinvointilautakunta 14.11.2024: the investment line
    `Kulttuuritoimi` of the 1–9 table is `Vanha Paukku / kulttuuritoimi` in the 1–10 table, TA -39.000 in both):
    the same number at the same place is the same fact, kept once under the label printed first, and a
    `relabelled` finding names the new label, so the ingest never sees the key twice. A different label with a
    different number is another line at the same place: kept (the ingest quarantines a second row under one key)."""
    first: dict[tuple, LedgerRow] = {}
    kept = []
    for row in rows:
        key = (row.section, row.table_kind, row.line_order, row.measure, row.fiscal_year, row.period_months)
        seen = first.get(key)
        relabelled = seen is not None and seen.line_item != row.line_item
        if seen is None or (relabelled and seen.amount != row.amount):
            first[key] = row
            kept.append(row)
        elif relabelled:
            item, header = _printed_in(row, settled)
            item.problems.append(Problem(
                row.source_line, "relabelled", row.line_item, header, row.printed_text, "", "",
                f"line {row.line_item!r} prints {header} {row.printed_text} again, as line {seen.source_line} "
                f"did under the label {seen.line_item!r}: one fact, kept under {seen.line_item!r}"))
        elif seen.amount != row.amount:
            item, _ = _printed_in(row, settled)
            item.problems.append(Problem(
                row.source_line, "contradiction", row.line_item, row.measure, row.printed_text,
                _amount(seen.amount), _amount(row.amount - seen.amount),
                f"line {row.line_item!r} {row.measure} {row.fiscal_year} ({row.period_months} months) printed "
                f"{row.printed_text} here but {seen.printed_text} at line {seen.source_line}"))
            kept.append(row)
    return kept


def _printed_in(row: LedgerRow, settled: list[Settled]) -> tuple[Settled, str]:
    """The table a ledger row was read from, and the head of its column as printed."""
    item = next(s for s in settled if s.table.section == row.section and any(r.line == row.source_line
                                                                              for r in s.table.rows))
    header = next(c.header for c in item.table.columns if (c.measure, c.fiscal_year, c.period_months)
                  == (row.measure, row.fiscal_year, row.period_months))
    return item, header


def _outcomes(settled: list[Settled], skipped: list[Skipped], parts: list[PartsTable]) -> list[str]:
    placed = [(s.table.header_line, WITH_FINDINGS if s.problems else READ) for s in settled]
    placed += [(t.header_line, WITH_FINDINGS if t.problems else READ) for t in parts]
    placed += [(s.line, UNREADABLE) for s in skipped]
    return [outcome for _, outcome in sorted(placed)]


def _findings(file: str, settled: list[Settled], skipped: list[Skipped], pages: list[int]) -> list[Finding]:
    found = []
    for item in settled:
        table = item.table
        found += [Finding(file, p.line, pages[p.line - 1] if p.line else table.page, table.committee,
                          table.section, WITH_FINDINGS, p.kind, p.line_item, p.column, p.printed, p.computed,
                          p.difference, p.message)
                  for p in item.problems]
    found += [Finding(file, s.line or None, s.page, s.committee, s.section, UNREADABLE, s.kind, "", "", "", "", "",
                      s.message) for s in skipped]
    return sorted(found, key=lambda f: f.source_line or 0)


def _amount(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")


def _check_subtotals(settled: list[Settled]) -> list[str]:
    """Every subtotal must equal its printed lines (a finding when it does not). One that leaves out a line the
    table does not print (a zero, usually) is only noted for the reports of known layouts; in a follow-up table
    it is a finding that says so."""
    notes = []
    for item in settled:
        table = item.table
        for check in table_checks(table):
            for c, printed, computed in check_failures(check, item.values, table.columns):
                row = table.rows[check.result]
                what = (f"line {row.label!r} column {table.columns[c].header!r}: printed {_amount(printed)} € but "
                        f"its lines add up to {_amount(computed)} €")
                if check.complete or table.follow_up:
                    kind = "subtotal" if check.complete else "subtotal_unprinted"
                    turned = turned_term_signs(check, item.values, table.columns, c)
                    if turned:  # printed lines whose sign, turned, makes the total hold: named, first at hand
                        lost = table.rows[turned[0]]
                        named = " or ".join(f"{table.rows[r].label!r} {item.values[r][c].text}" for r in turned)
                        item.problems.append(Problem(
                            lost.line, "missing_sign", lost.label, table.columns[c].header,
                            item.values[turned[0]][c].text, _amount(-euros(item.values[turned[0]][c],
                                                                            table.columns[c])), "",
                            f"{what}; it holds if {named} had the other sign"))
                        continue
                    item.problems.append(Problem(
                        row.line, kind, row.label, table.columns[c].header, item.values[check.result][c].text,
                        _amount(computed), _amount(printed - computed),
                        what + ("" if check.complete else " (the table leaves out a line that may explain it)")))
                else:
                    notes.append(f"{table.file}:{row.line}: {table.section}: {what} (the table leaves out a line)")
            if not (check.complete or table.follow_up):
                continue
            for c, printed, computed in rounding_misses(check, item.values, table.columns):
                row = table.rows[check.result]
                item.problems.append(Problem(
                    row.line, "rounding", row.label, table.columns[c].header, item.values[check.result][c].text,
                    _amount(computed), _amount(printed - computed),
                    f"line {row.label!r} column {table.columns[c].header!r}: printed {_amount(printed)} € but its "
                    f"lines add up to {_amount(computed)} € (off by {_amount(abs(printed - computed))} €, within "
                    "the rounding of the printed numbers)"))
    return notes


def _ledger_rows(item: Settled) -> list[LedgerRow]:
    table = item.table
    rows = []
    for order, (row, values) in enumerate(zip(table.rows, item.printed or item.values, strict=True), start=1):
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
    """`kuntatalous extract REPORT [-o OUT.csv] [--findings FINDINGS.csv] [--municipality NAME]
    [--goals/--kpis/--risks FILE]`: 0 when every table was read without findings, 1 when something was read but
    there are findings or unreadable tables, 2 when nothing could be read."""
    path = Path(args.report)
    try:
        extraction = extract(path, municipality=getattr(args, "municipality", None))
        text = ledger_csv(extraction.rows)
        if getattr(args, "findings", None):
            write_atomically(Path(args.findings), findings_csv(extraction.findings))
        if args.output:
            write_atomically(Path(args.output), text)
        else:
            sys.stdout.write(text)
    except ExtractError as error:
        print(f"kuntatalous extract: {error}", file=sys.stderr)
        return 2
    for note in extraction.notes:
        print(f"note: {note}", file=sys.stderr)
    if not getattr(args, "findings", None):
        for finding in extraction.findings:
            print(f"finding: {finding.source_file}:{finding.source_line}: {finding.section}: {finding.message}",
                  file=sys.stderr)
    print(extraction.summary(path.name) + (f" → {args.output}" if args.output else ""), file=sys.stderr)
    written = _write_parts(path, args)
    return max(written, 1 if extraction.findings else 0)


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
