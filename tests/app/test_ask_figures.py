"""`kuntatalous ask` about the key figures and risks the seed report prints beside its goals (lines 1792–1830 of
data/landing/reports/heinola_elinvoimalautakunta_2022_06.txt): Tavoite 2022 of Nettomenot/asukas is 261,80€;
of the two risks, Koronan vaikutukset (Todennäköisyys 2 × Merkittävyys 3) outranks Henkilöstöriskit (1 × 1)."""

from __future__ import annotations

import json

from tests.support import kuntatalous


def ask(served, question: str, check: bool = True) -> tuple[int, dict]:
    out = kuntatalous("ask", question, "--format", "json", env=served.env(), check=check)
    return out.returncode, json.loads(out.stdout)


def test_net_cost_target_per_inhabitant(served):
    _, data = ask(served, "Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?")
    assert data["understood"]["lines"] == ["Nettomenot/asukas"]
    assert data["understood"]["committees"] == ["Elinvoimalautakunta"]
    assert (data["understood"]["measures"], data["understood"]["years"]) == (["target"], [2022])
    assert data["unrecognised"] == []
    assert "marts.fact_kpi" in data["sql"]
    assert [(r["indicator"], r["value_year"], r["value_kind"], r["value"], r["unit"], r["printed_text"])
            for r in data["rows"]] == [("Nettomenot/asukas", 2022, "target", 261.8, "EUR per inhabitant", "261,80€")]


def test_all_figures_of_an_indicator_without_kind_or_year(served):
    _, data = ask(served, "Tuotot % kuluista tunnusluvut")
    assert [(r["value_year"], r["value_kind"], r["value"], r["qualifier"]) for r in data["rows"]] == [
        (2020, "actual", 43.5, "ei vertailukelpoinen"), (2021, "forecast", 39.5, None), (2022, "target", 42.95, None)]


def test_most_significant_risks(served):
    _, data = ask(served, "Mitkä riskit ovat merkittävimpiä?")
    assert data["unrecognised"] == [] and "marts.fact_risk" in data["sql"]
    assert [(r["risk"], r["probability"], r["significance"], r["risk_value"], r["rank_in_report"])
            for r in data["rows"]] == [("Koronan vaikutukset", 2, 3, 6, 1)]
    assert data["rows"][0]["mitigation"] == "Varasuunnitelmat, kustannusten hallinta, ennakointi."


def test_all_risks_in_order(served):
    _, data = ask(served, "Elinvoimalautakunnan riskit")
    assert [(r["risk"], r["risk_value"]) for r in data["rows"]] == [
        ("Koronan vaikutukset", 6), ("Henkilöstöriskit", 1)]


def test_budget_questions_are_not_taken_for_figures(served):
    # "tuotot" alone is a word of the KPI "Tuotot % kuluista", but the question is about a report table
    _, data = ask(served, "Kulttuurin toimintatuotot alkuvuonna 2022")
    assert "marts.fact_kpi" not in data["sql"] and data["understood"]["service_areas"] == ["Kulttuuri"]


def test_an_unknown_word_in_a_risk_question_is_named(served):
    code, data = ask(served, "Mitkä riskit ovat kauheimpia?", check=False)
    assert code == 3 and data["unrecognised"] == ["kauheimpia"] and data["rows"] == []
