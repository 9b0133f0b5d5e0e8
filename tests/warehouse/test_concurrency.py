"""Readers keep querying the served file while a full `kuntatalous build` (ingest → dbt build → publish) runs:
no query fails, and every connection sees either the old warehouse or the new one, never a mix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb

from tests.conftest import kuntatalous

READER = Path(__file__).with_name("reader.py")


def counts(served: Path) -> str:
    con = duckdb.connect(str(served), read_only=True)
    try:
        ledger, reconciled = con.sql(
            "select (select count(*) from raw.ledger), (select count(*) from marts.rpt_source_reconciliation)"
        ).fetchall()[0]
    finally:
        con.close()
    return f"{ledger}/{reconciled}/{ledger}"


def test_reader_sees_old_or_new_warehouse_during_build_and_publish(built_warehouse, tmp_path):
    # a private copy of the built warehouse, so the shared one stays as it is for other tests
    wh = replace(
        built_warehouse,
        landing=tmp_path / "landing",
        build_db=tmp_path / "build" / "kuntatalous_build.duckdb",
        served_db=tmp_path / "served" / "kuntatalous.duckdb",
        artifacts=tmp_path / "artifacts",
    )
    shutil.copytree(built_warehouse.landing, wh.landing)
    wh.build_db.parent.mkdir()
    wh.served_db.parent.mkdir()
    shutil.copy2(built_warehouse.build_db, wh.build_db)
    shutil.copy2(built_warehouse.served_db, wh.served_db)
    old = counts(wh.served_db)

    # new data: the seed report lands a second time under another name, so every fact gets a second source
    reports = wh.landing / "reports"
    shutil.copy(
        reports / "heinola_elinvoimalautakunta_2022_06.txt", reports / "heinola_2022_06_second_copy.txt"
    )

    stop = tmp_path / "stop"
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
    new = counts(wh.served_db)
    assert new != old

    summary = json.loads(out)
    assert summary["failures"] == [], err
    assert set(summary["seen"]) <= {old, new}, summary["seen"]
    assert summary["seen"].get(old, 0) > 0 and summary["seen"].get(new, 0) > 0, summary["seen"]
