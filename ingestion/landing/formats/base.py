"""What every file format shares with the loader: the context of one load attempt, what the attempt learned (kept
for the log row even when it fails), and the interface a format implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from ingestion.landing import validate
from ingestion.landing.kinds import Kind
from ingestion.landing.readers import FileFacts

Progress = Callable[[float, str], None]  # fraction of the current file read, and what is happening now


@dataclass
class Attempt:
    """What one attempt learned, kept for the log row even when the attempt fails."""

    rows_read: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    decimal_separator: str | None = None
    notes: list[str] = field(default_factory=list)
    gx: list[validate.GxResult] = field(default_factory=list)
    findings: list = field(default_factory=list)  # a report's extract findings (ingestion.extract.findings)
    nothing_to_extract: str | None = None  # a report with no readable budget table: why


@dataclass(frozen=True)
class LoadContext:
    """One file being loaded, inside the load's transaction."""

    con: duckdb.DuckDBPyConnection
    kind: Kind
    path: Path  # the file read (for a Windows-1252 CSV, its UTF-8 copy)
    where: str  # the file as users name it: its path under the landing folder
    facts: FileFacts
    table: str  # the stored raw table, e.g. raw.gl_postings_rows
    load_id: str
    attempt: Attempt
    progress: Progress | None = None


@dataclass(frozen=True)
class Inserted:
    present: tuple[str, ...]  # contract columns the file has
    ignored: tuple[str, ...]  # its other columns, as headed


class Format(Protocol):
    """A file format. `insert` puts the file's rows into ctx.table with their load id and `_source_row` (where the
    row stands in the file), records every row it cannot read in the temp table type_rejects and sets
    ctx.attempt.rows_read; `location` says how a user finds a row again."""

    suffixes: tuple[str, ...]

    def insert(self, ctx: LoadContext) -> Inserted: ...

    def location(self, source_row: int) -> str: ...


def absent_expr(name: str, present: tuple[str, ...], cast: Callable[[str], str]) -> str:
    """The value of a contract column the file does not have: the fiscal year from the posting date, else NULL."""
    if name == "fiscal_year" and "posting_date" in present:
        return f"year({cast('posting_date')})"
    return "NULL"
