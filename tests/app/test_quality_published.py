"""The data-quality page describes the warehouse people read. After a rebuild with nothing new, its load log shows
per file the version the warehouse holds (rows, when loaded) beside the last attempt (`ennallaan`); after a build
whose dbt tests fail (so it is not published), it still shows the tests of the build that was published."""

from __future__ import annotations

import pytest
import streamlit as st

from app import cached
from app.query import db
from ingestion.warehouse import dbt_results
from tests.support import Warehouse, kuntatalous, page

# Same goal and reporting date as the seed register's first goal, under another committee: ingest takes it (its
# key includes the committee), but fact_goal then holds two rows for one goal × date and its unique test fails.
CLASHING_GOAL = (
    "goal_id,fiscal_year,municipality,committee,level,goal,reported_at,status\n"
    "HEI-ELV-2022-S01,2022,Heinola,Sivistyslautakunta,strategic,Sama tunnus toisella lautakunnalla,2022-06-30,"
    "Toteutuu\n"
)


@pytest.fixture
def own_warehouse(tmp_path, monkeypatch):
    wh = Warehouse.from_landing(tmp_path)
    wh.use(monkeypatch)
    yield wh
    db.release()  # the next tests open their own served file


def quality_page():
    cached.clear_cache()
    st.cache_data.clear()
    at = page("quality").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def rows_held(wh: Warehouse, table: str, source_path: str) -> int:
    # through the explorer's own reader: the page keeps one DuckDB instance of the served file open
    frame = db.fetch(f"select count(*) as n from raw.{table} where _source_path = ?", [source_path], wh.served_db)
    return frame.item()


def test_load_log_and_dbt_tests_describe_the_published_warehouse(own_warehouse):
    built = kuntatalous("build", env=own_warehouse.env(), check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    forced = kuntatalous("build", "--force", env=own_warehouse.env(), check=False)  # every file unchanged
    assert forced.returncode == 0, forced.stdout[-3000:] + forced.stderr[-3000:]

    before = quality_page()
    # one row per file and the table it feeds: the seed report feeds its budget numbers, goals, KPIs and risks
    load_log = before.dataframe[0].value.set_index(["Lähdetiedosto", "Laji"])
    report = "reports/heinola_elinvoimalautakunta_2022_06.txt"
    for kind, table in [
        ("raportti", "ledger"),
        ("raportin tavoitteet", "goals"),
        ("raportin tunnusluvut", "kpis"),
        ("raportin riskit", "risks"),
    ]:
        row = load_log.loc[(report, kind)]
        source_path = report
        assert row["Tila"] == "ennallaan"  # the last attempt
        shown = int("".join(ch for ch in row["Rivejä ladattu"] if ch.isdigit()))  # Finnish thousands: "1 234"
        assert shown == rows_held(own_warehouse, table, source_path) > 0
        assert row["Ladattu varastoon"] < row["Viimeisin yritys"]
    shown_before = before.dataframe[-1].value
    metrics_before = {m.label: m.value for m in before.metric}
    assert "läpäisty" in set(shown_before["Tila"]) and metrics_before["Epäonnistui"] == "0"

    (own_warehouse.landing / "goals" / "clashing_goal.csv").write_text(CLASHING_GOAL, encoding="utf-8")
    failed = kuntatalous("build", env=own_warehouse.env(), check=False)
    assert failed.returncode != 0
    assert "dbt build failed: the served file was left as it was." in failed.stderr
    last_run = dbt_results.read()
    assert last_run is not None and any(
        n.status == "fail" and "fact_goal" in n.unique_id for n in last_run.nodes
    ), "the failed build's own results name the failing test"

    after = quality_page()
    assert after.dataframe[-1].value.equals(shown_before)
    assert {m.label: m.value for m in after.metric} == metrics_before
    assert after.caption[-1].value == before.caption[-1].value  # the same build's time
