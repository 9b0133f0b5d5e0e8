"""The only module that touches DuckDB. Every read opens a short-lived read-only connection to the served file.

A connection is never kept: DuckDB allows one writer or many readers per file, and `kuntatalous publish` replaces
the served file whole, so a reader that holds a connection would pin the old file (or block a writer). Results are
cached by Streamlit keyed by the served file's identity (inode + mtime), so a publish invalidates the cache.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from ingestion import paths

# Settings fixed before `lock_configuration`, so no query can loosen them.
_HARDENED = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 2,
    "memory_limit": "2GB",
}
_CONFIGURE = threading.Lock()  # Streamlit sessions run on threads; only one may lock a shared instance
_OPEN_ATTEMPTS = 20  # a publish renames a finished file into place; opening may race the rename for a moment


class WarehouseMissing(RuntimeError):
    """The served file does not exist yet (nothing published)."""


class QueryTimeout(RuntimeError):
    """A query ran past its time limit and was interrupted."""


@dataclass(frozen=True)
class Limited:
    """A result cut to a row limit."""

    frame: pl.DataFrame
    truncated: bool


def served_path() -> Path:
    return paths.served_db()


def file_key(path: Path | None = None) -> str:
    """Identity of the served file: changes whenever a publish replaces it."""
    path = path or served_path()
    try:
        st_ = path.stat()
    except FileNotFoundError:
        raise WarehouseMissing(f"{path}: no warehouse has been published yet (run `kuntatalous build`)") from None
    return f"{st_.st_ino}:{st_.st_mtime_ns}:{st_.st_size}"


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise WarehouseMissing(f"{path}: no warehouse has been published yet (run `kuntatalous build`)")
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            con = duckdb.connect(str(path), read_only=True, config=dict(_HARDENED))
            break
        except duckdb.IOException:
            # only while a publish swaps files; a steady lock is a real error and re-raised below
            if attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    # connections to one file in one process share a database instance, whose configuration the first
    # connection already locked
    with _CONFIGURE:
        if not con.sql("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
            con.sql("SET enable_progress_bar = false")
            con.sql("SET lock_configuration = true")
    return con


Params = Sequence[Any] | Mapping[str, Any] | None


def fetch(sql: str, params: Params = None, path: Path | None = None) -> pl.DataFrame:
    """Run one query on a fresh read-only connection (no cache): for the CLI and tests.

    `params` is a list for `?`/`$1` placeholders or a dict for `$name` placeholders."""
    con = _connect(path or served_path())
    if params is not None and not isinstance(params, Mapping):
        params = list(params)
    try:
        return con.sql(sql, params=params or None).pl()
    finally:
        con.close()


def _uncached(sql: str, params: Params, key: str, path: str) -> pl.DataFrame:
    # `key` is only part of the cache key: a new published file means new results
    return fetch(sql, params, Path(path))


# Made on first use, so the CLI (no Streamlit runtime) never builds a Streamlit cache.
_cached = None


def query(sql: str, params: Params = None) -> pl.DataFrame:
    """Cached query for the app, keyed by the served file's identity."""
    global _cached
    if _cached is None:
        _cached = st.cache_data(show_spinner=False, max_entries=512)(_uncached)
    path = served_path()
    return _cached(sql, params, file_key(path), str(path))


def run_limited(sql: str, max_rows: int, timeout_s: float, path: Path | None = None) -> Limited:
    """Run an analyst's statement with a time limit (interrupt from a timer thread) and a row limit."""
    con = _connect(path or served_path())
    timed_out = threading.Event()

    def interrupt() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, interrupt)
    timer.start()
    try:
        rel = con.sql(sql)
        if rel is None:  # not a query; the guard refuses these before we get here
            return Limited(pl.DataFrame(), False)
        frame = rel.limit(max_rows + 1).pl()
    except duckdb.InterruptException:
        raise QueryTimeout(f"time limit of {timeout_s:g} s exceeded") from None
    except duckdb.Error:
        if timed_out.is_set():
            raise QueryTimeout(f"time limit of {timeout_s:g} s exceeded") from None
        raise
    finally:
        timer.cancel()
        con.close()
    return Limited(frame.head(max_rows), frame.height > max_rows)


def statement_types(sql: str) -> list[str]:
    """Statement kinds (`SELECT`, `COPY`, ...) as DuckDB's parser sees them; parse errors raise duckdb.Error."""
    return [str(s.type).rsplit(".", 1)[-1] for s in duckdb.extract_statements(sql)]


def parse_tree(sql: str) -> dict:
    """DuckDB's own syntax tree of a SELECT, as JSON (an in-memory connection: no file is opened)."""
    con = duckdb.connect(":memory:", config=dict(_HARDENED))
    try:
        text = con.sql("SELECT json_serialize_sql($1)", params=[sql]).fetchall()[0][0]
    finally:
        con.close()
    return json.loads(text)


def clear_cache() -> None:
    if _cached is not None:
        _cached.clear()
