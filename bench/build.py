"""Benchmark of the dbt build (run by hand: `make bench` or `.venv/bin/python bench/build.py [POSTINGS ...]`).

A scratch warehouse per size (default 1M and 10M GL postings in total) holds the seed report and a history of
synthetic postings: `kuntatalous synth` makes January–June 2022 (postings that add up to the report's printed
actuals); copies of them moved 18, 24, 30 and 36 months back fill 2019-01..2020-12 (2021 is left out: the report
prints 2021's actuals in thousands, and copied cents would not agree with them). History loaded first: 2019,
2020 and 2022-01..05, one load each, 29 months; June 2022 is the one more month, 1/30 of the postings.

1. dbt against the bare engine, the same SQL work on both sides: `dbt build --full-refresh` of models and data
   tests (no seeds, no unit tests), timed from outside as a user waits for it (process start, parsing, every
   node), against the compiled SQL of that same run (each model's compiled select as CREATE OR REPLACE, each
   data test's query) run directly in DuckDB in dependency order on one connection. Alternated, median of each.
   Beside them dbt's floor: the same `dbt build` with `--empty` (every source and ref read as zero rows), and the
   incremental whole-project `dbt build --empty`: no SQL work left, only what dbt itself costs per invocation.
2. One more month: June's postings land as a new load, then the incremental `dbt build` of the whole project
   (seeds, models, data and unit tests) against `dbt build --full-refresh` of the whole project on the same data,
   checked to give the same monthly sums. Before each repetition June is removed and the warehouse rebuilt.
Before anything is timed the warehouse is built once, so dbt finds its partial-parse file as in daily use.
With `--against DIR` (another checkout of this project, e.g. `git archive main`), only this is measured instead:
the whole-project `dbt build --full-refresh` of this project and of DIR on the same warehouse, alternated, wall time
and the models' own time (run_results) — whether a change to the models made the DuckDB build slower.
Results are printed and written to bench/results/build.json. Needs ~3 GB free disk at 10M.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

import machine

from ingestion import paths
from ingestion.warehouse import build, dbt_results

RESULTS = PROJECT_DIR / "bench" / "results"
SEED_REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"
MONTHLY_MODEL = "model.kuntatalous.int_gl_postings_monthly"
# months each copy of the synthetic January–June 2022 is moved back: 2020-07..12, 2020-01..06, 2019-07..12, …
HISTORY_SHIFTS = {"bench-2019": (36, 30), "bench-2020": (24, 18)}
SYNTH_COPIES = 1 + sum(len(shifts) for shifts in HISTORY_SHIFTS.values())
NEW_MONTH_LOAD = "bench-2022-06"
MODELS_AND_TESTS = ("--exclude", "resource_type:seed", "resource_type:unit_test")


@dataclass
class Result:
    postings: int
    new_month_postings: int
    dbt_models_and_tests_s: float
    dbt_run_elapsed_s: float
    bare_duckdb_s: float
    dbt_over_bare: float
    dbt_empty_models_and_tests_s: float  # the same `dbt build` with --empty: every node, no rows
    empty_over_bare: float
    dbt_empty_whole_project_s: float  # the incremental whole-project build with --empty
    incremental_build_s: float
    full_refresh_build_s: float
    incremental_over_full: float
    empty_over_full: float
    monthly_model_incremental_s: float
    monthly_model_full_s: float
    repetitions: int


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def run_results() -> dbt_results.RunResults:
    results = dbt_results.read()
    if results is None:
        raise SystemExit(f"dbt wrote no {dbt_results.run_results_path()}")
    return results


def node_seconds(unique_id: str) -> float:
    return next(n.seconds for n in run_results().nodes if n.unique_id == unique_id)


def synthetic_postings(rows: int, env: dict[str, str]) -> Path:
    """January–June 2022 postings, a 1/SYNTH_COPIES share of the warehouse (synth reads the landing report)."""
    postings = RESULTS / f"postings_{rows}.parquet"
    if not postings.exists():
        run([sys.executable, "-m", "ingestion.cli", "synth", "--rows", str(rows), "-o", str(postings)], env)
    return postings


def load_postings(db: Path, postings: Path, load_id: str, where: str, months_back: int = 0) -> int:
    # bench set-up, not what is measured: raw.gl_postings filled straight from the synthetic file
    con = duckdb.connect(str(db))
    try:
        moved = f"cast(posting_date - to_months({months_back}) as date)"
        con.execute(
            f"""
            insert into raw.gl_postings_rows by name
            select
                municipality, {moved} as posting_date, cast(year({moved}) as integer) as fiscal_year,
                cost_centre, account, cast(amount_eur as decimal(18, 2)) as amount_eur, document_id,
                document_line, description, project,
                cast(row_number() over () as integer) as _source_row, '{load_id}' as _load_id
            from read_parquet(?)
            where {where}
            """,
            [str(postings)],
        )
        count = con.sql(f"select count(*) from raw.gl_postings_rows where _load_id = '{load_id}'").fetchall()[0][0]
        # the lineage the raw.gl_postings view joins in (ingestion/landing/schema.py); ingest logs naive UTC times
        loaded_at = datetime.now(UTC).replace(tzinfo=None)
        con.execute(
            "insert into raw.load_log (load_id, source_path, source_sha256, kind, started_at, finished_at, status, "
            "rows_read, rows_loaded, rows_rejected) values (?, ?, ?, 'gl', ?, ?, 'loaded', ?, ?, 0)",
            [load_id, f"gl/{load_id}.parquet", load_id, loaded_at, loaded_at, count, count],
        )
        return count
    finally:
        con.close()


def remove_load(db: Path, load_id: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute("delete from raw.gl_postings_rows where _load_id = ?", [load_id])
        con.execute("delete from raw.load_log where load_id = ?", [load_id])
    finally:
        con.close()


def prepare(workdir: Path, rows: int, env: dict[str, str]) -> Path:
    """A build file with the seed report ingested and the history of postings loaded (all but June 2022)."""
    landing = workdir / "landing"
    (landing / "reports").mkdir(parents=True)
    shutil.copy(SEED_REPORT, landing / "reports")
    postings = synthetic_postings(rows // SYNTH_COPIES, env)
    run([sys.executable, "-m", "ingestion.cli", "ingest", "--quiet"], env)
    db = paths.build_db()
    for load_id, shifts in HISTORY_SHIFTS.items():
        for months_back in shifts:
            load_postings(db, postings, f"{load_id}-{months_back}", "true", months_back)
    load_postings(db, postings, "bench-2022-01-05", "month(posting_date) between 1 and 5")
    return postings


def monthly_totals(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(
            "select fiscal_year, posting_month, count(*), sum(postings), sum(amount_eur)"
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


def bare_statements() -> list[str]:
    """The last dbt run's compiled SQL: each model as CREATE OR REPLACE, each data test as a count of failures."""
    manifest = json.loads((dbt_results.artifacts_dir() / "manifest.json").read_text(encoding="utf-8"))
    ran = {n.unique_id for n in run_results().nodes}
    statements = []
    for uid in topological(manifest):
        if uid not in ran:
            continue
        node = manifest["nodes"][uid]
        if node["resource_type"] == "model":
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            statements.append(f"create or replace {kind} {node['relation_name']} as {node['compiled_code']}")
        else:
            statements.append(f"select count(*) from ({node['compiled_code']}) as failures")
    return statements


def bare_duckdb_seconds(db: Path, statements: list[str]) -> float:
    con = duckdb.connect(str(db))
    try:
        started = time.perf_counter()
        for statement in statements:
            if statement.startswith("select"):
                con.sql(statement).fetchall()
            else:
                con.execute(statement)
        return time.perf_counter() - started
    finally:
        con.close()


def dbt_against_bare(env: dict[str, str], repetitions: int) -> tuple[float, float, float, float, float]:
    """Medians of: dbt models + data tests (full refresh) wall time, dbt's own run time, bare DuckDB time; and
    dbt's floor: the same build and the incremental whole-project build with `--empty` (every source and ref read
    as zero rows: what dbt costs when the SQL has nothing to do). The empty builds leave empty tables; the next
    step rebuilds them."""
    dbt_times, run_times, bare_times, empty_times, empty_project_times = [], [], [], [], []
    for _ in range(repetitions):
        dbt_times.append(run(build.dbt_command("build", "--full-refresh", *MODELS_AND_TESTS), env))
        run_times.append(run_results().elapsed_seconds)
        bare_times.append(bare_duckdb_seconds(paths.build_db(), bare_statements()))
        empty_times.append(run(build.dbt_command("build", "--full-refresh", "--empty", *MODELS_AND_TESTS), env))
        empty_project_times.append(run(build.dbt_command("build", "--empty"), env))
    return (statistics.median(dbt_times), statistics.median(run_times), statistics.median(bare_times),
            statistics.median(empty_times), statistics.median(empty_project_times))


def one_more_month(
    postings: Path, env: dict[str, str], repetitions: int
) -> tuple[int, list[float], list[float], list[float], list[float]]:
    """June lands as a new load: the incremental whole-project build, then the full rebuild of the same data."""
    db = paths.build_db()
    incremental, full, monthly_incremental, monthly_full = [], [], [], []
    june = 0
    for _ in range(repetitions):
        remove_load(db, NEW_MONTH_LOAD)
        run(build.dbt_command("build", "--full-refresh"), env)  # the warehouse as it was before June
        june = load_postings(db, postings, NEW_MONTH_LOAD, "month(posting_date) = 6")
        incremental.append(run(build.dbt_command("build"), env))
        monthly_incremental.append(node_seconds(MONTHLY_MODEL))
        after_incremental = monthly_totals(db)
        full.append(run(build.dbt_command("build", "--full-refresh"), env))
        monthly_full.append(node_seconds(MONTHLY_MODEL))
        if monthly_totals(db) != after_incremental:
            raise SystemExit("the incremental build and the full rebuild disagree")
    return june, incremental, full, monthly_incremental, monthly_full


def bench(rows: int, repetitions: int) -> Result:
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
    run(build.dbt_command("build"), env)  # the first build: afterwards dbt parses only what changed

    dbt_s, run_s, bare_s, empty_s, empty_project_s = dbt_against_bare(env, repetitions)
    june, incremental, full, monthly_incremental, monthly_full = one_more_month(postings, env, repetitions)
    con = duckdb.connect(str(paths.build_db()), read_only=True)
    total = con.sql("select count(*) from raw.gl_postings").fetchall()[0][0]
    con.close()
    shutil.rmtree(workdir, ignore_errors=True)
    return Result(
        postings=total,
        new_month_postings=june,
        dbt_models_and_tests_s=round(dbt_s, 2),
        dbt_run_elapsed_s=round(run_s, 2),
        bare_duckdb_s=round(bare_s, 2),
        dbt_over_bare=round(dbt_s / bare_s, 2),
        dbt_empty_models_and_tests_s=round(empty_s, 2),
        empty_over_bare=round(empty_s / bare_s, 2),
        dbt_empty_whole_project_s=round(empty_project_s, 2),
        incremental_build_s=round(statistics.median(incremental), 2),
        full_refresh_build_s=round(statistics.median(full), 2),
        incremental_over_full=round(statistics.median(incremental) / statistics.median(full), 3),
        empty_over_full=round(empty_project_s / statistics.median(full), 3),
        monthly_model_incremental_s=round(statistics.median(monthly_incremental), 2),
        monthly_model_full_s=round(statistics.median(monthly_full), 2),
        repetitions=repetitions,
    )


def against(other: Path, rows: int, repetitions: int) -> dict:
    """This project's and `other`'s whole `dbt build --full-refresh`, alternated on one warehouse (medians)."""
    workdir = RESULTS / f"against_{rows}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    os.environ.update(
        KUNTATALOUS_LANDING=str(workdir / "landing"),
        KUNTATALOUS_BUILD_DB=str(workdir / "build.duckdb"),
        KUNTATALOUS_DB=str(workdir / "served.duckdb"),
        KUNTATALOUS_ARTIFACTS=str(workdir / "artifacts"),
    )
    env = build.dbt_environment()
    prepare(workdir, rows, env)
    projects = {"this": PROJECT_DIR, "other": other.resolve()}
    wall: dict[str, list[float]] = {name: [] for name in projects}
    models: dict[str, list[float]] = {name: [] for name in projects}
    for repetition in range(repetitions + 1):  # the first round only parses and builds once for each
        for name, project in projects.items():
            target = workdir / f"target_{name}"
            command = [str(build.dbt_executable()), "build", "--full-refresh", "--profiles-dir", str(project),
                       "--project-dir", str(project), "--target-path", str(target), "--log-path",
                       str(target / "logs"), "--log-level-file", "info"]
            seconds = run(command, env)
            results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
            if repetition:
                wall[name].append(seconds)
                models[name].append(sum(r["execution_time"] for r in results if r["unique_id"].startswith("model.")))
    con = duckdb.connect(str(paths.build_db()), read_only=True)
    postings = con.sql("select count(*) from raw.gl_postings").fetchall()[0][0]
    con.close()
    shutil.rmtree(workdir, ignore_errors=True)
    median = {key: {name: round(statistics.median(values), 2) for name, values in times.items()}
              for key, times in (("whole_build_s", wall), ("models_s", models))}
    return {"postings": postings, "other": str(other), **median,
            "this_over_other_whole": round(median["whole_build_s"]["this"] / median["whole_build_s"]["other"], 3),
            "this_over_other_models": round(median["models_s"]["this"] / median["models_s"]["other"], 3),
            "repetitions": repetitions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postings", nargs="*", type=int, default=[1_000_000, 10_000_000])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout of the project to compare with")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {**machine.record_start(), "results": []}
    if args.against:
        for rows in args.postings:
            record["results"].append(against(args.against, rows, args.repetitions))
            print(json.dumps(record["results"][-1]), flush=True)
        record["load_average_after"] = os.getloadavg()
        (RESULTS / "build_against.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
        return
    for rows in args.postings:
        result = bench(rows, args.repetitions)
        print(json.dumps(asdict(result)), flush=True)
        record["results"].append(asdict(result))
    record["load_average_after"] = os.getloadavg()
    print(json.dumps({k: v for k, v in record.items() if k != "results"}))
    (RESULTS / "build.json").write_text(json.dumps(record, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
