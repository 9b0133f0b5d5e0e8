"""Benchmark: `kuntatalous ingest` of a 10-million-row postings CSV against DuckDB's bare
`CREATE TABLE AS SELECT * FROM read_csv(...)` of the same file into a fresh database file, in the same run.

Both run as child processes and are measured the same way: wall time and peak RSS (getrusage of the child).
The ingest is the whole command — interpreter start, hashing, sniffing, the typed DuckDB read into raw.gl_postings,
row numbering, quarantine rules, GX on the batch profile and sample, Data Docs, commit. Its own per-file time
(raw.load_log finished_at − started_at) is reported too. Targets: ratio ≤ 1.25, peak RSS ≤ 1.5 GB.

    .venv/bin/python bench/ingest.py [--rows 10000000] [--rounds 2] [--floor]
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
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
WORK = PROJECT_DIR / "build" / "bench_ingest"
RESULTS = PROJECT_DIR / "bench" / "results" / "ingest.json"
SEED_REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"

# Runs a command and prints its wall time, peak RSS and CPU time (user + system, all threads) of that command
# alone (this wrapper adds nothing). CPU time is the steadier figure on a shared machine: under load the wall
# times of both sides stretch with the other jobs, not with the work.
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "wall = time.perf_counter() - t\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)\n"
)
BARE = (
    "import duckdb, sys\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "con.execute(\"CREATE TABLE postings AS SELECT * FROM read_csv('\" + sys.argv[2] + \"')\")\n"
    "con.close()\n"
)


# The floor: what the ingest cannot leave out, each step alone in a child process. "typed" is the ingest's own
# INSERT (exact types, money refused past two decimals, rejects kept) with nothing else; "numbered" adds the row
# numbering UPDATE and the commit it makes dearer; the sha256 of the file and importing GX are done by every ingest
# of a new file. Against bare, on a machine whose cores the bare read already fills, their CPU adds up.
FLOOR = (
    "import sys\n"
    "from pathlib import Path\n"
    "step, db, csv = sys.argv[1], sys.argv[2], Path(sys.argv[3])\n"
    "if step == 'sha256':\n"
    "    from ingestion.landing.readers import sha256_of\n"
    "    sha256_of(csv)\n"
    "elif step == 'gx-import':\n"
    "    import great_expectations\n"
    "else:\n"
    "    import duckdb\n"
    "    from ingestion.landing import readers\n"
    "    from ingestion.landing.formats import csv as csv_format\n"
    "    from ingestion.landing.kinds import GL\n"
    "    from ingestion.landing.schema import ensure_raw_schema\n"
    "    con = duckdb.connect(db)\n"
    "    ensure_raw_schema(con)\n"
    "    facts = readers.file_facts(csv)\n"
    "    dialect = csv_format.sniff_csv(csv, facts, GL, csv.name)\n"
    "    present = tuple(c for c in dialect.columns if not c.startswith('_ignored_'))\n"
    "    scan = csv_format.csv_scan_sql(csv, facts, dialect, GL, 'csv_rejects')\n"
    "    con.execute('BEGIN TRANSACTION')\n"
    "    con.execute(csv_format.csv_insert_sql(GL, present, 'raw.gl_postings_rows', scan, 'floor'))\n"
    "    if step == 'numbered':\n"
    "        con.execute(csv_format.number_rows_sql('raw.gl_postings_rows'), ['floor', 'floor'])\n"
    "    con.execute('COMMIT')\n"
    "    con.close()\n"
)
FLOOR_STEPS = ("typed", "numbered", "sha256", "gx-import")


def measure(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, env=env,
                          cwd=PROJECT_DIR, check=True)
    code, wall, rss, cpu = done.stdout.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"{' '.join(args)} exited {code}")
    return float(wall), int(rss), float(cpu)


def fresh(path: Path) -> Path:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--floor", action="store_true", help="also time the steps no ingest can leave out, alone")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    landing = WORK / "landing"
    csv = landing / "gl" / f"postings_{args.rows}.csv"
    if not csv.exists():
        shutil.rmtree(landing, ignore_errors=True)
        csv.parent.mkdir(parents=True)
        print(f"generating {args.rows:,} postings …", flush=True)
        subprocess.run([sys.executable, "-m", "ingestion.cli", "synth", "--rows", str(args.rows), "-o", str(csv),
                        "--report", str(SEED_REPORT)], cwd=PROJECT_DIR, check=True)
    size = csv.stat().st_size
    env = {**os.environ, "KUNTATALOUS_LANDING": str(landing), "KUNTATALOUS_ARTIFACTS": str(WORK / "artifacts")}

    rounds = []
    for number in range(1, args.rounds + 1):
        bare_db = fresh(WORK / "bare.duckdb")
        bare = measure([sys.executable, "-c", BARE, str(bare_db), str(csv)])
        ingest_db = fresh(WORK / "ingest.duckdb")
        ingest = measure([sys.executable, "-m", "ingestion.cli", "ingest", "--quiet", "--db", str(ingest_db)], env)
        con = duckdb.connect(str(ingest_db), read_only=True)
        status, read, loaded, rejected, seconds = con.execute(
            "SELECT status, rows_read, rows_loaded, rows_rejected, "
            "epoch(finished_at) - epoch(started_at) FROM raw.load_log").fetchone()
        con.close()
        if (status, read, loaded, rejected) != ("loaded", args.rows, args.rows, 0):
            raise SystemExit(f"ingest did not load the file whole: {status} {read} {loaded} {rejected}")
        floor = {}
        if args.floor:
            for step in FLOOR_STEPS:
                floor[step] = measure([sys.executable, "-c", FLOOR, step, str(fresh(WORK / "floor.duckdb")), str(csv)])
        rounds.append({"bare_s": bare[0], "bare_peak_rss": bare[1], "bare_cpu_s": bare[2], "ingest_s": ingest[0],
                       "ingest_peak_rss": ingest[1], "ingest_cpu_s": ingest[2], "ingest_file_s": seconds,
                       "load_average": os.getloadavg()[0],
                       "floor": {k: {"s": v[0], "cpu_s": v[2], "peak_rss": v[1]} for k, v in floor.items()}})
        print(f"round {number}: bare {bare[0]:.1f} s ({bare[1] / 2**20:.0f} MiB, CPU {bare[2]:.1f} s), ingest "
              f"{ingest[0]:.1f} s ({ingest[1] / 2**20:.0f} MiB, CPU {ingest[2]:.1f} s; file {seconds:.1f} s) → ratio "
              f"{ingest[0] / bare[0]:.2f}, CPU ratio {ingest[2] / bare[2]:.2f}, load {os.getloadavg()[0]:.1f}",
              flush=True)
        for step, (wall, rss, cpu) in floor.items():
            print(f"  floor {step}: {wall:.1f} s (CPU {cpu:.1f} s, {rss / 2**20:.0f} MiB) = {wall / bare[0]:.2f} of bare's "
                  f"wall, {cpu / bare[2]:.2f} of its CPU", flush=True)

    best_bare = min(r["bare_s"] for r in rounds)
    best_ingest = min(r["ingest_s"] for r in rounds)
    best_file = min(r["ingest_file_s"] for r in rounds)
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "rows": args.rows,
        "csv_bytes": size,
        "rounds": rounds,
        "bare_s": best_bare,
        "ingest_s": best_ingest,
        "ingest_file_s": best_file,
        "ratio": best_ingest / best_bare,
        "ratio_file": best_file / best_bare,
        "ingest_peak_rss": max(r["ingest_peak_rss"] for r in rounds),
        "bare_peak_rss": max(r["bare_peak_rss"] for r in rounds),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    print(f"\n| {result['date']} | {result['machine']} | {args.rows:,} rows, {size / 1e6:.0f} MB | "
          f"{best_bare:.1f} s | {best_ingest:.1f} s ({best_file:.1f} s in the file's transaction) | "
          f"{result['ratio']:.2f} ({result['ratio_file']:.2f}) | {result['ingest_peak_rss'] / 2**20:.0f} MiB |")
    return 0 if result["ratio"] <= 1.25 and result["ingest_peak_rss"] <= 1.5 * 2**30 else 1


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"bench/ingest.py took {time.perf_counter() - t0:.0f} s")
    sys.exit(code)
