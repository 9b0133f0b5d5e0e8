"""The raw schema of the build file (docs/architecture.md, "Raw schema"): created if missing, never altered.

Each data table is stored as `raw.<table>_rows`: the contract columns, `_source_row` and `_load_id`. What is the same
for every row of a file (its path, sha256 and load time) is kept once, in raw.load_log, and `raw.<table>` is a view
that joins it back, so every row still carries its whole lineage. Writing those constants into each of millions of
rows, and the file's hash into them once the hash is known, cost more than the rest of the insert
(bench/ingest.py)."""

from __future__ import annotations

import duckdb

from ingestion.landing.kinds import KINDS

ROW_LINEAGE_DDL = "_source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL"

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


def stored(table: str) -> str:
    """Where a data table's rows are stored; readers use the view `raw.<table>`."""
    return f"{table}_rows"


def contract_columns() -> dict[str, list[str]]:
    """Each data table's contract columns, from the kinds (the ledger serves two kinds)."""
    return {kind.table: [c.name for c in kind.columns] for kind in KINDS}


def data_table_ddl() -> dict[str, str]:
    """Column definitions of each stored data table."""
    tables: dict[str, str] = {}
    for kind in KINDS:
        columns = ", ".join(f"{c.name} {c.type}" for c in kind.columns)
        tables[kind.table] = f"{columns}, {ROW_LINEAGE_DDL}"
    return tables


def column_types(table: str) -> str:
    """The stored table's columns as information_schema spells them: what a batch's profile must show."""
    ddl = data_table_ddl()[table].replace(" NOT NULL", "")
    return ", ".join(part.strip() for part in ddl.split(", "))


def view_sql(table: str) -> str:
    columns = ", ".join(f"r.{c}" for c in contract_columns()[table])
    # finished_at is written in the load's own transaction: the moment its rows became visible
    return (
        f"CREATE VIEW raw.{table} AS SELECT {columns}, l.source_path AS _source_path, "
        "l.source_sha256 AS _source_sha256, r._source_row, r._load_id, l.finished_at AS _loaded_at "
        f"FROM raw.{stored(table)} AS r JOIN raw.load_log AS l ON l.load_id = r._load_id"
    )


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table, columns in LOG_TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.{table} ({columns})")
    for table, columns in data_table_ddl().items():
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.{stored(table)} ({columns})")
        existing = con.execute(
            "SELECT table_type FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = ?", [table]
        ).fetchone()
        if existing is None:
            con.execute(view_sql(table))
        elif existing[0] == "BASE TABLE":
            _move_rows(con, table)


def _move_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """A build file from before the view: its rows move to the stored table, their constants are in load_log."""
    columns = ", ".join([*contract_columns()[table], "_source_row", "_load_id"])
    con.execute("BEGIN TRANSACTION")
    con.execute(f"INSERT INTO raw.{stored(table)} SELECT {columns} FROM raw.{table}")
    con.execute(f"DROP TABLE raw.{table}")
    con.execute(view_sql(table))
    con.execute("COMMIT")
