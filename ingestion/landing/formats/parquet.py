"""Parquet: DuckDB reads it; every column comes in as text and is cast like the other frames."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.landing.formats.base import Inserted, LoadContext
from ingestion.landing.formats.frames import insert_text
from ingestion.landing.readers import ReadError, map_header
from ingestion.sqltext import q


class Parquet:
    suffixes = (".parquet",)

    def location(self, source_row: int) -> str:
        return f"row {source_row}"

    def insert(self, ctx: LoadContext) -> Inserted:
        scan = read_parquet_sql(ctx.path)
        try:
            names = [r[0] for r in ctx.con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
        except duckdb.Error as error:
            raise ReadError(f"{ctx.where}: not a readable Parquet file ({error})") from error
        names = [n for n in names if n != "file_row_number"]
        mapped, ignored, _ = map_header(names, ctx.kind, ctx.where)
        present = tuple(m for m in mapped if not m.startswith("_ignored_"))
        casts = ", ".join(f'CAST("{n}" AS VARCHAR) AS {m}' for n, m in zip(names, mapped, strict=True)
                          if not m.startswith("_ignored_"))
        return insert_text(ctx, f"(SELECT file_row_number + 1 AS _source_row, {casts} FROM {scan})", present, ignored)


def read_parquet_sql(path: Path) -> str:
    return f"read_parquet({q(str(path))}, file_row_number = true)"
