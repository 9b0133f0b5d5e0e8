"""Every example query in the marts' descriptions (models/marts/_marts__models.yml, shown in dbt docs and as
DuckDB comments) runs on the served warehouse and returns rows: a renamed column cannot leave a broken example."""

from __future__ import annotations

import re

import duckdb
import pytest
import yaml

from tests.support import PROJECT_DIR

MARTS_YML = PROJECT_DIR / "models" / "marts" / "_marts__models.yml"


def examples() -> list[tuple[str, str]]:
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    found = []
    for model in models:
        for sql in re.findall(r"```sql\n(.*?)```", model.get("description", ""), re.DOTALL):
            found.append((model["name"], sql))
    return found


def test_every_mart_has_an_example():
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    assert {name for name, _ in examples()} == {model["name"] for model in models}


@pytest.mark.parametrize(("model", "sql"), examples(), ids=[name for name, _ in examples()])
def test_example_query_returns_rows(built_warehouse, model, sql):
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    try:
        rows = con.sql(sql).fetchall()
    finally:
        con.close()
    assert rows, f"{model}: the example query returned no rows"
    assert f"marts.{model}" in sql
