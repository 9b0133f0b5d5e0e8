"""Benchmark: the same dbt build on DuckDB and on Spark local (run by hand: `.venv/bin/python bench/spark.py [POSTINGS]`;
needs `make test-spark`'s extra and Java 17).

One warehouse: the real landing files (the Heinola seed report, Kauhava's annual report, the goal register) plus
POSTINGS synthetic GL postings (`kuntatalous synth`, default 1M), ingested once. Then, alternated per repetition:
1. DuckDB: `dbt build --full-refresh` of the whole project (seeds, models, data tests, unit tests) on the build file,
   wall time as a user waits for it;
2. `kuntatalous export-raw` of the raw tables to Parquet (what Spark reads);
3. Spark: the same `dbt build --full-refresh --target spark` (in-process session, local[2]; JVM start included),
   and, with --floor, `dbt build --empty --target spark`: every node with no rows, i.e. what Spark and dbt cost
   before any data is read.
Both builds must pass. Results are printed and written to bench/results/spark.json with date, machine and load.
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
from pathlib import Path

import machine

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_DIR / "bench" / "results"
DBT = Path(sys.executable).parent / "dbt"
POSTINGS_MODEL = "model.kuntatalous.int_gl_postings_monthly"


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def dbt(target_path: Path, *args: str) -> list[str]:
    return [str(DBT), *args, "--profiles-dir", str(PROJECT_DIR), "--project-dir", str(PROJECT_DIR),
            "--target-path", str(target_path), "--log-path", str(target_path / "logs"), "--log-level-file", "info"]


def node_seconds(target_path: Path) -> tuple[float, float]:
    """The postings model's time and the sum of every node's time in the last run."""
    results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))["results"]
    postings = next(r["execution_time"] for r in results if r["unique_id"] == POSTINGS_MODEL)
    return postings, sum(r["execution_time"] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postings", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--floor", action="store_true", help="also time `dbt build --empty` on Spark")
    args = parser.parse_args()
    workdir = RESULTS / f"spark_{args.postings}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.copytree(PROJECT_DIR / "data" / "landing", workdir / "landing")
    env = {
        **os.environ,
        "KUNTATALOUS_LANDING": str(workdir / "landing"),
        "KUNTATALOUS_BUILD_DB": str(workdir / "build.duckdb"),
        "KUNTATALOUS_DB": str(workdir / "served.duckdb"),
        "KUNTATALOUS_ARTIFACTS": str(workdir / "artifacts"),
        "KUNTATALOUS_RAW_PARQUET": str(workdir / "raw_parquet"),
        "KUNTATALOUS_SPARK_DIR": str(workdir / "spark"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    cli = [sys.executable, "-m", "ingestion.cli"]
    synthetic = workdir / "synthetic.parquet"
    run([*cli, "synth", "--rows", str(args.postings), "-o", str(synthetic)], env)
    shutil.copy(synthetic, workdir / "landing" / "gl" / synthetic.name)
    run([*cli, "ingest", "--quiet"], env)

    record = {**machine.record_start(), "postings": args.postings}
    duck, export, spark, empty = [], [], [], []
    duck_nodes, spark_nodes = [], []
    for _ in range(args.repetitions):
        duck.append(run(dbt(workdir / "t_duckdb", "build", "--full-refresh"), env))
        duck_nodes.append(node_seconds(workdir / "t_duckdb"))
        export.append(run([*cli, "export-raw", str(workdir / "raw_parquet")], env))
        spark.append(run(dbt(workdir / "t_spark", "build", "--full-refresh", "--target", "spark"), env))
        spark_nodes.append(node_seconds(workdir / "t_spark"))
        if args.floor:
            empty.append(run(dbt(workdir / "t_empty", "build", "--empty", "--target", "spark"), env))
    record |= {
        "duckdb_build_s": round(statistics.median(duck), 1),
        "export_raw_s": round(statistics.median(export), 1),
        "spark_build_s": round(statistics.median(spark), 1),
        "spark_over_duckdb": round(statistics.median(spark) / statistics.median(duck), 1),
        "spark_over_duckdb_with_export": round(
            (statistics.median(spark) + statistics.median(export)) / statistics.median(duck), 1),
        "postings_model_s": {"duckdb": round(statistics.median(p for p, _ in duck_nodes), 2),
                             "spark": round(statistics.median(p for p, _ in spark_nodes), 2)},
        "sum_of_node_times_s": {"duckdb": round(statistics.median(n for _, n in duck_nodes), 1),
                                "spark": round(statistics.median(n for _, n in spark_nodes), 1)},
        "spark_empty_build_s": round(statistics.median(empty), 1) if empty else None,
        "repetitions": args.repetitions,
        "load_average_after": os.getloadavg(),
    }
    print(json.dumps(record, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "spark.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
