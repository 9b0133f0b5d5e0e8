"""`kuntatalous synth`: postings that land cleanly and add up, per service area and line, to the seed report's
1–6/2022 actuals to the cent."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

from ingest_support import PROJECT_DIR, SEED_REPORT, Landing

from ingestion.landing import synth
from tests.support import kuntatalous


def test_targets_are_the_printed_actuals():
    municipality, targets = synth.seed_targets(SEED_REPORT)
    by_key = {(t.service_area, t.line_code): t.cents for t in targets}
    assert municipality == "Heinola"
    # read by hand from the report's TOT 2022 6 kk column
    assert by_key[("Kulttuuri", "myyntituotot")] == 3381600  # "Myyntituotot 22 12 80 000 33 816 ..."
    assert by_key[("Elinkeinopalvelut", "rahoitustuotot_ja_kulut")] == -4000  # "-40"
    assert by_key[("Työllisyyspalvelut", "henkilostokulut")] == -77815400  # "-778 154"
    assert by_key[("Kiinteistö- ja mittauspalvelut", "vuokratuotot")] == -16800  # "-168"
    # subtotals follow from the detail lines and are not targets
    assert not any(code in {"toimintatuotot", "toimintakulut", "toimintakate", "vuosikate", "tilikauden_tulos"}
                   for _, code in by_key)


def test_postings_sum_to_the_report_and_load_cleanly(tmp_path):
    landing = Landing(tmp_path / "landing", tmp_path / "b.duckdb", tmp_path / "artifacts")
    output = landing.root / "gl" / "synth.csv"
    output.parent.mkdir(parents=True)
    municipality, targets = synth.seed_targets(SEED_REPORT)
    table, accounts, centres = synth.postings(municipality, targets, 20_000, seed=7)
    synth.write(municipality, table, accounts, centres, output)
    result = landing.ingest()["gl/synth.csv"]
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 20_000, 20_000, 0)

    with (PROJECT_DIR / "seeds" / "income_statement_lines.csv").open(encoding="utf-8") as f:
        parent = {r["line_code"]: r["parent_code"] for r in csv.DictReader(f)}
    line_of = {a["account"]: a["line_code"] for a in accounts}
    area_of = {c["cost_centre"]: c["service_area"] for c in centres}
    sums: dict[tuple[str, str], Decimal] = {}
    for cost_centre, account, amount in landing.query("SELECT cost_centre, account, amount_eur FROM raw.gl_postings"):
        line = line_of[account]
        while True:  # credit the posting to its line and every line above it
            key = (area_of[cost_centre], line)
            sums[key] = sums.get(key, Decimal(0)) + amount
            if not parent.get(line):
                break
            line = parent[line]
    for t in targets:
        assert sums[(t.service_area, t.line_code)] * 100 == t.cents, t
    first, last = landing.query("SELECT min(posting_date), max(posting_date) FROM raw.gl_postings")[0]
    assert date(2022, 1, 1) <= first and last <= date(2022, 6, 30)


def test_refuses_to_write_into_the_landing_folder(tmp_path):
    done = kuntatalous("synth", "--rows", "100", "-o", str(tmp_path / "gl" / "x.csv"), "--report", str(SEED_REPORT),
                       env={"KUNTATALOUS_LANDING": str(tmp_path), "PATH": ""}, check=False)
    assert done.returncode == 1 and "never go to the landing folder" in done.stderr
    assert not (tmp_path / "gl" / "x.csv").exists()
