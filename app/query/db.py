"""The only module that touches DuckDB. Reads go through short-lived read-only connections to the served file.

`kuntatalous publish` replaces the served file whole (os.replace). DuckDB keeps one database instance per path in
a process, so a connection opened while another connection to the replaced file is still open would be handed the
old file. Readers therefore pass a gate: a connection is opened only while every open connection reads the same
file identity (inode, mtime, size); after a publish, new readers wait until the connections to the old file have
closed (they are short-lived), then open the new one. The identity also keys the result cache, so a publish
invalidates it.

A page run of the explorer (`page_run()`, entered by app/explorer.py) shares one connection among its queries and
closes it when the page is drawn; a cache hit opens nothing.

Opening the file is most of a cold page (the catalog is read on every open), so the process keeps one read-only,
hardened database instance per served file and hands each reader a cursor of it (its own connection to the same
instance: cheap, and one per thread, as DuckDB connections are not thread-safe). The instance is opened once per
publish: when the gate sees a new file and the old file's readers have drained, the old instance is closed and the
new file opened. `release()` closes it (a process that wants to open the file with other settings).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from ingestion import paths

# Settings fixed before `lock_configuration`, so no query can loosen them.
_HARDENED = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 2,
    "memory_limit": "2GB",
}
_DRAIN_WAIT_S = 15.0  # longest wait for the old file's readers (the SQL console's time limit is 10 s)

Params = Sequence[Any] | Mapping[str, Any] | None


class WarehouseMissing(RuntimeError):
    """The served file does not exist yet (nothing published)."""


class QueryTimeout(RuntimeError):
    """A query ran past its time limit and was interrupted."""


@dataclass(frozen=True)
class Limited:
    """A result cut to a row limit."""

    frame: pl.DataFrame
    truncated: bool


_local = threading.local()  # Streamlit runs each session's script on its own thread
_gate = threading.Condition()
_gate_key: str | None = None  # identity of the file every open connection reads
_gate_open = 0  # open connections
_shared: duckdb.DuckDBPyConnection | None = None  # the served file's instance, opened once per publish
_shared_key: str | None = None
_shared_cursors = 0  # cursors of it still open


def _cursor(path: Path, key: str) -> duckdb.DuckDBPyConnection:
    """A cursor of the served file's shared read-only instance (call with _gate held)."""
    global _shared, _shared_key, _shared_cursors
    if _shared is not None and _shared_key != key and not _shared_cursors:
        _shared.close()  # a publish replaced the file and the old file's readers are gone
        _shared = None
    if _shared is None:
        _shared = duckdb.connect(str(path), read_only=True, config=dict(_HARDENED))
        _shared.sql("SET enable_progress_bar = false")
        _shared.sql("SET lock_configuration = true")
        _shared_key = key
    _shared_cursors += 1
    return _shared.cursor()


def _cursor_closed() -> None:
    global _shared_cursors
    _shared_cursors -= 1


def release() -> None:
    """Close the shared instance (no reader may be open): the next reader opens the file again."""
    global _shared, _shared_key
    with _gate:
        if _shared is not None:
            _shared.close()
        _shared, _shared_key = None, None


def _identity(path: Path) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise WarehouseMissing(f"{path}: no warehouse has been published yet (run `kuntatalous build`)") from None
    return f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"


class _Pinned:
    """A place among the served file's readers: its identity and (opened on first need) a hardened connection."""

    def __init__(self, path: Path) -> None:
        global _gate_key, _gate_open
        self.path = path
        self.key = _identity(path)
        held_here = getattr(_local, "held", 0)
        with _gate:
            # after a publish, let the old file's readers finish (not this thread's own: it would wait for itself)
            if _gate_open and _gate_key != self.key and not held_here:
                _gate.wait_for(lambda: not _gate_open, timeout=_DRAIN_WAIT_S)
            self.key = _identity(path)
            if not _gate_open:
                _gate_key = self.key
            _gate_open += 1
        _local.held = held_here + 1
        self._con: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            with _gate:  # a cursor of the file's shared instance, whose configuration is locked
                self._con = _cursor(self.path, self.key)
        return self._con

    def close(self) -> None:
        global _gate_open
        if self._con is not None:
            self._con.close()
            self._con = None
            with _gate:
                _cursor_closed()
        _local.held = getattr(_local, "held", 1) - 1
        with _gate:
            _gate_open -= 1
            _gate.notify_all()


def served_path() -> Path:
    return paths.served_db()


def file_key(path: Path | None = None) -> str:
    """Identity of the served file: changes whenever a publish replaces it."""
    return _identity(path or served_path())


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: Params) -> pl.DataFrame:
    if params is not None and not isinstance(params, Mapping):
        params = list(params)
    return con.sql(sql, params=params or None).pl()


def fetch(sql: str, params: Params = None, path: Path | None = None) -> pl.DataFrame:
    """Run one query on its own pinned read-only connection (no cache): for the CLI, tests and benchmarks.

    `params` is a list for `?`/`$1` placeholders or a dict for `$name` placeholders."""
    pinned = _Pinned(path or served_path())
    try:
        return _run(pinned.connection(), sql, params)
    finally:
        pinned.close()


@contextmanager
def session(path: Path | None = None) -> Iterator[Any]:
    """One pinned connection for several queries: yields `run(sql, params) -> DataFrame` (used by the bench)."""
    pinned = _Pinned(path or served_path())
    try:
        yield lambda sql, params=None: _run(pinned.connection(), sql, params)
    finally:
        pinned.close()




@contextmanager
def page_run() -> Iterator[None]:
    """Share one pinned connection among the queries of one page run; closed when the page is drawn."""
    _local.active = True
    try:
        yield
    finally:
        pinned = getattr(_local, "pinned", None)
        if pinned is not None:
            pinned.close()
        _local.pinned = None
        _local.active = False


def page_read(sql: str, params: Params, key: str, path: str) -> pl.DataFrame:
    """Run a query for the explorer's cache: on the page run's connection when it reads the file `key` names."""
    pinned = getattr(_local, "pinned", None)
    if pinned is not None and pinned.key == key:
        return _run(pinned.connection(), sql, params)
    return fetch(sql, params, Path(path))


def page_key(path: Path) -> str:
    """Identity of the file this page run reads: pinned for the whole run, so all its queries see one file."""
    if getattr(_local, "active", False):
        if getattr(_local, "pinned", None) is None:
            _local.pinned = _Pinned(path)
        return _local.pinned.key
    return _identity(path)


def run_limited(sql: str, max_rows: int, timeout_s: float, path: Path | None = None) -> Limited:
    """Run an analyst's statement with a time limit (interrupt from a timer thread) and a row limit.

    Inside a page run it uses the page's connection (same thread, one statement at a time)."""
    shared = getattr(_local, "pinned", None) if getattr(_local, "active", False) and path is None else None
    pinned = shared or _Pinned(path or served_path())
    if getattr(_local, "active", False) and path is None and shared is None:
        _local.pinned = shared = pinned
    con = pinned.connection()
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
        if shared is None:
            pinned.close()
    return Limited(frame.head(max_rows), frame.height > max_rows)


def statement_types(sql: str) -> list[str]:
    """Statement kinds (`SELECT`, `COPY`, ...) as DuckDB's parser sees them; parse errors raise duckdb.Error."""
    return [str(s.type).rsplit(".", 1)[-1] for s in duckdb.extract_statements(sql)]


_parser: duckdb.DuckDBPyConnection | None = None  # in memory, no file: kept, since opening DuckDB costs ~50-150 ms


def parse_tree(sql: str) -> dict:
    """DuckDB's own syntax tree of a SELECT, as JSON (parsed only, never run, on an in-memory database)."""
    global _parser
    with _gate:
        if _parser is None:
            _parser = duckdb.connect(":memory:", config=dict(_HARDENED))
        cursor = _parser.cursor()  # one cursor per call: connections are not shared between threads
    try:
        text = cursor.sql("SELECT json_serialize_sql($1)", params=[sql]).fetchall()[0][0]
    finally:
        cursor.close()
    return json.loads(text)
