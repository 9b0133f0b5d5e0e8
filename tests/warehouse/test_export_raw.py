"""`kuntatalous export-raw DIR` writes every raw table as Parquet (the Spark sources, docs/spark.md): the same
columns, types and rows as the build file's raw schema, lineage included."""

from __future__ import annotations

import os

import duckdb
import yaml

from tests.support import PROJECT_DIR, kuntatalous

# every raw table dbt reads as a source: what Spark must find
_SOURCES_YML = PROJECT_DIR / "models" / "staging" / "raw" / "_raw__sources.yml"
SOURCES = {table["name"] for table in yaml.safe_load(_SOURCES_YML.read_text(encoding="utf-8"))["sources"][0]["tables"]}


def test_every_raw_table_is_written_as_parquet_with_its_rows(built_warehouse, tmp_path):
    result = kuntatalous("export-raw", str(tmp_path / "raw"), env=built_warehouse.env())
    assert {path.name for path in (tmp_path / "raw").iterdir()} == SOURCES
    con = duckdb.connect(str(built_warehouse.build_db), read_only=True)
    try:
        for table in SOURCES:
            exported = f"read_parquet('{tmp_path / 'raw' / table / '*.parquet'}')"
            # names and types (Parquet keeps no NOT NULL)
            assert con.sql(f"select column_name, column_type from (describe select * from {exported})").fetchall() \
                == con.sql(f"select column_name, column_type from (describe select * from raw.{table})").fetchall()
            assert con.sql(f"select * from raw.{table} except all select * from {exported}").fetchall() == []
            assert con.sql(f"select * from {exported} except all select * from raw.{table}").fetchall() == []
            rows = con.sql(f"select count(*) from raw.{table}").fetchall()[0][0]
            assert f"{table}: {rows} rows" in result.stdout
        assert con.sql("select count(*) from raw.ledger").fetchall()[0][0] > 1000
    finally:
        con.close()


def test_a_missing_build_file_is_a_clear_error(tmp_path):
    env = {**os.environ, "KUNTATALOUS_BUILD_DB": str(tmp_path / "none.duckdb")}
    result = kuntatalous("export-raw", str(tmp_path / "raw"), env=env, check=False)
    assert result.returncode == 1
    assert "none.duckdb: no build file to export" in result.stderr
    assert not (tmp_path / "raw").exists()
