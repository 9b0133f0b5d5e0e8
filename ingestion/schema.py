"""The raw schema of the build file (docs/architecture.md, "Raw schema"): created if missing, never altered."""

from __future__ import annotations

import duckdb

from ingestion.kinds import KINDS

LINEAGE_DDL = (
    "_source_path VARCHAR NOT NULL, _source_sha256 VARCHAR NOT NULL, _source_row INTEGER NOT NULL, "
    "_load_id VARCHAR NOT NULL, _loaded_at TIMESTAMP NOT NULL"
)

LOG_TABLES = {
    "load_log": (
        "load_id VARCHAR PRIMARY KEY, source_path VARCHAR NOT NULL, source_sha256 VARCHAR, kind VARCHAR NOT NULL, "
        "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL, rows_read INTEGER, "
        "rows_loaded INTEGER, rows_rejected INTEGER, encoding VARCHAR, delimiter VARCHAR, message VARCHAR, "
        "decimal_separator VARCHAR"
    ),
    "rejected_rows": (
        "load_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL, source_row INTEGER, column_name VARCHAR, "
        "value VARCHAR, reason VARCHAR NOT NULL"
    ),
    "gx_results": (
        "load_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL, suite VARCHAR NOT NULL, expectation VARCHAR NOT NULL, "
        "column_name VARCHAR, success BOOLEAN NOT NULL, critical BOOLEAN NOT NULL, observed VARCHAR, "
        "checked_at TIMESTAMP NOT NULL"
    ),
}


def data_table_ddl() -> dict[str, str]:
    """Column definitions of each data table, from the kinds (the ledger serves two kinds)."""
    tables: dict[str, str] = {}
    for kind in KINDS:
        columns = ", ".join(f"{c.name} {c.type}" for c in kind.columns)
        tables[kind.table] = f"{columns}, {LINEAGE_DDL}"
    return tables


def column_types(table: str) -> str:
    """The table's columns as information_schema spells them: what a batch's profile must show."""
    ddl = data_table_ddl()[table].replace(" NOT NULL", "")
    return ", ".join(part.strip() for part in ddl.split(", "))


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table, columns in {**data_table_ddl(), **LOG_TABLES}.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.{table} ({columns})")
