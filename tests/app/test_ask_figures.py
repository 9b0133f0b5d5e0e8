"""`kuntatalous ask` about the key figures and risks the seed report prints beside its goals (lines 1792–1830 of
data/landing/reports/heinola_elinvoimalautakunta_2022_06.txt): Tavoite 2022 of Nettomenot/asukas is 261,80€;
of the two risks, Koronan vaikutukset (Todennäköisyys 2 × Merkittävyys 3) outranks Henkilöstöriskit (1 × 1).
The Kysy page shows the same answers with their reading, the KPI table and the risk matrix of the Tavoitteet page."""

from __future__ import annotations

import json

from tests.support import kuntatalous, page


def ask(served, question: str, check: bool = True) -> tuple[int, dict]:
    out = kuntatalous("ask", question, "--format", "json", env=served.env(), check=check)
    return out.returncode, json.loads(out.stdout)


def test_net_cost_target_per_inhabitant(served):
    _, data = ask(served, "Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?")
    assert data["answered"] is True
    assert data["reading"] == "Elinvoimalautakunta · Nettomenot/asukas · tavoite · 2022"
    assert data["understood"]["topic"] == "kpi" and data["understood"]["defaults"] == []
    assert data["understood"]["lines"] == ["Nettomenot/asukas"]
    assert data["understood"]["committees"] == ["Elinvoimalautakunta"]
    assert (data["understood"]["measures"], data["understood"]["years"]) == (["target"], [2022])
    assert data["unrecognised"] == []
    assert "marts.fact_kpi" in data["sql"]
    assert [(r["municipality"], r["indicator"], r["value_year"], r["value_kind"], r["value"], r["unit"],
             r["printed_text"]) for r in data["rows"]] == [
        ("Heinola", "Nettomenot/asukas", 2022, "target", 261.8, "EUR per inhabitant", "261,80€")]


def test_all_figures_of_an_indicator_without_kind_or_year(served):
    _, data = ask(served, "Tuotot % kuluista tunnusluvut")
    # what was not named is filled in and said so: every kind, every year printed, the committee reporting it
    assert data["reading"] == "Elinvoimalautakunta · Tuotot % kuluista · toteutuma, ennuste, tavoite · 2020, 2021, 2022"
    assert data["understood"]["defaults"] == ["measure", "year", "committee"]
    assert [(r["value_year"], r["value_kind"], r["value"], r["qualifier"]) for r in data["rows"]] == [
        (2020, "actual", 43.5, "ei vertailukelpoinen"), (2021, "forecast", 39.5, None), (2022, "target", 42.95, None)]


def test_most_significant_risks(served):
    code, data = ask(served, "Mitkä riskit ovat merkittävimpiä?")
    assert code == 0 and data["answered"] is True and data["understood"]["topic"] == "risk"
    assert data["reading"] == "kaikki lautakunnat · riskit · uusin raportti · merkittävimmät"
    assert data["unrecognised"] == [] and data["ignored"] == ["mitkä", "ovat"] and "marts.fact_risk" in data["sql"]
    assert [(r["risk"], r["probability"], r["significance"], r["risk_value"], r["rank_in_report"])
            for r in data["rows"]] == [("Koronan vaikutukset", 2, 3, 6, 1)]
    assert data["rows"][0]["mitigation"] == "Varasuunnitelmat, kustannusten hallinta, ennakointi."


def test_all_risks_in_order(served):
    _, data = ask(served, "Elinvoimalautakunnan riskit")
    assert data["reading"] == "Elinvoimalautakunta · riskit · uusin raportti · suurin riskiarvo ensin"
    assert [(r["risk"], r["risk_value"]) for r in data["rows"]] == [
        ("Koronan vaikutukset", 6), ("Henkilöstöriskit", 1)]


def test_budget_questions_are_not_taken_for_figures(served):
    # "tuotot" alone is a word of the KPI "Tuotot % kuluista", but the question is about a report table
    _, data = ask(served, "Kulttuurin toimintatuotot alkuvuonna 2022")
    assert "marts.fact_kpi" not in data["sql"] and data["understood"]["service_areas"] == ["Kulttuuri"]


def test_an_unknown_word_in_a_risk_question_is_named(served):
    code, data = ask(served, "Mitkä riskit ovat kauheimpia?", check=False)
    assert code == 3 and data["unrecognised"] == ["kauheimpia"] and data["rows"] == []
    assert data["answered"] is False and data["reading"] == "" and data["sql"] == ""


def test_a_town_named_takes_its_key_figures(served):
    # Kauhava TP 2024, text lines 1577–1581: TA2024 and TP2024 of the group's four key figures
    code, data = ask(served, "Kauhavan tunnusluvut 2024")
    assert code == 0 and data["understood"]["municipalities"] == ["Kauhava"]
    got = {(r["indicator"], r["value_kind"]): (r["printed_text"], r["qualifier"]) for r in data["rows"]}
    assert {r["municipality"] for r in data["rows"]} == {"Kauhava"} and len(got) == 8
    assert got[("Konsernin vuosikate poistoista, %:a", "target")] == ("yli 80", "yli")
    assert got[("Konsernin vuosikate poistoista, %:a", "actual")] == ("142,8", None)
    assert got[("Konsernin lainat ja vuokravastuut, €/asukas", "target")] == ("alle 12.000", "alle")
    assert got[("Konsernin laskennallinen lainanhoitokate", "actual")] == ("0,9", None)


def test_a_committee_without_figures_is_understood_and_has_none(served):
    # Lapua's Tekninen lautakunta prints budget tables but no Tunnusluvut or Riskienhallinta
    for question in ("Lapuan teknisen lautakunnan tunnusluvut", "Teknisen lautakunnan riskit"):
        code, data = ask(served, question)
        assert code == 0 and data["unrecognised"] == [] and data["understood"]["committees"] == [
            "Tekninen lautakunta"], question
        assert data["rows"] == [] and data["message"] == "no data", question


def _kysy(question: str, lang: str = "fi"):
    at = page("ask")
    at.session_state["lang"] = lang
    at.run()
    at.text_input(key="ask_question").input(question).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_kysy_page_shows_the_target_with_its_reading(served):
    at = _kysy("Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?")
    assert "Luenta: Elinvoimalautakunta · Nettomenot/asukas · tavoite · 2022" in [m.value.strip("*")
                                                                               for m in at.markdown]
    kpis = next(d.value for d in at.dataframe if "Tunnusluku" in d.value.columns)
    assert [tuple(r) for r in kpis.itertuples(index=False)] == [
        ("Nettomenot/asukas", "2022", "", "", "261,80 €/as.", "")]


def test_kysy_page_shows_the_most_significant_risk_in_the_matrix(served):
    at = _kysy("Mitkä riskit ovat merkittävimpiä?")
    assert "Luenta: kaikki lautakunnat · riskit · uusin raportti · merkittävimmät" in [
        m.value.strip("*") for m in at.markdown]
    risks = next(d.value for d in at.dataframe if "Tunnistettu riski" in d.value.columns)
    assert [tuple(r) for r in risks[["Tunnistettu riski", "Todennäköisyys", "Merkittävyys", "Riskiarvo",
                                     "Hallintakeino"]].itertuples(index=False)] == [
        ("Koronan vaikutukset", "2", "3", "6 (laskettu)", "Varasuunnitelmat, kustannusten hallinta, ennakointi.")]
    titles = [json.loads(c.proto.spec).get("title") for c in at.get("vega_lite_chart")]
    assert "Riskimatriisi: todennäköisyys × merkittävyys" in titles


def test_kysy_page_reads_a_figure_question_in_english(served):
    at = _kysy("Elinvoimalautakunnan riskit", lang="en")
    assert "Reading: Elinvoimalautakunta · risks · latest report · highest risk value first" in [
        m.value.strip("*") for m in at.markdown]
