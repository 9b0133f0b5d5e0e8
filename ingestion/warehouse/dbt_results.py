"""dbt's run results, in one place: `kuntatalous build` has dbt write run_results.json among the build artifacts;
publish reads it to decide whether the build is green and stores it in the served file with the build it describes
(table published.dbt_results); the data-quality page reads them back from there, so it always shows the tests of
the build people are reading, never those of a later build that was not published."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion import paths

GREEN_STATUSES = {"success", "pass", "warn", "no-op"}
SCHEMA = "published"
TABLE = f"{SCHEMA}.dbt_results"
_COLUMNS = (
    "unique_id VARCHAR NOT NULL, status VARCHAR NOT NULL, failures BIGINT, message VARCHAR, "
    "seconds DOUBLE NOT NULL, generated_at TIMESTAMP NOT NULL"
)

# The data-quality page's query: the published build's data tests and unit tests.
PUBLISHED_TESTS_SQL = f"""
    select unique_id, status, failures, message, round(seconds, 2) as seconds, generated_at
    from {TABLE}
    where unique_id like 'test.%' or unique_id like 'unit_test.%'
    order by status, unique_id
"""
HAS_PUBLISHED_RESULTS_SQL = (
    f"select count(*) from information_schema.tables where table_schema = '{SCHEMA}' and table_name = 'dbt_results'"
)


@dataclass(frozen=True)
class NodeResult:
    unique_id: str
    status: str
    failures: int | None
    message: str | None
    seconds: float


@dataclass(frozen=True)
class RunResults:
    path: Path
    command: str | None  # build, run, test, ... (dbt's args.which)
    target: str | None
    generated_at: datetime  # UTC
    elapsed_seconds: float  # dbt's own run time
    nodes: tuple[NodeResult, ...]

    def not_green(self) -> list[str]:
        """A line per node that failed, errored or was skipped."""
        return [
            f"dbt {n.unique_id}: {n.status} {n.message or ''}".strip() for n in self.nodes if n.status not in GREEN_STATUSES
        ]


def artifacts_dir() -> Path:
    """Where `kuntatalous build` tells dbt to write run_results.json and its logs."""
    return paths.artifacts_dir() / "dbt"


def run_results_path() -> Path:
    return artifacts_dir() / "run_results.json"


def read(path: Path | None = None) -> RunResults | None:
    """The run results dbt wrote last (None when dbt has not run)."""
    path = path or run_results_path()
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    generated = datetime.fromisoformat(data["metadata"]["generated_at"])
    args = data.get("args", {})
    return RunResults(
        path=path,
        command=args.get("which"),
        target=args.get("target"),
        generated_at=generated if generated.tzinfo else generated.replace(tzinfo=UTC),
        elapsed_seconds=float(data.get("elapsed_time") or 0),
        nodes=tuple(
            NodeResult(
                unique_id=str(r.get("unique_id")),
                status=str(r.get("status")),
                failures=r.get("failures"),
                message=r.get("message"),
                seconds=float(r.get("execution_time") or 0),
            )
            for r in data.get("results", [])
        ),
    )


def store(con: duckdb.DuckDBPyConnection, results: RunResults, database: str) -> None:
    """Write the results into `database` (attached to `con`) as published.dbt_results, replacing any there."""
    con.execute(f"create schema if not exists {database}.{SCHEMA}")
    con.execute(f"create or replace table {database}.{TABLE} ({_COLUMNS})")
    generated = results.generated_at.astimezone(UTC).replace(tzinfo=None)
    con.executemany(
        f"insert into {database}.{TABLE} values (?, ?, ?, ?, ?, ?)",
        [[n.unique_id, n.status, n.failures, n.message, n.seconds, generated] for n in results.nodes],
    )
