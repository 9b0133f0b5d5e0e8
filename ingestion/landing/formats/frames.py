"""XLSX, Parquet and reports become a table of text columns plus the row number; this casts them to the raw
table's types in SQL (quarantine.py), so every value that does not fit is rejected and shown as it was written."""

from __future__ import annotations

import pyarrow as pa

from ingestion.landing import quarantine
from ingestion.landing.formats.base import Inserted, LoadContext, absent_expr
from ingestion.sqltext import q


def frame_from_rows(columns: list[str], rows: list[list[str | None]], row_numbers: list[int]) -> pa.Table:
    data = {name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(columns)}
    data["_source_row"] = pa.array(row_numbers, pa.int32())
    return pa.table(data)


def insert_frame(ctx: LoadContext, frame: pa.Table, ignored: tuple[str, ...] = ()) -> Inserted:
    """Insert a frame of text columns (contract names, or `_ignored_N`) and `_source_row`."""
    ctx.con.register("landing_frame", frame)
    try:
        present = tuple(c for c in frame.column_names if c != "_source_row" and not c.startswith("_ignored_"))
        return insert_text(ctx, "landing_frame", present, ignored)
    finally:
        ctx.con.unregister("landing_frame")


def insert_text(ctx: LoadContext, source: str, present: tuple[str, ...], ignored: tuple[str, ...]) -> Inserted:
    """Insert the rows of `source` (a relation of text columns named as the contract, and `_source_row`)."""
    con, kind = ctx.con, ctx.kind
    con.execute(f"CREATE TEMP TABLE src AS SELECT row_number() OVER () AS _frame_row, * FROM {source}")
    ctx.attempt.rows_read = con.execute("SELECT count(*) FROM src").fetchone()[0]
    con.execute(f"INSERT INTO type_rejects {quarantine.type_rejects_sql(kind, list(present), 'src')}")

    def cast(name: str) -> str:
        return quarantine.cast_sql(kind.column(name), name)

    exprs = [cast(c.name) if c.name in present else absent_expr(c.name, present, cast) for c in kind.columns]
    columns = ", ".join(c.name for c in kind.columns)
    con.execute(
        f"INSERT INTO {ctx.table} ({columns}, _source_row, _load_id) "
        f"SELECT {', '.join(exprs)}, _source_row, {q(ctx.load_id)} FROM src "
        "WHERE _frame_row NOT IN (SELECT _frame_row FROM type_rejects)"
    )
    return Inserted(present, ignored)
