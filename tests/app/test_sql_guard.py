"""The analysts' SQL path refuses every way out and runs ordinary analyst queries."""

from __future__ import annotations

import argparse
import csv
import io
import json
from decimal import Decimal

import pytest

from app.query import sql_guard
from tests.support import kuntatalous

ESCAPES = {
    "read_csv of /etc/passwd": "SELECT * FROM read_csv('/etc/passwd')",
    "read_csv_auto": "SELECT * FROM read_csv_auto('/etc/passwd', header = false)",
    "file path as a table": "SELECT * FROM '/etc/passwd'",
    "quoted file path as a table": 'SELECT * FROM "/etc/hostname"',
    "file path in a subquery": "SELECT count(*) FROM (SELECT * FROM (FROM '/etc/passwd'))",
    "file path in a CTE": "WITH x AS (SELECT * FROM 'data.csv') SELECT * FROM x",
    "read_text": "SELECT content FROM read_text('/etc/passwd')",
    "read_blob": "SELECT * FROM read_blob('/etc/shadow')",
    "read_parquet": "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "read_json": "SELECT * FROM read_json('/etc/x.json')",
    "glob lists files": "SELECT * FROM glob('/etc/*')",
    "sniff_csv": "SELECT * FROM sniff_csv('/etc/passwd')",
    "query() runs a string": "SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')",
    "getenv": "SELECT getenv('HOME')",
    "read in a scalar subquery": "SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) AS n",
    "read in a union": "SELECT 1 AS a UNION ALL SELECT * FROM read_csv('/etc/passwd')",
    "COPY TO a file": "COPY (SELECT * FROM marts.fact_budget) TO '/tmp/leak.csv'",
    "COPY FROM a file": "COPY marts.fact_budget FROM '/etc/passwd'",
    "EXPORT DATABASE": "EXPORT DATABASE '/tmp/dump'",
    "ATTACH another file": "ATTACH '/tmp/other.duckdb' AS other",
    "ATTACH in memory": "ATTACH ':memory:' AS scratch",
    "DETACH": "DETACH scratch",
    "INSTALL an extension": "INSTALL httpfs",
    "LOAD an extension": "LOAD httpfs",
    "SET a setting": "SET enable_external_access = true",
    "RESET a setting": "RESET lock_configuration",
    "SET VARIABLE": "SET VARIABLE x = 1",
    "USE another schema": "USE raw",
    "PRAGMA": "PRAGMA enable_profiling",
    "CALL": "CALL pragma_version()",
    "CHECKPOINT": "CHECKPOINT",
    "CREATE TABLE": "CREATE TABLE marts.x AS SELECT 1",
    "CREATE TEMP TABLE": "CREATE TEMP TABLE t AS SELECT 1",
    "CREATE MACRO": "CREATE MACRO m(x) AS x + 1",
    "INSERT": "INSERT INTO marts.fact_budget SELECT * FROM marts.fact_budget",
    "UPDATE": "UPDATE marts.fact_budget SET amount_eur = 0",
    "DELETE": "DELETE FROM marts.fact_budget",
    "DROP": "DROP TABLE marts.fact_budget",
    "ALTER": "ALTER TABLE marts.fact_budget ADD COLUMN x INTEGER",
    "two statements": "SELECT 1; DROP TABLE marts.fact_budget",
    "two selects": "SELECT 1; SELECT 2",
    "transaction": "BEGIN TRANSACTION",
    "EXPLAIN": "EXPLAIN SELECT 1",
    "empty": "   ",
    "syntax error": "SELEKT * FROM marts.fact_budget",
}


@pytest.mark.parametrize("sql", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_is_refused_with_a_reason(sql, served):
    with pytest.raises(sql_guard.Refused) as refused:
        sql_guard.run(sql)
    assert len(str(refused.value)) > 10


def test_refusals_name_the_reason(served):
    reasons = {
        "SELECT * FROM read_csv('/etc/passwd')": "read_csv",
        "SELECT * FROM '/etc/passwd'": "reading files",
        "COPY (SELECT 1) TO '/tmp/x.csv'": "COPY",
        "ATTACH ':memory:' AS x": "ATTACH",
        "INSTALL httpfs": "INSTALL/LOAD",
        "SET threads = 1": "changing settings",
        "SELECT 1; SELECT 2": "one statement at a time",
        "DELETE FROM marts.fact_budget": "read-only",
    }
    for sql, reason in reasons.items():
        with pytest.raises(sql_guard.Refused, match=reason):
            sql_guard.run(sql)


def test_engine_blocks_what_the_guard_lets_through(served):
    # the connection itself is hardened: even a read the guard did not spot cannot reach files
    settings = sql_guard.run(
        "SELECT name, value FROM duckdb_settings() "
        "WHERE name IN ('enable_external_access', 'lock_configuration') ORDER BY name"
    ).frame
    assert dict(settings.iter_rows()) == {"enable_external_access": "false", "lock_configuration": "true"}


def test_time_limit_interrupts_a_long_query(served):
    with pytest.raises(sql_guard.Refused, match="time limit"):
        sql_guard.run("SELECT count(*) FROM range(100000000000) AS a, range(100) AS b", timeout_s=0.5)


def test_row_limit_cuts_the_result(served):
    result = sql_guard.run("SELECT * FROM range(50)", max_rows=20)
    assert result.frame.height == 20
    assert result.truncated


ANALYST_QUERIES = {
    "report line": (
        ("SELECT ytd_actual_eur, budget_eur, remaining_eur, realization_pct FROM marts.rpt_income_statement "
        "WHERE service_area_key = 'heinola__kulttuuri' AND account_key = 'henkilostokulut' AND fiscal_year = 2022 "
        "AND period_months = 6"),
        (Decimal("-376574.00"), Decimal("-634300.00"), Decimal("-257726.00"), Decimal("59.40")),
    ),
    "CTE and aggregate": (
        ("WITH areas AS (SELECT * FROM marts.rpt_income_statement WHERE section_level = 'service_area' "
        "AND account_key = 'toimintatuotot' AND municipality = 'Heinola' AND fiscal_year = 2022 "
        "AND period_months = 6) "
        "SELECT sum(ytd_actual_eur) FROM areas"),
        (Decimal("1644086.00"),),
    ),
    "window function": (
        ("SELECT service_area_key, rank() OVER (ORDER BY realization_pct DESC) AS r "
        "FROM marts.rpt_income_statement WHERE section_level = 'service_area' AND account_key = 'toimintakulut' "
        "AND fiscal_year = 2022 AND period_months = 6 QUALIFY r = 1"),
        ("heinola__kulttuuri", 1),
    ),
}


@pytest.mark.parametrize("sql,expected", ANALYST_QUERIES.values(), ids=ANALYST_QUERIES.keys())
def test_analyst_queries_run(sql, expected, served):
    result = sql_guard.run(sql)
    assert result.frame.rows() == [expected]


def test_describe_show_and_catalog_queries_run(served):
    assert "amount_eur" in sql_guard.run("DESCRIBE marts.fact_budget").frame["column_name"].to_list()
    assert sql_guard.run("SHOW ALL TABLES").frame.height > 0
    comments = sql_guard.run(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'marts' AND comment IS NOT NULL"
    ).frame.item()
    assert comments > 0  # dbt persisted the column docs


def test_cli_sql_csv_and_json(served):
    sql = (
        "SELECT d.service_area AS section, r.ytd_actual_eur FROM marts.rpt_income_statement AS r "
        "JOIN marts.dim_service_area AS d USING (service_area_key) WHERE r.account_key = 'henkilostokulut' "
        "AND r.service_area_key = 'heinola__kulttuuri' AND r.fiscal_year = 2022 AND r.period_months = 6"
    )
    out = kuntatalous("sql", sql, "--format", "csv", env=served.env())
    assert out.stdout.splitlines() == ["section,ytd_actual_eur", "Kulttuuri,-376574.00"]
    out = kuntatalous("sql", sql, "--format", "json", env=served.env())
    # decimals stay exact: JSON carries them as strings
    assert json.loads(out.stdout) == [{"section": "Kulttuuri", "ytd_actual_eur": "-376574.00"}]
    refused = kuntatalous("sql", "SELECT * FROM read_csv('/etc/passwd')", env=served.env(), check=False)
    assert refused.returncode == 2
    assert "refused" in refused.stderr and "read_csv" in refused.stderr


def test_cli_sql_csv_writes_a_list_as_one_readable_cell(served):
    # polars cannot write nested data to CSV: the aliases list (seeds/service_area_aliases.csv) is joined by "; "
    out = kuntatalous("sql", "select * from marts.dim_service_area", "--format", "csv", env=served.env())
    rows = {row["service_area_key"]: row for row in csv.DictReader(io.StringIO(out.stdout))}
    assert rows["heinola__elinvoimalautakunta"]["aliases"] == (
        "ELINVOIMA YHTEENSÄ; Elinvoimalautakunnan toimiala yhteensä; Elinvoimalautakunta")
    assert rows["heinola"]["aliases"] == "Heinolan kaupunki"
    assert rows["heinola__kulttuuri"]["aliases"] == ""


def test_command_in_process(served, capsys):
    code = sql_guard.command(argparse.Namespace(query="SELECT 42 AS answer", format="csv"))
    assert code == 0
    assert capsys.readouterr().out.splitlines() == ["answer", "42"]
