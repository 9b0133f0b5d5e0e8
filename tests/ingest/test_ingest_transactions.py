"""A file loads whole or not at all: the same file twice changes nothing, a corrected file replaces its rows, a
failed or killed load leaves the warehouse as it was. Also the real CLI on the real landing folder."""

from __future__ import annotations

import shutil
import signal
import time
from decimal import Decimal

import pytest
from ingest_support import GL_ROWS, PROJECT_DIR, SEED_REPORT, Landing, gl_csv

from tests.support import kuntatalous, kuntatalous_started


@pytest.fixture
def landing(tmp_path) -> Landing:
    return Landing(tmp_path / "landing", tmp_path / "build" / "b.duckdb", tmp_path / "artifacts")


def test_same_file_twice_changes_nothing(landing):
    landing.write("gl/a.csv", gl_csv([*GL_ROWS, GL_ROWS[0].replace(";4000;", ";9999;").replace(";T1;1;", ";T9;1;")]))
    first = landing.ingest()["gl/a.csv"]
    assert (first.status, first.rows_loaded, first.rows_rejected) == ("loaded", 4, 1)
    before = landing.snapshot()
    second = landing.ingest()["gl/a.csv"]
    assert second.status == "unchanged"
    assert landing.snapshot() == before
    assert [row[:4] for row in landing.log("gl/a.csv")] == [("loaded", 5, 4, 1), ("unchanged", 0, 0, 0)]


def test_corrected_file_replaces_its_previous_rows(landing):
    landing.write("gl/a.csv", gl_csv([*GL_ROWS[:2], GL_ROWS[2].replace("1234,56", "12x4")]))
    landing.write("gl/other.csv", gl_csv([GL_ROWS[3]]))
    landing.ingest()
    assert len(landing.rejected("gl/a.csv")) == 1
    other = landing.query("SELECT * FROM raw.gl_postings WHERE _source_path = 'gl/other.csv'")
    result = landing.load("gl/a.csv", gl_csv(GL_ROWS[:3]))
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("replaced", 3, 0)
    assert landing.query("SELECT document_id, amount_eur, _load_id = ? FROM raw.gl_postings "
                         "WHERE _source_path = 'gl/a.csv' ORDER BY _source_row", [result.load_id]) == [
        ("T1", Decimal("-2500.00"), True), ("T1", Decimal("-412.50"), True), ("T2", Decimal("1234.56"), True)]
    assert landing.rejected("gl/a.csv") == []  # the old version's quarantine went with it
    assert landing.query("SELECT * FROM raw.gl_postings WHERE _source_path = 'gl/other.csv'") == other
    assert [row[0] for row in landing.log("gl/a.csv")] == ["loaded", "replaced"]


def test_failed_correction_keeps_the_loaded_version(landing):
    landing.write("gl/a.csv", gl_csv(GL_ROWS))
    landing.ingest()
    before = landing.snapshot()
    landing.write("gl/a.csv", gl_csv([r.replace(";Heinola;", ";") for r in GL_ROWS], "posting_date;cost_centre"))
    result = landing.ingest()["gl/a.csv"]
    assert result.status == "failed" and "missing required column" in result.message
    assert landing.snapshot() == before
    # fixed again: the next run loads it
    landing.write("gl/a.csv", gl_csv(GL_ROWS[:2]))
    assert landing.ingest()["gl/a.csv"].status == "replaced"
    assert landing.query("SELECT count(*) FROM raw.gl_postings") == [(2,)]


def test_load_killed_midway_leaves_the_warehouse_as_before(landing, tmp_path):
    landing.write("gl/small.csv", gl_csv(GL_ROWS))
    landing.ingest()
    before = landing.snapshot()
    big = landing.root / "gl" / "big.csv"
    kuntatalous("synth", "--rows", "600000", "-o", str(tmp_path / "big.csv"), "--report", str(SEED_REPORT),
                env=landing.env())
    shutil.move(tmp_path / "big.csv", big)
    process = kuntatalous_started("ingest", env=landing.env())
    for line in process.stdout:
        if line.startswith("loading gl/big.csv"):
            break
    # The file is then hashed, its transaction opened and its 600 000 rows inserted; the commit waits for the GX
    # validation, whose import alone takes seconds of CPU — so 1.5 s in, the load is under way and uncommitted.
    time.sleep(1.5)
    assert process.poll() is None, "the load finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert landing.snapshot() == before
    attempts = landing.log("gl/big.csv")
    assert [(a[0], a[7]) for a in attempts] == [("failed", "interrupted before commit")]
    # and the next run recovers and loads it whole
    result = landing.ingest()["gl/big.csv"]
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("loaded", 600000, 0)


def test_cli_on_the_real_landing_folder(tmp_path):
    landing = Landing(tmp_path / "landing", tmp_path / "build" / "b.duckdb", tmp_path / "artifacts")
    shutil.copytree(PROJECT_DIR / "data" / "landing", landing.root)
    done = kuntatalous("ingest", env=landing.env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"loading reports/{SEED_REPORT.name}" in done.stdout
    assert f"✓ reports/{SEED_REPORT.name}: loaded" in done.stdout
    files = sorted(p.relative_to(landing.root).as_posix() for p in landing.root.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    logged = sorted(landing.query("SELECT source_path, kind FROM raw.load_log WHERE status = 'loaded'"))
    # a report feeds four tables (ledger, goals, KPIs, risks), each loaded and logged on its own
    reads = {"reports": ["report_goals", "report_kpis", "report_risks", "reports"]}
    assert logged == [(f, kind) for f in files for kind in reads.get(f.split("/")[0], [f.split("/")[0]])]
    # one bad file: exit code 1, the message names file and line, the good files are unchanged
    landing.write("gl/bad.csv", gl_csv([GL_ROWS[0], GL_ROWS[1].replace("-412,50", "paljon")]))
    landing.write("gl/empty.csv", b"")
    again = kuntatalous("ingest", env=landing.env(), check=False)
    assert again.returncode == 1
    assert "✗ gl/empty.csv: FAILED — gl/empty.csv: the file is empty" in again.stdout
    assert "gl/bad.csv: loaded, 2 rows read, 1 loaded, 1 rejected" in again.stdout
    assert "line 3 amount_eur 'paljon': not a euro amount" in again.stdout
    assert f"= reports/{SEED_REPORT.name}: unchanged" in again.stdout
