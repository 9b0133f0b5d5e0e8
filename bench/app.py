"""Benchmark of the explorer's queries (run by hand: `make bench` or `.venv/bin/python bench/app.py`).

Builds a warehouse with `kuntatalous synth --rows N` GL postings beside the real landing files (default 10M; or
pass `--db` to time an already built served file), then times every query each page runs:
- page, cold: what a page run pays when nothing is cached — inside app.query.db.page_run (as app/explorer.py runs a
  page) with the result cache emptied, all of the page's queries through app.cached.query: one fresh read-only,
  hardened connection, polars DataFrames;
- per query: the same query inside that session (the connection already open), and the connection's opening alone;
- page, cached: the same page's queries again through app.cached.query (Streamlit's cache keyed by the file identity);
- bare: the same SQL with the same parameters on one already-open DuckDB connection (`con.sql(...).fetchall()`).
The ask page runs the whole question engine; the SQL page the guard and its limited run (its own connection).
Each is run `--repeat` times; p50/p95 and app/bare ratios. Goal: page p95 ≤ 200 ms.
Results are printed and written to bench/results/app.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from app import cached
from app.periods import PERIODS_SQL
from app.query import ask, db, queries, sql_guard

RESULTS = PROJECT_DIR / "bench" / "results"
QUESTIONS = (
    "Kulttuurin henkilöstökulut 2021 ja 2022",
    "paljonko Työllisyyspalvelujen toimintakate oli kesäkuussa 2022",
    "mikä Heinolan palvelualue on käyttänyt suurimman osan talousarviostaan",
    "toimintatuotot palvelualueittain 2022",
)
# the question engine's own benchmark: questions that need Voikko's base forms and compounds, and one that does not
ASK_QUESTIONS = (
    "Kulttuurin vuokrakulujen toteumaprosentti 2022",
    "Millä palvelualueella henkilöstökulujen toteumaprosentti on suurin vuonna 2022?",
    "Työllisyyspalvelujen avustukset 2021 ja 2022",
    "Paljonko Kiinteistö- ja mittauspalvelut sai vuokratuottoja vuonna 2021?",
    "How much were Kulttuuri's personnel costs in the first half of 2022?",
    "Keskusvaalilautakunnan palkkojen ja palkkioiden poikkeama 2024",
    "Kultuurin henkilöstökulut 2022",
    "Kulttuuri henkilöstökulut 2022",
)


def build_warehouse(rows: int, root: Path) -> Path:
    """Real landing files + N synthetic postings, built and published with `kuntatalous build`."""
    landing = root / "landing"
    shutil.copytree(PROJECT_DIR / "data" / "landing", landing)
    env = {
        **os.environ,
        "KUNTATALOUS_LANDING": str(landing),
        "KUNTATALOUS_BUILD_DB": str(root / "build" / "build.duckdb"),
        "KUNTATALOUS_DB": str(root / "served" / "kuntatalous.duckdb"),
        "KUNTATALOUS_ARTIFACTS": str(root / "artifacts"),
    }
    cli = [sys.executable, "-m", "ingestion.cli"]
    # synth refuses to write into a landing folder; this scratch landing is the bench's own, so the file is
    # made beside it and copied in
    postings = root / f"postings_{rows}.parquet"
    for args in (["synth", "--rows", str(rows), "-o", str(postings)], ["build"]):
        started = time.perf_counter()
        done = subprocess.run(cli + args, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        print(f"{args[0]}: {time.perf_counter() - started:.1f} s", flush=True)
        if args[0] == "synth":
            shutil.copyfile(postings, landing / "gl" / postings.name)
    return root / "served" / "kuntatalous.duckdb"


def page_queries(path: Path) -> dict[str, list[tuple[str, str, dict | None]]]:
    """(label, sql, params) for every query each page runs, with parameters a user would pick (Heinola 1–6/2022)."""
    one = db.fetch(
        "select committee, municipality, fiscal_year, period_months from marts.rpt_income_statement "
        "where municipality = 'Heinola' and section_level = 'committee' "
        "order by fiscal_year desc, period_months desc limit 1",
        path=path,
    ).row(0, named=True)
    period = {"year": one["fiscal_year"], "period": one["period_months"]}
    area = "heinola__kulttuuri"
    committee = "heinola__elinvoimalautakunta"
    return {
        "Yleiskuva": [
            ("periods", PERIODS_SQL, None),
            ("committees", queries.OVERVIEW_COMMITTEES_SQL, period),
            ("service areas", queries.OVERVIEW_AREAS_SQL, period),
        ],
        "Palvelualue": [
            ("periods", PERIODS_SQL, None),
            ("sections", queries.AREA_SECTIONS_SQL, period),
            ("statement", queries.AREA_STATEMENT_SQL.format(table="marts.rpt_income_statement"),
             {"key": area, **period}),
            ("investments", queries.AREA_STATEMENT_SQL.format(table="marts.rpt_investments"),
             {"key": area, **period}),
            ("line by area", queries.AREA_LINE_BY_AREA_SQL,
             {"committee": one["committee"], "municipality": one["municipality"], "account": "henkilostokulut",
              **period}),
            ("sources", queries.AREA_SOURCES_SQL, {"key": area, "account": "henkilostokulut", "year": period["year"]}),
        ],
        "Vertailu": [
            ("areas", queries.COMPARE_AREAS_SQL, None),
            ("lines", queries.COMPARE_LINES_SQL, None),
            ("series", queries.COMPARE_SERIES_SQL,
             {"keys": [area, "heinola__elinvoimalautakunta"], "account": "henkilostokulut", "measure": "actual"}),
        ],
        "Kehitys": [
            ("sections", queries.TREND_SECTIONS_SQL, None),
            ("lines", queries.TREND_LINES_SQL, {"key": committee}),
            ("years", queries.TREND_YEARS_SQL, {"key": committee, "account": "toimintakulut"}),
            ("series", queries.TREND_SERIES_SQL, {"key": committee, "account": "toimintakulut", "year": period["year"]}),
            ("units", queries.TREND_UNITS_SQL,
             {"municipality": one["municipality"], "committee": one["committee"], "account": "toimintakulut",
              "year": period["year"]}),
        ],
        "Tavoitteet": [
            ("goals", queries.GOALS_LATEST_SQL, None),
            ("history", queries.GOALS_HISTORY_SQL, {"goal": "HEI-ELV-2022-O10"}),
        ],
        "SQL": [("docs", queries.SQL_DOCS_SQL, None)],
        "Tietojen laatu": [
            ("load log", queries.QUALITY_LOAD_LOG_SQL, None),
            ("rejected rows", queries.QUALITY_REJECTED_SQL, None),
            ("gx results", queries.QUALITY_GX_SQL, None),
        ],
    }


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the OS page cache, as a running app would have it
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000, help="synthetic GL postings to build with")
    parser.add_argument("--db", type=Path, help="time this served file instead of building one")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--ask-only", action="store_true", help="only the question engine (use with --db)")
    args = parser.parse_args()
    if args.ask_only:
        if not args.db:
            parser.error("--ask-only needs --db")
        return bench_questions(args.db.resolve(), args.repeat)

    scratch = None
    if args.db:
        path = args.db.resolve()
    else:
        scratch = Path(tempfile.mkdtemp(prefix="kuntatalous_bench_app_"))
        path = build_warehouse(args.rows, scratch)
    os.environ["KUNTATALOUS_DB"] = str(path)
    postings = db.fetch("select count(*) from raw.gl_postings", path=path).item()
    # DuckDB shares one instance per file within a process and refuses a second configuration, so the bare
    # engine reads an identical copy of the file
    bare_copy = Path(tempfile.mkdtemp(prefix="kuntatalous_bench_bare_")) / "bare.duckdb"
    shutil.copyfile(path, bare_copy)
    bare = duckdb.connect(str(bare_copy), read_only=True)
    rows: list[dict] = []
    pages: dict[str, dict] = {}

    def record(page: str, label: str, app_ms: list[float], bare_ms: list[float]) -> None:
        rows.append({
            "page": page, "query": label,
            "app_p50_ms": round(statistics.median(app_ms), 2), "app_p95_ms": round(p95(app_ms), 2),
            "bare_p50_ms": round(statistics.median(bare_ms), 2), "bare_p95_ms": round(p95(bare_ms), 2),
            "ratio_p95": round(p95(app_ms) / p95(bare_ms), 2),
        })

    def fetch(sql: str, params: object) -> object:
        return db.fetch(sql, params, path)

    def page_bare(items: list) -> None:
        for _, sql, params in items:
            bare.sql(sql, params=params).fetchall()

    def page_cold(items: list, console: str | None = None) -> None:
        cached.clear_cache()
        with db.page_run():  # exactly what app/explorer.py wraps a page in
            for _, sql, params in items:
                cached.query(sql, params)
            if console:
                sql_guard.run(console)

    def page_cached(items: list) -> None:
        with db.page_run():
            for _, sql, params in items:
                cached.query(sql, params)

    record("(any)", "open a connection, select 1, close", timed(lambda: db.fetch("select 1", path=path), args.repeat),
           timed(lambda: bare.sql("select 1").fetchall(), args.repeat))
    for page, items in page_queries(path).items():
        with db.session(path) as run:
            for label, sql, params in items:
                record(page, label, timed(lambda sql=sql, params=params: run(sql, params), args.repeat),
                       timed(lambda sql=sql, params=params: bare.sql(sql, params=params).fetchall(), args.repeat))
        cold = timed(lambda items=items: page_cold(items), args.repeat)
        bare_ms = timed(lambda items=items: page_bare(items), args.repeat)
        warm = timed(lambda items=items: page_cached(items), args.repeat)
        pages[page] = {"cold": cold, "cached": warm, "bare": bare_ms}

    vocab = ask.load_vocabulary(fetch)
    ask_items = [ask.answer(q, fetch, vocab) for q in QUESTIONS]
    with db.session(path) as run:
        record("Kysy", "vocabulary (cached per published file)", timed(lambda: ask.load_vocabulary(run), args.repeat),
               timed(lambda: [bare.sql(q).fetchall() for q in (queries.SERVICE_AREAS, "select * from marts.dim_account")],
                     args.repeat))
        for result in ask_items:
            q = result.understanding.question
            record("Kysy", q, timed(lambda q=q: ask.answer(q, run, vocab), args.repeat),
                   timed(lambda r=result: bare.sql(r.sql, params=r.params[0]).fetchall(), args.repeat))

    def ask_cold() -> None:
        with db.session(path) as run:
            ask.answer(QUESTIONS[0], run, vocab)

    def ask_bare() -> None:
        bare.sql(ask_items[0].sql, params=ask_items[0].params[0]).fetchall()

    pages["Kysy"] = {"cold": timed(ask_cold, args.repeat), "cached": [0.0], "bare": timed(ask_bare, args.repeat)}
    bench_questions(path, args.repeat)
    example = (
        "select d.service_area, r.ytd_actual_eur from marts.rpt_income_statement as r "
        "join marts.dim_service_area as d using (service_area_key) where r.account_key = 'henkilostokulut'"
    )
    example_bare = timed(lambda: bare.sql(example).fetchall(), args.repeat)
    record("SQL", "guarded console query (own connection)", timed(lambda: sql_guard.run(example), args.repeat),
           example_bare)
    sql_items = page_queries(path)["SQL"]
    pages["SQL"]["cold"] = timed(lambda: page_cold(sql_items, example), args.repeat)
    pages["SQL"]["bare"] = [a + b for a, b in zip(pages["SQL"]["bare"], example_bare, strict=True)]
    bare.close()
    shutil.rmtree(bare_copy.parent, ignore_errors=True)

    summary = {
        page: {
            "cold_p50_ms": round(statistics.median(t["cold"]), 1), "cold_p95_ms": round(p95(t["cold"]), 1),
            "cached_p95_ms": round(p95(t["cached"]), 1), "bare_p95_ms": round(p95(t["bare"]), 1),
            "cold_over_bare": round(p95(t["cold"]) / p95(t["bare"]), 2), "meets_200ms": p95(t["cold"]) <= 200,
            "meets_2x": p95(t["cold"]) <= 2 * p95(t["bare"]),
        }
        for page, t in pages.items()
    }
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "duckdb": duckdb.__version__, "gl_postings": postings, "served_file_mb": round(path.stat().st_size / 1e6, 1),
        "repeat": args.repeat, "pages": summary, "queries": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{postings:,} postings, served file {report['served_file_mb']} MB, {args.repeat} runs each")
    print(f"{'page':<16}{'query (in an open session)':<66}{'app p95':>10}{'bare p95':>10}{'ratio':>8}")
    for r in rows:
        print(f"{r['page']:<16}{r['query'][:64]:<66}{r['app_p95_ms']:>10.1f}{r['bare_p95_ms']:>10.1f}"
              f"{r['ratio_p95']:>8.2f}")
    print(f"\n{'page':<16}{'cold p50':>10}{'cold p95':>10}{'cached p95':>12}{'bare p95':>10}{'cold/bare':>10}")
    for page, s in summary.items():
        print(f"{page:<16}{s['cold_p50_ms']:>10.1f}{s['cold_p95_ms']:>10.1f}{s['cached_p95_ms']:>12.1f}"
              f"{s['bare_p95_ms']:>10.1f}{s['cold_over_bare']:>10.2f}  "
              + (", ".join(m for m, ok in (("over 200 ms", s["meets_200ms"]), ("over 2x bare", s["meets_2x"])) if not ok)
                 or "ok"))
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def bench_questions(path: Path, repeat: int) -> int:
    """The question engine alone: Voikko's import (once per process), then each question answered in an open
    session (parse + SQL + rows) with the analyser loaded — with the words' analyses cached as a running app has
    them, and with every word analysed afresh — and `kuntatalous ask` end to end as a new process."""
    from app.query.ask import morphology

    os.environ["KUNTATALOUS_DB"] = str(path)
    report: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
                    "load_average": os.getloadavg(), "repeat": repeat}
    # in a full run the page bench has already loaded the analyser: then there is no import left to time
    started = time.perf_counter()
    fresh_process = "pyvoikko" not in sys.modules
    morphology.readings("kulttuurin")
    report["analyser_import_ms"] = round((time.perf_counter() - started) * 1000, 1) if fresh_process else None
    rows = []
    # DuckDB refuses a second configuration of one file in a process: the bare engine reads a copy
    bare_copy = Path(tempfile.mkdtemp(prefix="kuntatalous_bench_ask_")) / "bare.duckdb"
    shutil.copyfile(path, bare_copy)
    bare = duckdb.connect(str(bare_copy), read_only=True)
    with db.session(path) as run:
        vocab = ask.load_vocabulary(run)
        for q in ASK_QUESTIONS:
            result = ask.answer(q, run, vocab)
            warm = timed(lambda q=q: ask.answer(q, run, vocab), repeat)
            bare_ms = timed(lambda r=result: bare.sql(r.sql, params=r.params[0]).fetchall(), repeat) if result.sql \
                else [0.0]

            def fresh(q: str = q) -> None:
                morphology.readings.cache_clear()  # the analyser stays loaded; every word is analysed again
                ask.answer(q, run, vocab)

            rows.append({"question": q, "warm_p50_ms": round(statistics.median(warm), 1),
                         "warm_p95_ms": round(p95(warm), 1), "fresh_words_p95_ms": round(p95(timed(fresh, repeat)), 1),
                         "parse_p95_ms": round(p95(timed(lambda q=q: ask.parse(q, vocab), repeat)), 2),
                         "bare_sql_p95_ms": round(p95(bare_ms), 1)})
        every = [r["warm_p95_ms"] for r in rows]
    bare.close()
    shutil.rmtree(bare_copy.parent, ignore_errors=True)
    env = {**os.environ, "KUNTATALOUS_DB": str(path)}
    cli = {}
    for label, q in (("as written (no analyser)", ASK_QUESTIONS[-1]), ("needs base forms", ASK_QUESTIONS[0])):
        def once(q: str = q) -> None:
            subprocess.run([sys.executable, "-m", "ingestion.cli", "ask", q, "--format", "json"], cwd=PROJECT_DIR,
                           env=env, capture_output=True, check=True)
        cli[label] = round(statistics.median(timed(once, max(3, repeat // 10))), 0)
    report.update(questions=rows, worst_warm_p95_ms=max(every), cli_median_ms=cli)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ask.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{report['date']}  {report['machine']}  load {report['load_average']}  {repeat} runs each")
    print("Voikko import (once per process): " + (f"{report['analyser_import_ms']} ms" if fresh_process
                                                 else "already loaded by the page bench (time it with --ask-only)"))
    print(f"{'question':<82}{'warm p50':>9}{'warm p95':>9}{'fresh p95':>10}{'parse p95':>10}{'bare SQL p95':>13}")
    for r in rows:
        print(f"{r['question'][:80]:<82}{r['warm_p50_ms']:>9}{r['warm_p95_ms']:>9}{r['fresh_words_p95_ms']:>10}"
              f"{r['parse_p95_ms']:>10}{r['bare_sql_p95_ms']:>13}")
    print(f"worst warm p95: {max(every)} ms (goal ≤ 100 ms)   kuntatalous ask as a new process, median: {cli}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
