"""`kuntatalous build`: ingest data/landing → dbt build → publish, stopping at the first step that fails.

When nothing changed since the published build (the same landing files, byte for byte, and the same dbt project
files: inputs.py), the served file already is what the build would make: build says so and stops (`--force`
builds anyway).

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
from ingestion.warehouse import dbt_results, inputs, publish


def dbt_executable() -> Path:
    """The dbt installed beside the running Python (the project's .venv)."""
    return Path(sys.executable).parent / "dbt"


def dbt_command(*dbt_args: str, target: str = "build") -> list[str]:
    """A dbt invocation on this project, writing its artifacts under KUNTATALOUS_ARTIFACTS."""
    artifacts = dbt_results.artifacts_dir()
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


def unchanged_since_published(now: inputs.Inputs) -> bool:
    """True, and says so, when the served file was built from exactly `now`; else says what changed."""
    before = inputs.published(paths.served_db())
    if before is None:
        return False
    changes = inputs.changes(before, now)
    if changes:
        shown = "; ".join(changes[:5]) + (f" (+{len(changes) - 5} more)" if len(changes) > 5 else "")
        print(f"changed since the published build: {shown}")
        return False
    landing = sum(path.startswith("landing/") for path in now)
    print(
        f"nothing changed since the published build ({landing} landing file(s), {len(now) - landing} dbt project "
        f"file(s), the same SHA-256 each): dbt and publish skipped, {paths.served_db()} is up to date. "
        "`kuntatalous build --force` builds anyway."
    )
    return True


def command(args: argparse.Namespace) -> int:
    # what this build is made from, taken before ingest reads the files: a file changed during the build is then
    # seen as changed by the next build, never as already built
    built_from = None if args.skip_ingest else inputs.current(paths.landing_dir())
    if built_from is not None and not getattr(args, "force", False) and unchanged_since_published(built_from):
        return 0
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
    return publish.command(args, built_from)
