"""`kuntatalous publish`: copy a green build file to the served file, atomically.

Readers only ever see a whole file: the copy is written beside the served file and swapped in with os.replace,
so a reader's connection holds either the old file or the new one. A build that is not green (a failed dbt
node or test, a file whose latest load failed, a critical GX expectation that failed) leaves the served file
untouched. The copy is written in DuckDB 1.4 storage format so analysts' DuckDB 1.x CLIs can open it, and holds
the dbt results of the build it was made from (published.dbt_results, see dbt_results.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion import paths
from ingestion.warehouse import dbt_results, inputs
from ingestion.warehouse.dbt_results import RunResults
from ingestion.warehouse.inputs import Inputs

# DuckDB 2.0 writes a format 1.x cannot read unless asked for an older storage version
SERVED_STORAGE_VERSION = "v1.4.0"


class PublishRefused(Exception):
    """The build is not green; the message lists why."""


@dataclass(frozen=True)
class BuildState:
    build_db: Path
    run_results: Path


def _latest_load_finished(con: duckdb.DuckDBPyConnection) -> datetime | None:
    return con.sql("select max(finished_at) from raw.load_log").fetchall()[0][0]


def _failed_loads(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Files whose most recent load failed (a failed load kept the file's previous rows, or none)."""
    rows = con.sql(
        """
        select source_path, coalesce(message, '')
        from raw.load_log
        qualify row_number() over (partition by source_path order by started_at desc, load_id desc) = 1
            and status = 'failed'
        order by source_path
        """
    ).fetchall()
    return [f"load of {path} failed: {message}".rstrip(": ") for path, message in rows]


def _failed_critical_expectations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Critical GX expectations that failed in the latest load of each file."""
    rows = con.sql(
        """
        with latest_loads as (
            select load_id
            from raw.load_log
            qualify row_number() over (partition by source_path order by started_at desc, load_id desc) = 1
        )
        select gx.source_path, gx.expectation, coalesce(gx.column_name, ''), coalesce(gx.observed, '')
        from raw.gx_results as gx
        inner join latest_loads using (load_id)
        where gx.critical and not gx.success
        order by all
        """
    ).fetchall()
    return [f"GX {exp}({col}) failed on {path}: {observed}" for path, exp, col, observed in rows]


def _dbt_problems(state: BuildState, results: RunResults | None, loads_finished: datetime | None) -> list[str]:
    if results is None:
        return [f"no dbt run results at {state.run_results}: run `kuntatalous build` first"]
    problems = []
    if results.command != "build":
        problems.append(f"{results.path} is not from `dbt build`")
    if results.target not in (None, "build"):
        problems.append(f"{results.path} is from the dbt target `{results.target}`, not the build file")
    problems += results.not_green()
    if loads_finished is not None:
        finished = loads_finished if loads_finished.tzinfo else loads_finished.replace(tzinfo=UTC)
        if finished > results.generated_at:
            problems.append(
                "the build file was loaded again after the last dbt build: run `kuntatalous build`"
            )
    return problems


def check_green(state: BuildState, results: RunResults | None) -> list[str]:
    """Every reason the build file must not be published; empty when it is green."""
    if not state.build_db.is_file():
        return [f"no build file at {state.build_db}: run `kuntatalous build` first"]
    con = duckdb.connect(str(state.build_db), read_only=True)
    try:
        problems = _failed_loads(con) + _failed_critical_expectations(con)
        loads_finished = _latest_load_finished(con)
    finally:
        con.close()
    return problems + _dbt_problems(state, results, loads_finished)


def copy_atomically(build_db: Path, served_db: Path, results: RunResults, built_from: Inputs | None) -> None:
    """Write a compacted copy of the build file, with the dbt results that made it green and the files it was built
    from (when known), beside the served file, then swap it in with one rename."""
    served_db.parent.mkdir(parents=True, exist_ok=True)
    temp = served_db.with_name(f".{served_db.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute("attach ? as build_file (read_only)", [str(build_db)])
        con.execute(f"attach ? as served_copy (storage_version '{SERVED_STORAGE_VERSION}')", [str(temp)])
        con.execute("copy from database build_file to served_copy")
        dbt_results.store(con, results, "served_copy")
        if built_from is not None:
            inputs.store(con, built_from, "served_copy")
        con.execute("detach served_copy")
        con.execute("detach build_file")
    except BaseException:
        con.close()
        temp.unlink(missing_ok=True)
        raise
    con.close()
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, served_db)


def publish(state: BuildState, served_db: Path, built_from: Inputs | None = None) -> None:
    results = dbt_results.read(state.run_results)
    problems = check_green(state, results)
    if problems or results is None:
        raise PublishRefused("not published, the build is not green:\n  " + "\n  ".join(problems))
    copy_atomically(state.build_db, served_db, results, built_from)


def command(args: argparse.Namespace, built_from: Inputs | None = None) -> int:
    """Publish the build file. `built_from`: the files `kuntatalous build` built it from; a publish on its own does
    not know them, so the next build runs in full."""
    state = BuildState(build_db=paths.build_db(), run_results=dbt_results.run_results_path())
    served = paths.served_db()
    try:
        publish(state, served, built_from)
    except PublishRefused as refused:
        print(f"{refused}\nThe served file {served} was left as it was.", file=sys.stderr)
        return 1
    print(f"published {state.build_db} → {served}")
    return 0
