"""Benchmark of the dbt build (run by hand: `make bench` or `.venv/bin/python bench/build.py [ROWS ...]`).

For each size (default 1M and 10M synthetic GL postings from `kuntatalous synth`), in a scratch build file that
also holds the seed report:
1. `dbt build` of the whole project (postings of January–May), timed from outside as a user waits for it;
   and the like-for-like `dbt build` of models and data tests only (no seeds, no unit tests);
2. the same compiled SQL (every model's compiled select as CREATE OR REPLACE, every data test's query) run directly
   in DuckDB in the same process order — the bare engine — and the ratio of 1 to 2 (goal ≤ 2×);
3. June's postings land as a new load: the incremental `dbt build` against `dbt build --full-refresh`, both for the
   whole build and for the one model that reads every posting (int_gl_postings_monthly; goal ≤ 15 %).
Results are printed and written to bench/results/build.json. Needs ~3 GB free disk at 10M.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from ingestion import build, paths, publish

RESULTS = PROJECT_DIR / "bench" / "results"
SEED_REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"
MONTHLY_MODEL = "model.kuntatalous.int_gl_postings_monthly"


@dataclass
class Result:
    postings: int
    dbt_build_s: float
    dbt_models_and_tests_s: float
    bare_duckdb_s: float
    dbt_over_bare: float
    incremental_build_s: float
    full_refresh_build_s: float
    incremental_over_full: float
    monthly_model_incremental_s: float
    monthly_model_full_s: float
    monthly_model_incremental_over_full: float


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def node_seconds(unique_id: str) -> float:
    results = json.loads((publish.dbt_artifacts_dir() / "run_results.json").read_text(encoding="utf-8"))
    return next(r["execution_time"] for r in results["results"] if r["unique_id"] == unique_id)


def prepare(workdir: Path, rows: int, env: dict[str, str]) -> Path:
    """A build file with the seed report ingested and January–May postings loaded as one load."""
    landing = workdir / "landing"
    (landing / "reports").mkdir(parents=True)
    shutil.copy(SEED_REPORT, landing / "reports")
    postings = RESULTS / f"postings_{rows}.parquet"
    if not postings.exists():  # synth reads the seed report from the landing folder
        run([sys.executable, "-m", "ingestion.cli", "synth", "--rows", str(rows), "-o", str(postings)], env)
    run([sys.executable, "-m", "ingestion.cli", "ingest", "--quiet"], env)
    load_month_range(paths.build_db(), postings, months=(1, 5), load_id="bench-jan-may")
    return postings


def load_month_range(db: Path, postings: Path, months: tuple[int, int], load_id: str) -> None:
    # bench set-up, not what is measured: raw.gl_postings filled straight from the synthetic file
    con = duckdb.connect(str(db))
    con.execute(
        f"""
        insert into raw.gl_postings by name
        select
            municipality, posting_date, cast(year(posting_date) as integer) as fiscal_year, cost_centre, account,
            cast(amount_eur as decimal(18, 2)) as amount_eur, document_id, document_line, description, project,
            'gl/{postings.name}' as _source_path, 'bench' as _source_sha256,
            cast(row_number() over () as integer) as _source_row, '{load_id}' as _load_id,
            current_timestamp::timestamp as _loaded_at
        from read_parquet(?)
        where month(posting_date) between {months[0]} and {months[1]}
        """,
        [str(postings)],
    )
    con.close()


def monthly_totals(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(
            "select posting_month, count(*), sum(postings), sum(amount_eur)"
            " from intermediate.int_gl_postings_monthly group by all order by all"
        ).fetchall()
    finally:
        con.close()


def topological(manifest: dict) -> list[str]:
    """Models then data tests, parents before children (the order dbt itself respects)."""
    nodes = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "test") and node.get("compiled_code")
    }
    done: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen or uid not in nodes:
            return
        seen.add(uid)
        for parent in nodes[uid]["depends_on"]["nodes"]:
            visit(parent)
        done.append(uid)

    for uid in sorted(nodes):
        visit(uid)
    return done


def bare_duckdb_seconds(db: Path) -> float:
    manifest = json.loads((publish.dbt_artifacts_dir() / "manifest.json").read_text(encoding="utf-8"))
    statements = []
    for uid in topological(manifest):
        node = manifest["nodes"][uid]
        if node["resource_type"] == "model":
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            statements.append(f"create or replace {kind} {node['relation_name']} as {node['compiled_code']}")
        else:
            statements.append(f"select count(*) from ({node['compiled_code']}) as failures")
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    for statement in statements:
        if statement.startswith("select"):
            con.sql(statement).fetchall()
        else:
            con.execute(statement)
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def bench(rows: int) -> Result:
    workdir = RESULTS / f"build_{rows}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    os.environ.update(
        KUNTATALOUS_LANDING=str(workdir / "landing"),
        KUNTATALOUS_BUILD_DB=str(workdir / "build.duckdb"),
        KUNTATALOUS_DB=str(workdir / "served.duckdb"),
        KUNTATALOUS_ARTIFACTS=str(workdir / "artifacts"),
    )
    env = build.dbt_environment()
    postings = prepare(workdir, rows, env)

    dbt_build = run(build.dbt_command("build"), env)
    models_and_tests = run(
        build.dbt_command("build", "--exclude", "resource_type:seed", "resource_type:unit_test"), env
    )
    bare = bare_duckdb_seconds(paths.build_db())

    # bring the build file back to dbt's own state, then add June as a new load
    run(build.dbt_command("build", "--full-refresh"), env)
    load_month_range(paths.build_db(), postings, months=(6, 6), load_id="bench-june")
    incremental = run(build.dbt_command("build"), env)
    monthly_incremental = node_seconds(MONTHLY_MODEL)
    after_incremental = monthly_totals(paths.build_db())
    full = run(build.dbt_command("build", "--full-refresh"), env)
    monthly_full = node_seconds(MONTHLY_MODEL)
    if monthly_totals(paths.build_db()) != after_incremental:
        raise SystemExit("the incremental build and the full rebuild disagree")

    return Result(
        postings=rows,
        dbt_build_s=round(dbt_build, 2),
        dbt_models_and_tests_s=round(models_and_tests, 2),
        bare_duckdb_s=round(bare, 2),
        dbt_over_bare=round(models_and_tests / bare, 2),
        incremental_build_s=round(incremental, 2),
        full_refresh_build_s=round(full, 2),
        incremental_over_full=round(incremental / full, 3),
        monthly_model_incremental_s=round(monthly_incremental, 2),
        monthly_model_full_s=round(monthly_full, 2),
        monthly_model_incremental_over_full=round(monthly_incremental / monthly_full, 3),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", type=int, default=[1_000_000, 10_000_000])
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    for rows in args.rows:
        result = bench(rows)
        print(json.dumps(asdict(result)), flush=True)
        results.append(asdict(result))
    record = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, duckdb {duckdb.__version__}",
        "results": results,
    }
    (RESULTS / "build.json").write_text(json.dumps(record, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
