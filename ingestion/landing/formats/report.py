"""A published report (text or PDF), extracted on the fly: its budget tables as one row per printed number,
`_source_row` = its text line; or, for the kinds that read a report's other tables (goals, KPIs, risks), their rows
(a PDF goal card's `_source_row` is its page)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ingestion.landing.formats.base import Inserted, LoadContext
from ingestion.landing.formats.frames import frame_from_rows, insert_frame
from ingestion.landing.readers import ReadError


class Report:
    suffixes = (".txt", ".pdf")

    def location(self, source_row: int) -> str:
        return f"line {source_row}"

    def insert(self, ctx: LoadContext) -> Inserted:
        if ctx.kind.table != "ledger":
            frame, notes = read_report_part(ctx.path, ctx.where, ctx.kind.table)
            ctx.attempt.notes.extend(notes)
            return insert_frame(ctx, frame)
        frame, ctx.attempt.findings, ctx.attempt.nothing_to_extract = read_report(ctx.path, ctx.where)
        return insert_frame(ctx, frame)


def read_report(path: Path, where: str) -> tuple[pa.Table, list, str | None]:
    """The report's numbers; the extractor's findings; and why there is nothing to load when the report holds no
    budget table that can be read (minutes without a follow-up item load as such, with their findings, instead of
    failing)."""
    from ingestion.extract import ExtractError, NoBudgetTable, NothingRead, extract
    from ingestion.ledger import LEDGER_COLUMNS

    empty = frame_from_rows(list(LEDGER_COLUMNS), [], [])
    try:
        extraction = extract(path)
    except NoBudgetTable as error:
        return empty, [], error.message
    except NothingRead as error:
        return empty, error.findings, f"no budget table could be read: {error.message}"
    except ExtractError as error:
        line = f" line {error.line}" if error.line else ""
        raise ReadError(f"{where}{line}: {error.message}") from error
    rows = extraction.rows
    table = [[None if getattr(r, c) is None else str(getattr(r, c)) for c in LEDGER_COLUMNS] for r in rows]
    return frame_from_rows(list(LEDGER_COLUMNS), table, [r.source_line for r in rows]), extraction.findings, None


def read_report_part(path: Path, where: str, table: str) -> tuple[pa.Table, list[str]]:
    """The rows of one of the report's other raw tables (goals, kpis, risks); the reader's findings as notes."""
    from ingestion.extract import ExtractError
    from ingestion.extract.report_parts import report_part

    try:
        columns, rows, lines, findings = report_part(path, table)
    except ExtractError as error:
        line = f" line {error.line}" if error.line else ""
        raise ReadError(f"{where}{line}: {error.message}") from error
    return frame_from_rows(columns, rows, lines), findings
