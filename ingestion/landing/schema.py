"""The raw schema of the build file (docs/architecture.md, "Raw schema"): created if missing, never altered.

Each data table is stored as `raw.<table>_rows`: the contract columns, `_source_row` and `_load_id`. What is the same
for every row of a file (its path, sha256 and load time) is kept once, in raw.load_log, and `raw.<table>` is a view
that joins it back, so every row still carries its whole lineage. Writing those constants into each of millions of
rows, and the file's hash into them once the hash is known, cost more than the rest of the insert
(bench/ingest.py)."""

from __future__ import annotations

import duckdb

from ingestion.landing.kinds import KINDS
from ingestion.paths import PROJECT_DIR

# dbt's `memory` target (no build file) gets the same raw schema, empty, from this generated macro
MEMORY_MACRO = PROJECT_DIR / "macros" / "create_empty_raw_tables_in_memory.sql"

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
    # what `kuntatalous extract` found wrong in a report (docs/extracting.md, "Findings"); lineage through load_id
    "extract_findings": (
        "load_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL, source_row INTEGER, page INTEGER, committee VARCHAR, "
        "section VARCHAR, table_outcome VARCHAR NOT NULL, kind VARCHAR NOT NULL, line_item VARCHAR, "
        "column_name VARCHAR, printed VARCHAR, computed VARCHAR, difference VARCHAR, message VARCHAR NOT NULL"
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


def log_table_sql(table: str) -> str:
    return f"CREATE TABLE IF NOT EXISTS raw.{table} ({LOG_TABLES[table]})"


def stored_table_sql(table: str) -> str:
    return f"CREATE TABLE IF NOT EXISTS raw.{stored(table)} ({data_table_ddl()[table]})"


def empty_schema_sql() -> list[str]:
    """The statements that create the raw schema in an empty database: what ensure_raw_schema does there."""
    statements = ["CREATE SCHEMA IF NOT EXISTS raw", *(log_table_sql(t) for t in LOG_TABLES)]
    for table in data_table_ddl():
        statements += [stored_table_sql(table), view_sql(table)]
    return statements


def memory_target_macro() -> str:
    """The text of MEMORY_MACRO, generated from the kinds (tests/warehouse/test_memory_target.py checks the file)."""
    body = ";\n".join(_wrapped(statement) for statement in empty_schema_sql())
    return (
        "{#-\n"
        "    GENERATED from ingestion/landing/kinds.py by `python -m ingestion.landing.schema`: do not edit.\n"
        "    The `memory` target (path ':memory:') starts with no raw schema: give it the raw tables `kuntatalous\n"
        "    ingest` creates, empty, so every model, contract and unit test can be checked without a build file.\n"
        "    On a real build file ingest owns these tables and this does nothing.\n"
        "-#}\n"
        "{% macro create_empty_raw_tables_in_memory() %}\n"
        "    {% if target.path == ':memory:' %}\n"
        f"{body};\n"
        "    {% endif %}\n"
        "{% endmacro %}\n"
    )


def _wrapped(statement: str, width: int = 110) -> str:
    """A statement broken after its commas into lines of at most `width` (a column name stays with its type)."""
    lines, line = [], " " * 8
    for item in statement.split(", "):
        if line.strip() and len(line) + len(item) + 2 > width:
            lines.append(line + ",")
            line = " " * 12 + item
        else:
            line = f"{line}, {item}" if line.strip() else line + item
    return "\n".join([*lines, line])


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table in LOG_TABLES:
        con.execute(log_table_sql(table))
    for table in data_table_ddl():
        con.execute(stored_table_sql(table))
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


if __name__ == "__main__":
    MEMORY_MACRO.write_text(memory_target_macro(), encoding="utf-8")
    print(f"wrote {MEMORY_MACRO.relative_to(PROJECT_DIR)}")
