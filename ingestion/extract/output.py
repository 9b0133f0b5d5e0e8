"""Ledger rows → CSV (the ledger extract's columns in order), written whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from ingestion.ledger import LEDGER_COLUMNS, LedgerRow


def ledger_csv(rows: list[LedgerRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for row in rows:
        writer.writerow([getattr(row, name) for name in LEDGER_COLUMNS])
    return buffer.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
