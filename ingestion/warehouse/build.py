"""`kuntatalous build`: ingest data/landing → dbt build → publish, stopping at the first step that fails.

dbt runs as a subprocess (never in-process: dbt's DuckDB connection would keep the build file open) with this
repository as its project and profiles directory, against the build file named by KUNTATALOUS_BUILD_DB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ingestion import paths
from ingestion.warehouse import publish


def dbt_executable() -> Path:
    """The dbt installed beside the running Python (the project's .venv)."""
    return Path(sys.executable).parent / "dbt"


def dbt_command(*dbt_args: str, target: str = "build") -> list[str]:
    """A dbt invocation on this project, writing its artifacts under KUNTATALOUS_ARTIFACTS."""
    artifacts = publish.dbt_artifacts_dir()
    return [
        str(dbt_executable()),
        *dbt_args,
        "--profiles-dir",
        str(paths.PROJECT_DIR),
        "--project-dir",
        str(paths.PROJECT_DIR),
        "--target",
        target,
        "--target-path",
        str(artifacts),
        "--log-path",
        str(artifacts / "logs"),
        # dbt.log at debug level logs every statement's full SQL: ~17 % of the run phase on this project's 2 cores
        # (bench/build.py). Failures stay in the log; the SQL dbt ran is under run/ beside it. Add
        # `--log-level-file debug` by hand to see every statement.
        "--log-level-file",
        "info",
    ]


def dbt_environment() -> dict[str, str]:
    return {
        **os.environ,
        "KUNTATALOUS_BUILD_DB": str(paths.build_db()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def run_dbt_build() -> int:
    paths.build_db().parent.mkdir(parents=True, exist_ok=True)
    command = dbt_command("build")
    return subprocess.run(command, check=False, cwd=paths.PROJECT_DIR, env=dbt_environment()).returncode


def command(args: argparse.Namespace) -> int:
    if not args.skip_ingest:
        from ingestion.landing import ingest

        status = ingest.command(argparse.Namespace(landing=None, db=None, quiet=False))
        if status != 0:
            print("ingest failed: dbt was not run and the served file was left as it was.", file=sys.stderr)
            return status
    status = run_dbt_build()
    if status != 0:
        print("dbt build failed: the served file was left as it was.", file=sys.stderr)
        return status
    return publish.command(args)
