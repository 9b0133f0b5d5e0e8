"""Benchmark of a build with nothing changed (run by hand: `make bench` or `.venv/bin/python bench/rebuild.py`).

`kuntatalous build` as `make build` runs it, on a copy of data/landing in a scratch warehouse, three ways in the
same run: the first build (empty build file: ingest, dbt build, publish), `--force` with nothing changed (ingest
finds every file unchanged, dbt builds everything again, publish), and the plain build with nothing changed
(the landing files and the dbt project hashed and compared with what the served file was built from: nothing runs).
Each repetition starts from an empty scratch folder; medians are reported with the ratios of the same run.
Results are printed and written to bench/results/rebuild.json.
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
KUNTATALOUS = Path(sys.executable).parent / "kuntatalous"


def timed_build(env: dict[str, str], *args: str, expect: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(KUNTATALOUS), "build", *args], cwd=PROJECT_DIR, env=env, capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or expect not in result.stdout:
        raise SystemExit(f"kuntatalous build {' '.join(args)}: exit {result.returncode}, expected {expect!r}\n"
                         f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def one_round(workdir: Path) -> tuple[float, float, float]:
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.copytree(PROJECT_DIR / "data" / "landing", workdir / "landing")
    env = {
        **os.environ,
        "KUNTATALOUS_LANDING": str(workdir / "landing"),
        "KUNTATALOUS_BUILD_DB": str(workdir / "build" / "kuntatalous_build.duckdb"),
        "KUNTATALOUS_DB": str(workdir / "served" / "kuntatalous.duckdb"),
        "KUNTATALOUS_ARTIFACTS": str(workdir / "artifacts"),
    }
    first = timed_build(env, expect="published")
    forced = timed_build(env, "--force", expect="published")
    unchanged = timed_build(env, expect="nothing changed since the published build")
    return first, forced, unchanged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = machine.record_start()
    rounds = [one_round(RESULTS / "rebuild") for _ in range(args.repetitions)]
    shutil.rmtree(RESULTS / "rebuild", ignore_errors=True)
    first, forced, unchanged = (statistics.median(r[i] for r in rounds) for i in range(3))
    record.update(
        first_build_s=round(first, 2),
        forced_build_s=round(forced, 2),
        nothing_changed_build_s=round(unchanged, 2),
        nothing_changed_over_forced=round(unchanged / forced, 3),
        rounds=[[round(x, 2) for x in r] for r in rounds],
        load_average_after=os.getloadavg(),
    )
    print(json.dumps(record, indent=2))
    (RESULTS / "rebuild.json").write_text(json.dumps(record, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
