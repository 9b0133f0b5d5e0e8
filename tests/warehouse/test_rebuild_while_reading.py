"""A second build of the warehouse with new data (synthetic GL postings of 1–6/2022 and budget lines for
Kulttuuri) while a reader process keeps querying the served file:
- the reader never fails and every connection sees the old warehouse or the new one, never a mix;
- postings (cents) win over the printed euros and agree with them, cumulate month by month, and their subtotals
  and committee totals are rolled up; budget lines give the original budget and the budget after changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.support import Warehouse, kuntatalous

READER = Path(__file__).with_name("reader.py")
# Kulttuuri's printed TA 2022 + muutos: Myyntituotot 80 000, Maksutuotot 577 500 (report lines 243-244)
BUDGET_CSV = (
    "tilikausi;kustannuspaikka;tili;alkuperäinen_ta;ta_muutokset\n"
    "2022;5300;3000;75000,00;5000,00\n"
    "2022;5310;3210;577500,00;0\n"
)


@dataclass(frozen=True)
class Rebuild:
    warehouse: Warehouse
    old: str
    new: str
    reader: dict
    build: subprocess.CompletedProcess


def counts(served: Path) -> str:
    con = duckdb.connect(str(served), read_only=True)
    try:
        ledger, reconciled = con.sql(
            "select (select count(*) from raw.ledger), (select count(*) from marts.rpt_source_reconciliation)"
        ).fetchall()[0]
    finally:
        con.close()
    return f"{ledger}/{reconciled}/{ledger}"


@pytest.fixture(scope="module")
def rebuild(built_warehouse, tmp_path_factory) -> Rebuild:
    # a private copy of the built warehouse, so the shared one stays as it is for other tests
    root = tmp_path_factory.mktemp("rebuild")
    wh = replace(
        built_warehouse,
        landing=root / "landing",
        build_db=root / "build" / "kuntatalous_build.duckdb",
        served_db=root / "served" / "kuntatalous.duckdb",
        artifacts=root / "artifacts",
    )
    shutil.copytree(built_warehouse.landing, wh.landing)
    wh.build_db.parent.mkdir()
    wh.served_db.parent.mkdir()
    shutil.copy2(built_warehouse.build_db, wh.build_db)
    shutil.copy2(built_warehouse.served_db, wh.served_db)
    old = counts(wh.served_db)

    # synth refuses to write into a landing folder (synthetic data must never pass for real): this landing is a
    # throwaway copy, so the file is made beside it and copied in
    synthetic = root / "heinola_2022_synthetic.csv"
    kuntatalous("synth", "--rows", "3000", "-o", str(synthetic), env=wh.env())
    shutil.copy(synthetic, wh.landing / "gl" / synthetic.name)
    (wh.landing / "budget" / "heinola_kulttuuri_ta_2022.csv").write_text(BUDGET_CSV, encoding="utf-8")

    stop = root / "stop"
    reader = subprocess.Popen(
        [sys.executable, str(READER), str(wh.served_db), str(stop), "900"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)
        build = kuntatalous("build", env=wh.env(), check=False)
        time.sleep(1.0)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    summary = json.loads(out)
    summary["stderr"] = err
    return Rebuild(wh, old, counts(wh.served_db), summary, build)


def query(rebuild: Rebuild, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(rebuild.warehouse.served_db), read_only=True)
    try:
        return con.sql(sql, params=params or []).fetchall()
    finally:
        con.close()


def test_reader_sees_old_or_new_warehouse_never_a_failure(rebuild):
    assert rebuild.new != rebuild.old
    assert rebuild.reader["failures"] == [], rebuild.reader["stderr"]
    seen = rebuild.reader["seen"]
    assert set(seen) <= {rebuild.old, rebuild.new}, seen
    assert seen.get(rebuild.old, 0) > 0 and seen.get(rebuild.new, 0) > 0, seen


def test_postings_win_over_printed_euros_and_agree(rebuild):
    # TOT 2022 6 kk of Kulttuuri's Myyntituotot is printed 33 816 (line 243); the postings sum to it in cents
    assert query(
        rebuild,
        "select amount_eur, precision_eur, source_kind from marts.fact_budget where service_area_key = "
        "'heinola__kulttuuri' and account_key = 'myyntituotot' and scenario = 'actual' and fiscal_year = 2022 "
        "and period_months = 6",
    ) == [(Decimal("33816.00"), Decimal("0.01"), "gl")]
    reconciled = query(
        rebuild,
        "select count(*), count(*) filter (where is_disagreement) from marts.rpt_source_reconciliation "
        "where kept_source_kind = 'gl' and other_source_kind = 'report'",
    )[0]
    # the 45 non-zero detail actuals of the five service-area tables, less Henkilöstökulut (5) and Poistot (4),
    # which postings reach only through their sub-lines; none disagrees
    assert reconciled == (36, 0)


def test_postings_cumulate_by_month(rebuild):
    rows = query(
        rebuild,
        "select period_months, amount_eur from marts.fact_budget where service_area_key = 'heinola__kulttuuri' "
        "and account_key = 'palvelujen_ostot' and scenario = 'actual' and fiscal_year = 2022 order by 1",
    )
    assert [p for p, _ in rows] == [1, 2, 3, 4, 5, 6]
    monthly = query(
        rebuild,
        "select sum(amount_eur) from raw.gl_postings where cost_centre in ('5300', '5310', '5320') and account in "
        "(select account from seeds.gl_account_map where line_code = 'palvelujen_ostot') and month(posting_date) <= 3",
    )[0][0]
    assert dict(rows)[3] == monthly
    assert dict(rows)[6] == Decimal("-54275.00")  # printed TOT 2022 6 kk, line 251


def test_subtotals_and_committee_totals_roll_up_from_postings(rebuild):
    # March is reported by postings only: Toimintatuotot, Henkilöstökulut and the committee total are summed.
    # A line without postings (printed 0, e.g. Muut toimintatuotot) has no March actual: it counts as nothing.
    def ytd(section: str, line: str) -> Decimal:
        return query(
            rebuild,
            "select ytd_actual_eur from marts.rpt_income_statement where service_area_key = ? and account_key = ? "
            "and fiscal_year = 2022 and period_months = 3",
            [section, line],
        )[0][0] or Decimal(0)

    revenue_lines = [
        "myyntituotot",
        "maksutuotot",
        "tuet_ja_avustukset",
        "vuokratuotot",
        "muut_toimintatuotot",
    ]
    revenue = [ytd("heinola__kulttuuri", line) for line in revenue_lines]
    assert ytd("heinola__kulttuuri", "toimintatuotot") == sum(revenue) > 0
    personnel = [
        ytd("heinola__kulttuuri", line)
        for line in ("palkat_ja_palkkiot", "elakekulut", "muut_henkilosivukulut")
    ]
    assert ytd("heinola__kulttuuri", "henkilostokulut") == sum(personnel) < 0
    areas = [
        "tyollisyyspalvelut",
        "elinkeinopalvelut",
        "kulttuuri",
        "kaupunkisuunnittelu",
        "kiinteisto_ja_mittauspalvelut",
    ]
    committee = ytd("heinola__elinvoimalautakunta", "toimintakulut")
    assert committee == sum(ytd(f"heinola__{area}", "toimintakulut") for area in areas)
    assert committee < 0


def test_budget_lines_give_original_budget_and_budget(rebuild):
    rows = query(
        rebuild,
        "select original_budget_eur, budget_eur, ytd_actual_eur, remaining_eur from marts.rpt_income_statement "
        "where service_area_key = 'heinola__kulttuuri' and account_key = 'myyntituotot' and fiscal_year = 2022 "
        "and period_months = 6",
    )
    assert rows == [(Decimal("75000.00"), Decimal("80000.00"), Decimal("33816.00"), Decimal("46184.00"))]
    kept = query(
        rebuild,
        "select source_kind, precision_eur from marts.fact_budget where service_area_key = 'heinola__kulttuuri' "
        "and account_key = 'maksutuotot' and scenario = 'budget' and fiscal_year = 2022",
    )
    assert kept == [("budget", Decimal("0.01"))]
