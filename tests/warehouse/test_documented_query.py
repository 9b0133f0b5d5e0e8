"""The warehouse guide's query (docs/warehouse.md), run as written with the DuckDB 1.x CLI on the served file, prints the seed report's
committee table exactly as the report prints it (tests/warehouse/expected/, report lines 148–168)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from expected_tables import EXPECTED_DIR

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"
DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


def readme_query() -> str:
    section = GUIDE.read_text(encoding="utf-8")
    match = re.search(r'duckdb -readonly warehouse/kuntatalous\.duckdb "(.*?)"\n```', section, re.DOTALL)
    assert match, "docs/warehouse.md: the query block is missing"
    return match.group(1)


def printed_committee_table() -> list[str]:
    lines = (
        (EXPECTED_DIR / "heinola_elinvoimalautakunta_2022_06.txt").read_text(encoding="utf-8").splitlines()
    )
    start = lines.index(
        next(x for x in lines if x.startswith("table: rpt_income_statement | heinola__elinvoima"))
    )
    table = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        table.append(line.rstrip(" |"))
    return table


def test_readme_query_prints_the_seed_committee_table(built_warehouse):
    version = subprocess.run(
        [str(DUCKDB_CLI), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.startswith("v1."), version
    result = subprocess.run(
        [
            str(DUCKDB_CLI),
            "-readonly",
            "-list",
            "-noheader",
            "-separator",
            " | ",
            str(built_warehouse.served_db),
            readme_query(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = [line.rstrip(" |") for line in result.stdout.splitlines()]
    assert printed == printed_committee_table()
    assert len(printed) == 19
