"""A report's tables other than its budget tables: goal registers, KPIs and risks, read once per file version
and handed to the loader (raw.goals, raw.kpis, raw.risks) or written as CSV by `kuntatalous extract`.

Text reports: goal registers by goals.py (columns settled by line widths), KPIs by kpis.py, risks by risks.py.
PDF reports: the same readers over PDFium's text, and the ruled goal cards of goal_cards.py (word positions)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingestion.extract.document import Document, MunicipalityError, read_document
from ingestion.extract.errors import ExtractError
from ingestion.extract.goal_cards import read_goal_cards
from ingestion.extract.goals import GOAL_COLUMNS, GoalRow, read_goal_tables
from ingestion.extract.kpis import KPI_COLUMNS, KpiRow, read_kpi_tables
from ingestion.extract.reading_findings import Finding
from ingestion.extract.risks import RISK_COLUMNS, RiskRow, read_risk_tables
from ingestion.extract.text import printed_lines

# raw table → the columns its rows carry (source_line, the last field of each row, becomes _source_row)
COLUMNS = {"goals": GOAL_COLUMNS, "kpis": KPI_COLUMNS[:-1], "risks": RISK_COLUMNS[:-1]}


@dataclass
class ReportParts:
    goals: list[GoalRow] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def rows(self, table: str) -> list:
        return {"goals": self.goals, "kpis": self.kpis, "risks": self.risks}[table]


def read_report_parts(path: Path, municipality: str | None = None) -> ReportParts:
    """Goal registers, KPI and risk tables of a report (PDF or text). Raises ExtractError (file, line, what) for
    a file that cannot be read as a report."""
    path = Path(path)
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size, municipality)


@lru_cache(maxsize=256)
def _read(name: str, _mtime: int, _size: int, municipality: str | None) -> ReportParts:
    # cached per file version: ingest loads a report's goals, KPIs and risks as three kinds, kind by kind over all
    # reports, so the cache must hold every report of a run (the parts are small: rows, not the text); with 4 each
    # file was read again per kind (bench/README.md, "A report's goals, KPIs and risks")
    path = Path(name)
    try:
        lines = printed_lines(path)
    except OSError as error:
        raise ExtractError(path.name, None, f"cannot read: {error.strerror or error}") from None
    try:
        document = read_document([line.rstrip() for line in lines], municipality)
    except MunicipalityError as error:
        # like the budget tables: a document without such tables (a budget proposal, minutes) has nothing to
        # read, and only one that has them needs its municipality
        parts = _read_parts(path, lines, read_document([line.rstrip() for line in lines], "?"))
        if parts.goals or parts.kpis or parts.risks:
            raise ExtractError(path.name, None, f"{error}; give it with --municipality") from None
        return parts
    return _read_parts(path, lines, document)


def _read_parts(path: Path, lines: list[str], document: Document) -> ReportParts:
    parts = ReportParts()
    tables = read_goal_tables(path.name, lines, document.municipality)
    parts.goals, parts.findings = tables.rows, tables.findings
    with open(path, "rb") as head:
        is_pdf = head.read(4) == b"%PDF"  # the magic bytes only, not the whole file
    if is_pdf and document.fiscal_year is not None:
        parts.goals += read_goal_cards(path, document.municipality, document.fiscal_year, parts.findings)
    parts.kpis = read_kpi_tables(path.name, lines, document.municipality, parts.findings)
    parts.risks = read_risk_tables(path.name, lines, document.municipality, parts.findings)
    return parts


def report_part(path: Path, table: str) -> tuple[list[str], list[list[str | None]], list[int], list[str]]:
    """One raw table's rows of the report as text: (columns, rows, source lines, findings)."""
    parts = read_report_parts(path)
    columns = list(COLUMNS[table])
    rows = parts.rows(table)
    data = [[None if getattr(r, c) is None else str(getattr(r, c)) for c in columns] for r in rows]
    return columns, data, [r.source_line for r in rows], [str(f) for f in parts.findings if _concerns(f, table)]


def _concerns(finding: Finding, table: str) -> bool:
    prefix = {"goals": "goal", "kpis": "KPI table", "risks": "risk table"}[table]
    return finding.what.startswith(prefix)


def parts_csv(rows: list, columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if getattr(row, c) is None else getattr(row, c) for c in columns])
    return buffer.getvalue()
