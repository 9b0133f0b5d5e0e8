"""The analysts' SQL path: one read-only SELECT at a time, no files, no settings, a time limit and a row limit.

Two layers. The guard refuses, with a message naming the reason, anything that is not a single SELECT or that calls
a function reading files or the environment. Behind it the connection itself is read-only with external access
switched off and its configuration locked (see app.query.db), so a trick the guard misses still cannot leave.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

import duckdb
import polars as pl

from app.query import db, flat

MAX_ROWS = 10_000
TIMEOUT_S = 10.0
MAX_CHARS = 20_000

# Table and scalar functions that reach outside the warehouse (files, the environment, other databases).
_DENIED_PREFIXES = ("read_", "parquet_", "iceberg_", "delta_", "sqlite_", "postgres_", "mysql_", "json_execute")
_DENIED_FUNCTIONS = {
    "glob", "sniff_csv", "query", "query_table", "getenv", "parquet_scan", "csv_scan", "json_scan",
    "sqlite_attach", "load_extension", "install_extension", "duckdb_secrets", "which_secret", "ducklake_snapshots",
    "read_text", "read_blob", "write_csv", "write_parquet", "system", "shell",
}
_PATH_LIKE = re.compile(r"[/\\]|\.(csv|tsv|txt|json|jsonl|ndjson|parquet|xlsx|duckdb|db|gz|zst)$|^[a-z]+://", re.IGNORECASE)

_STATEMENT_MESSAGES = {
    "INSERT": "writing is not allowed (INSERT): the console is read-only",
    "UPDATE": "writing is not allowed (UPDATE): the console is read-only",
    "DELETE": "writing is not allowed (DELETE): the console is read-only",
    "CREATE": "creating objects is not allowed (CREATE): the console is read-only",
    "DROP": "dropping objects is not allowed (DROP): the console is read-only",
    "ALTER": "changing objects is not allowed (ALTER): the console is read-only",
    "COPY": "COPY reads or writes files and is not allowed",
    "EXPORT": "EXPORT DATABASE writes files and is not allowed",
    "ATTACH": "ATTACH opens other databases or files and is not allowed",
    "DETACH": "DETACH is not allowed",
    "LOAD": "INSTALL/LOAD of extensions is not allowed",
    "SET": "changing settings (SET/RESET/USE) is not allowed",
    "VARIABLE_SET": "changing settings or variables (SET VARIABLE) is not allowed",
    "PRAGMA": "PRAGMA statements are not allowed; use the duckdb_* table functions in a SELECT instead",
    "CALL": "CALL/CHECKPOINT is not allowed; use SELECT * FROM function(...) instead",
    "TRANSACTION": "transaction control is not allowed",
    "EXPLAIN": "EXPLAIN is not allowed in the console",
    "PREPARE": "PREPARE/EXECUTE is not allowed",
    "EXECUTE": "PREPARE/EXECUTE is not allowed",
    "UPDATE_EXTENSIONS": "updating extensions is not allowed",
    "MULTI": "PIVOT statements are not allowed as a statement; write PIVOT inside a SELECT (FROM (PIVOT ...))",
}


class Refused(ValueError):
    """The statement was refused; the message says why, for the person who typed it."""


@dataclass(frozen=True)
class Result:
    frame: pl.DataFrame
    truncated: bool
    max_rows: int


def _walk(node: object):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _denied_function(name: str) -> bool:
    name = name.lower()
    return name in _DENIED_FUNCTIONS or name.startswith(_DENIED_PREFIXES)


def check(sql: str) -> None:
    """Raise Refused unless `sql` is one SELECT that stays inside the warehouse."""
    text = sql.strip()
    if not text:
        raise Refused("empty statement: type one SELECT query")
    if len(text) > MAX_CHARS:
        raise Refused(f"statement too long ({len(text)} characters, at most {MAX_CHARS})")
    try:
        kinds = db.statement_types(text)
    except duckdb.Error as exc:
        raise Refused(f"syntax error: {exc}") from None
    if len(kinds) != 1:
        raise Refused(f"one statement at a time: found {len(kinds)} statements separated by ';'")
    kind = kinds[0]
    if kind != "SELECT":
        raise Refused(_STATEMENT_MESSAGES.get(kind, f"{kind} statements are not allowed; only SELECT"))
    tree = db.parse_tree(text)
    if tree.get("error"):
        raise Refused(f"syntax error: {tree.get('error_message', 'cannot parse')}")
    for node in _walk(tree):
        name = node.get("function_name")
        if isinstance(name, str) and _denied_function(name):
            raise Refused(f"function {name}() reads files or the environment and is not allowed")
        if node.get("type") == "BASE_TABLE":
            table = str(node.get("table_name", ""))
            if _PATH_LIKE.search(table):
                raise Refused(f"reading files is not allowed: '{table}' is a file path, not a warehouse table")
        if node.get("type") == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
            inner = node["function"].get("function_name", "")
            if _denied_function(inner):
                raise Refused(f"function {inner}() reads files or the environment and is not allowed")


def _engine_message(exc: duckdb.Error) -> str:
    text = str(exc)
    if "read-only" in text.lower() or "read only" in text.lower():
        return f"the warehouse is read-only: {text}"
    if "external access" in text.lower() or "permission" in text.lower():
        return f"access outside the warehouse is not allowed: {text}"
    if "lock_configuration" in text.lower() or "configuration" in text.lower():
        return f"changing settings is not allowed: {text}"
    return text


def run(sql: str, max_rows: int = MAX_ROWS, timeout_s: float = TIMEOUT_S) -> Result:
    """Check, then run on a hardened read-only connection; refusals and engine errors raise Refused."""
    check(sql)
    try:
        limited = db.run_limited(sql.strip().rstrip(";"), max_rows=max_rows, timeout_s=timeout_s)
    except db.QueryTimeout as exc:
        raise Refused(f"{exc}: narrow the query (WHERE, LIMIT) or aggregate") from None
    except duckdb.Error as exc:
        raise Refused(_engine_message(exc)) from None
    return Result(limited.frame, limited.truncated, max_rows)


def command(args: argparse.Namespace) -> int:
    """`kuntatalous sql "SELECT ..." [--format table|csv|json]`."""
    try:
        result = run(args.query)
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except db.WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    frame = result.frame
    if args.format == "csv":
        sys.stdout.write(flat.flat(frame).write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=50, tbl_cols=30, fmt_str_lengths=60):
            print(frame)
    if result.truncated:
        print(f"note: only the first {result.max_rows} rows are shown", file=sys.stderr)
    return 0
