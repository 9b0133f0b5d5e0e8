"""What a build is made from: the landing files ingest loads and the dbt project's files (models, seeds, macros,
data tests, dbt_project.yml, profiles.yml), each with its SHA-256. Publish stores them in the served file
(published.build_inputs) beside the dbt results; `kuntatalous build` compares them with the files as they are now
and, when nothing changed, neither runs dbt nor publishes: the served file is already the build of these files."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion import paths
from ingestion.landing.ingest import discover
from ingestion.landing.readers import sha256_of

# the dbt project: a change to any of these files changes what `dbt build` makes
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "seeds", "macros", "tests/dbt")
SCHEMA = "published"
TABLE = f"{SCHEMA}.build_inputs"

Inputs = dict[str, str]  # "landing/gl/2022.csv" or "models/marts/fact_budget.sql" → SHA-256


def current(landing: Path) -> Inputs:
    """The build's inputs as they are now."""
    found: Inputs = {}
    files, _ = discover(landing)
    for path in sorted({item.path for item in files}):  # a report is listed once per kind it holds: hashed once
        found["landing/" + path.relative_to(landing).as_posix()] = sha256_of(path)
    for part in PROJECT_PARTS:
        root = paths.PROJECT_DIR / part
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(paths.PROJECT_DIR).as_posix()] = sha256_of(path)
    return found


def published(served_db: Path) -> Inputs | None:
    """The inputs of the build the served file holds; None when there is no served file or it does not say."""
    if not served_db.is_file():
        return None
    try:
        con = duckdb.connect(str(served_db), read_only=True)
    except duckdb.Error:
        return None
    try:
        known = con.sql(
            f"select count(*) from information_schema.tables "
            f"where table_schema = '{SCHEMA}' and table_name = 'build_inputs'"
        ).fetchall()[0][0]
        if not known:
            return None
        return dict(con.sql(f"select path, sha256 from {TABLE}").fetchall())
    finally:
        con.close()


def changes(before: Inputs, now: Inputs) -> list[str]:
    """What differs, one line per file: added, removed or changed."""
    lines = []
    for path in sorted(before.keys() | now.keys()):
        if path not in before:
            lines.append(f"added {path}")
        elif path not in now:
            lines.append(f"removed {path}")
        elif before[path] != now[path]:
            lines.append(f"changed {path}")
    return lines


def store(con: duckdb.DuckDBPyConnection, inputs: Inputs, database: str) -> None:
    """Write `inputs` into `database` (attached to `con`) as published.build_inputs, replacing any there."""
    con.execute(f"create schema if not exists {database}.{SCHEMA}")
    con.execute(f"create or replace table {database}.{TABLE} (path varchar primary key, sha256 varchar not null)")
    con.executemany(f"insert into {database}.{TABLE} values (?, ?)", [[p, h] for p, h in sorted(inputs.items())])
