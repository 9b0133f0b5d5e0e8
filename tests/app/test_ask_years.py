"""The question engine across years and towns, on Lapua's minutes: `kuntatalous ask --format json` and the Kysy page
give the numbers typed by hand from the reports."""

from __future__ import annotations

import json

from tests.support import kuntatalous, page

SERIES = "Miten Sivistyslautakunnan toimintakulut ovat kehittyneet 2022–2024?"
WHICH = ("Kumpi käytti enemmän toimintakuluja suhteessa talousarvioon syyskuun loppuun mennessä 2024, "
         "sivistys- vai hyvinvointilautakunta?")


def _ask(question, served):
    out = kuntatalous("ask", question, "--format", "json", env=served.env())
    return json.loads(out.stdout)


def test_a_committee_line_as_a_series_over_years(served):
    result = _ask(SERIES, served)
    assert result["unrecognised"] == [] and result["understood"]["series"] is True
    # Toimintakulut *) of Sivistyslautakunta as printed in 21.11.2024 p. 18 and p. 20 and 18.12.2024 p. 9:
    # Tot. 09/2023 -21.702.537, Tot. 11/2023 -26.591.333, TP 2023 -29.250.652, Tot. 09/2024 -21.394.653,
    # Tot. 10/2024 -23.737.425, Tot. 11/2024 -26.239.323 (no 2022 report of the committee is in the warehouse)
    assert [(r["fiscal_year"], r["period_months"], r["value"]) for r in result["rows"]] == [
        (2023, 9, -21702537.0), (2023, 11, -26591333.0), (2023, 12, -29250652.0),
        (2024, 9, -21394653.0), (2024, 10, -23737425.0), (2024, 11, -26239323.0),
    ]
    assert {r["section"] for r in result["rows"]} == {"Sivistyslautakunta"}


def test_which_committee_used_more_of_its_budget(served):
    result = _ask(WHICH, served)
    assert result["unrecognised"] == []
    assert sorted(result["understood"]["committees"]) == ["Hyvinvointilautakunta", "Sivistyslautakunta"]
    # Toimintakulut *) Tot.-% 1–9/2024: Sivistyslautakunta 73,9 (21.11.2024 p. 18), Hyvinvointilautakunta 71,1
    # (14.11.2024 p. 25): the larger first
    assert [(r["section"], r["measure"], r["value"]) for r in result["rows"]] == [
        ("Sivistyslautakunta", "realization_pct", 73.9), ("Hyvinvointilautakunta", "realization_pct", 71.1)]


def test_two_towns_each_at_its_own_latest_period(served):
    # Lapua's and Kauhava's Ympäristölautakunta in 2024: Kauhava's annual report gives the full year, Lapua's last
    # report the months to November — each town answered at its own period, named, none dropped.
    # Kauhava tilinpäätös 2024, Ympäristölautakunta: TOIMINTAKULUT toteutuma -929 281; Lapua Ympäristölautakunta
    # 18.12.2024 p. 14: Menot, Toteutuma 30.11.2024 -327.313
    result = _ask("Ympäristölautakunnan toimintakulut 2024", served)
    assert result["unrecognised"] == []
    assert result["understood"]["periods_by_place"] == {"2024": [11, 12]}
    assert sorted((r["municipality"], r["period_months"], r["measure"], r["value"]) for r in result["rows"]) == [
        ("Kauhava", 12, "actual", -929281.0), ("Lapua", 11, "actual", -327313.0)]


def test_kysy_draws_the_series_by_month(served):
    at = page("ask")
    at.run()
    at.text_input(key="ask_question").input(SERIES)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["field"] == "period_months"
    table = at.dataframe[1].value
    assert list(table["Arvo"]) == ["-21 702 537 €", "-26 591 333 €", "-29 250 652 €", "-21 394 653 €",
                                   "-23 737 425 €", "-26 239 323 €"]
