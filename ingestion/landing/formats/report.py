"""A published report (text or PDF), extracted on the fly: one row per printed number, `_source_row` = its text
line."""

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
        return insert_frame(ctx, read_report(ctx.path, ctx.where))


def read_report(path: Path, where: str) -> pa.Table:
    from ingestion.extract import ExtractError, extract_report
    from ingestion.ledger import LEDGER_COLUMNS

    try:
        rows = extract_report(path)
    except ExtractError as error:
        line = f" line {error.line}" if error.line else ""
        raise ReadError(f"{where}{line}: {error.message}") from error
    if not rows:
        raise ReadError(f"{where}: the extractor found no budget tables in the report")
    table = [[None if getattr(r, c) is None else str(getattr(r, c)) for c in LEDGER_COLUMNS] for r in rows]
    return frame_from_rows(list(LEDGER_COLUMNS), table, [r.source_line for r in rows])
