"""The `memory` target builds the whole project with no file at all (empty raw tables, real seeds): every model
compiles and runs, every mart contract holds and the unit tests pass — the quick check of the models."""

from __future__ import annotations

import subprocess

import duckdb

from ingestion.landing import schema
from ingestion.warehouse import build, dbt_results


def test_project_builds_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNTATALOUS_ARTIFACTS", str(tmp_path))
    result = subprocess.run(
        build.dbt_command("build", target="memory"),
        cwd=build.paths.PROJECT_DIR,
        env=build.dbt_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    run = dbt_results.read()
    assert run is not None
    statuses = {n.unique_id: n.status for n in run.nodes}
    unit_tests = [uid for uid in statuses if uid.startswith("unit_test.")]
    assert len(unit_tests) >= 5 and all(statuses[uid] == "pass" for uid in unit_tests)
    marts = [
        uid
        for uid in statuses
        if uid.startswith("model.kuntatalous.") and uid.split(".")[-1][:4] in {"fact", "dim_", "rpt_"}
    ]
    mart_files = list((build.paths.PROJECT_DIR / "models" / "marts").glob("*.sql"))
    assert len(marts) == len(mart_files) and all(statuses[uid] == "success" for uid in marts)


def test_the_memory_targets_raw_tables_are_those_ingest_creates():
    """One home for the raw tables' columns: ingestion/landing/kinds.py. The macro is generated from it."""
    assert schema.MEMORY_MACRO.read_text(encoding="utf-8") == schema.memory_target_macro(), (
        "macros/create_empty_raw_tables_in_memory.sql differs from the kinds: run `python -m ingestion.landing.schema`"
    )
    memory, ingested = duckdb.connect(), duckdb.connect()
    for statement in schema.empty_schema_sql():
        memory.execute(statement)
    schema.ensure_raw_schema(ingested)
    columns = (
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'raw' ORDER BY table_name, ordinal_position"
    )
    assert memory.sql(columns).fetchall() == ingested.sql(columns).fetchall()
    assert ("load_log", "decimal_separator", "VARCHAR", "YES") in memory.sql(columns).fetchall()
