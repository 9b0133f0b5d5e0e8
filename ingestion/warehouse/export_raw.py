"""`kuntatalous export-raw DIR`: every raw table of the build file written as Parquet, the form a data lake keeps
it in, so the same dbt project can build on Spark (docs/spark.md). Ingest stays DuckDB and does not know the engine:
this reads what it landed, lineage included (the raw views join it in), and writes DIR/<table>/part-0.parquet.

Each table is written beside its old copy and swapped in whole, so a reader sees the old or the new export."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import duckdb

from ingestion import paths
from ingestion.landing.schema import LOG_TABLES, contract_columns


def raw_tables() -> list[str]:
    """Every table the dbt sources name (models/staging/raw/_raw__sources.yml)."""
    return sorted({*contract_columns(), *LOG_TABLES})


def export(build_db: Path, directory: Path) -> dict[str, int]:
    """Write each raw table to directory/<table>/; returns the rows written per table."""
    if not build_db.exists():
        raise FileNotFoundError(f"{build_db}: no build file to export (run `kuntatalous ingest` first)")
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(build_db), read_only=True)
    try:
        for table in raw_tables():
            final = directory / table
            staged = directory / f".{table}.new"
            shutil.rmtree(staged, ignore_errors=True)
            staged.mkdir()
            target = str(staged / "part-0.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM raw.{table}) TO '{target}' (FORMAT parquet)")
            counts[table] = con.sql(f"SELECT count(*) FROM raw.{table}").fetchall()[0][0]
            old = directory / f".{table}.old"
            shutil.rmtree(old, ignore_errors=True)
            if final.exists():
                final.rename(old)
            staged.rename(final)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        con.close()
    return counts


def command(args: argparse.Namespace) -> int:
    build_db = Path(args.db).resolve() if args.db else paths.build_db()
    try:
        counts = export(build_db, Path(args.directory))
    except (FileNotFoundError, duckdb.Error) as error:
        print(f"kuntatalous export-raw: {error}", file=sys.stderr)
        return 1
    for table, rows in counts.items():
        print(f"{Path(args.directory) / table}: {rows} rows")
    return 0
