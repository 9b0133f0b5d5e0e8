"""`kuntatalous publish` on small real DuckDB files: a green build is copied atomically in 1.x-readable format;
anything not green (a failed dbt node, a failed load, a failed critical GX expectation, a load after the last
dbt build) leaves the served file exactly as it was."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from ingestion.warehouse import dbt_results, publish

LOADED_AT = datetime(2026, 1, 1, 12, 0, 0)


@pytest.fixture
def build_env(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNTATALOUS_BUILD_DB", str(tmp_path / "build" / "b.duckdb"))
    monkeypatch.setenv("KUNTATALOUS_DB", str(tmp_path / "served" / "kuntatalous.duckdb"))
    monkeypatch.setenv("KUNTATALOUS_ARTIFACTS", str(tmp_path / "artifacts"))
    (tmp_path / "build").mkdir()
    write_build(tmp_path / "build" / "b.duckdb", amount="100.00")
    write_run_results(statuses=["success", "pass", "warn", "no-op"])
    return tmp_path


def write_build(path, amount: str, load_status: str = "loaded", gx_success: bool = True) -> None:
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists raw; create schema if not exists marts")
    con.execute(
        "create or replace table raw.load_log (load_id varchar, source_path varchar, source_sha256 varchar,"
        " kind varchar, started_at timestamp, finished_at timestamp, status varchar, rows_read integer,"
        " rows_loaded integer, rows_rejected integer, encoding varchar, delimiter varchar, message varchar)"
    )
    con.execute(
        "insert into raw.load_log values ('L1', 'ledger/a.csv', 'x', 'ledger', ?, ?, ?, 1, 1, 0, 'utf-8', ',',"
        " 'line 3: amount is not a number')",
        [LOADED_AT, LOADED_AT, load_status],
    )
    con.execute(
        "create or replace table raw.gx_results (load_id varchar, source_path varchar, suite varchar,"
        " expectation varchar, column_name varchar, success boolean, critical boolean, observed varchar,"
        " checked_at timestamp)"
    )
    con.execute(
        "insert into raw.gx_results values ('L1', 'ledger/a.csv', 'ledger', 'expect_column_values_to_not_be_null',"
        " 'amount', ?, true, '1 null', ?)",
        [gx_success, LOADED_AT],
    )
    con.execute(
        f"create or replace table marts.fact_budget as select cast({amount} as decimal(18, 2)) as amount_eur"
    )
    con.close()


def write_run_results(statuses: list[str], generated_at: datetime | None = None) -> None:
    generated = generated_at or datetime(2026, 1, 1, 12, 5, tzinfo=UTC)
    target = dbt_results.artifacts_dir()
    target.mkdir(parents=True, exist_ok=True)
    results = {
        "metadata": {"generated_at": generated.isoformat().replace("+00:00", "Z")},
        "args": {"which": "build"},
        "results": [
            {"unique_id": f"test.kuntatalous.check_{i}", "status": status, "message": None}
            for i, status in enumerate(statuses)
        ],
    }
    (target / "run_results.json").write_text(json.dumps(results), encoding="utf-8")


def served_amount(served) -> str:
    con = duckdb.connect(str(served), read_only=True)
    try:
        return str(con.sql("select amount_eur from marts.fact_budget").fetchall()[0][0])
    finally:
        con.close()


def test_green_build_is_published_in_a_format_duckdb_1x_reads(build_env, capsys):
    assert publish.command(None) == 0
    served = build_env / "served" / "kuntatalous.duckdb"
    assert served_amount(served) == "100.00"
    con = duckdb.connect(str(served), read_only=True)
    tags = con.sql("select tags from duckdb_databases() where database_name = 'kuntatalous'").fetchall()[0][0]
    con.close()
    assert tags["storage_version"].startswith("v1.4.0")
    assert [p.name for p in served.parent.iterdir()] == ["kuntatalous.duckdb"], "no temp file left behind"


@pytest.mark.parametrize(
    ("break_build", "reason"),
    [
        (lambda tmp: write_run_results(["success", "fail"]), "test.kuntatalous.check_1: fail"),
        (lambda tmp: write_run_results(["success", "error"]), "test.kuntatalous.check_1: error"),
        (lambda tmp: write_run_results(["success", "skipped"]), "skipped"),
        (
            lambda tmp: write_build(tmp / "build" / "b.duckdb", "200.00", load_status="failed"),
            "load of ledger/a.csv failed: line 3: amount is not a number",
        ),
        (
            lambda tmp: write_build(tmp / "build" / "b.duckdb", "200.00", gx_success=False),
            "GX expect_column_values_to_not_be_null(amount) failed on ledger/a.csv",
        ),
        (
            lambda tmp: write_run_results(["success"], generated_at=datetime(2026, 1, 1, 11, tzinfo=UTC)),
            "loaded again after the last dbt build",
        ),
    ],
    ids=[
        "dbt test failed",
        "dbt model errored",
        "dbt node skipped",
        "load failed",
        "critical GX failed",
        "ingest after dbt",
    ],
)
def test_build_not_green_leaves_served_file_untouched(build_env, capsys, break_build, reason):
    served = build_env / "served" / "kuntatalous.duckdb"
    assert publish.command(None) == 0
    before = served.read_bytes()
    write_build(build_env / "build" / "b.duckdb", "200.00")
    break_build(build_env)
    capsys.readouterr()

    assert publish.command(None) == 1
    assert reason in capsys.readouterr().err
    assert served.read_bytes() == before
    assert served_amount(served) == "100.00"


def test_missing_run_results_refused(build_env, capsys):
    (dbt_results.artifacts_dir() / "run_results.json").unlink()
    assert publish.command(None) == 1
    assert "no dbt run results" in capsys.readouterr().err
    assert not (build_env / "served" / "kuntatalous.duckdb").exists()


def test_republish_replaces_whole_file(build_env):
    assert publish.command(None) == 0
    write_build(build_env / "build" / "b.duckdb", "300.00")
    write_run_results(["success"], generated_at=datetime.now(UTC) + timedelta(seconds=1))
    assert publish.command(None) == 0
    assert served_amount(build_env / "served" / "kuntatalous.duckdb") == "300.00"
