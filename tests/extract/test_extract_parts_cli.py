"""`kuntatalous extract REPORT --goals/--kpis/--risks FILE`: the report's other tables as CSV, in the raw tables'
columns, next to the budget rows; the goal reader's uncertain placements as `note:` lines."""

from __future__ import annotations

import csv
import os

from tests_extract_support import EXPECTED, HEINOLA, KAUHAVA_PDF

from tests.support import kuntatalous


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_seed_goals_kpis_and_risks_as_csv(tmp_path):
    goals, kpis, risks = tmp_path / "goals.csv", tmp_path / "kpis.csv", tmp_path / "risks.csv"
    done = kuntatalous("extract", str(HEINOLA), "-o", str(tmp_path / "ledger.csv"), "--goals", str(goals),
                       "--kpis", str(kpis), "--risks", str(risks), env=dict(os.environ), check=False)
    # exit 1: the budget tables' findings (eight totals off by one euro from rounding), the other tables written
    assert done.returncode == 1, done.stderr
    # the goals file is the hand transcription, cell for cell, in the goal register's own layout
    assert read_csv(goals) == read_csv(EXPECTED / "heinola_elinvoimalautakunta_2022_goals.csv")
    assert [(r["indicator"], r["column_label"], r["value"], r["qualifier"]) for r in read_csv(kpis)] == [
        ("Nettomenot/asukas", "Toteutuma 2020", "199.10", "ei vertailukelpoinen"),
        ("Nettomenot/asukas", "Ennuste 2021", "269.80", ""),
        ("Nettomenot/asukas", "Tavoite 2022", "261.80", ""),
        ("Tuotot % kuluista", "Toteutuma 2020", "43.5", "ei vertailukelpoinen"),
        ("Tuotot % kuluista", "Ennuste 2021", "39.5", ""),
        ("Tuotot % kuluista", "Tavoite 2022", "42.95", ""),
    ]
    assert [(r["risk"], r["probability"], r["significance"], r["risk_value"]) for r in read_csv(risks)] == [
        ("Koronan vaikutukset", "2", "3", "6"), ("Henkilöstöriskit", "1", "1", "1")]
    assert f"note: {HEINOLA.name}:1206: goal table: the page break falls after a full sentence" in done.stderr
    assert f"{HEINOLA.name}: 30 goals rows → {goals}" in done.stderr


def test_pdf_goal_cards_as_csv(tmp_path):
    goals = tmp_path / "goals.csv"
    done = kuntatalous("extract", str(KAUHAVA_PDF), "-o", str(tmp_path / "ledger.csv"), "--goals", str(goals),
                       env=dict(os.environ), check=False)
    # exit 1: the budget tables have findings (rounding, units against their committee); the goals are written
    assert done.returncode == 1, done.stderr
    rows = read_csv(goals)
    assert len(rows) == 57
    assert rows[0]["goal_id"] == "KAU-KJO-2024-G01" and rows[0]["committee"] == "Kauhavan Jäähalli Oy"
    assert rows[0]["realization"] == "Ei toteutunut, tappio 8.941 €" and rows[0]["status"] == "Valmis"
