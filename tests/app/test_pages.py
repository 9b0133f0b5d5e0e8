"""Every page of the explorer driven through its widgets; the text the tables and metrics show is checked against
the seed's printed report (Heinola, Elinvoimalautakunta, TALOUSARVION TOTEUTUMINEN 6/2022)."""

from __future__ import annotations

import json
from decimal import Decimal

from streamlit.testing.v1 import AppTest

from tests.support import PAGES, page

D = Decimal


def _run(at):
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _row(frame, column, value):
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"{value!r} not once in {list(frame[column])}"
    return rows.iloc[0]


def _committee_metrics(at, heading):
    """The metrics under one committee's heading on the overview (six each, in the order of the headings)."""
    headings = [h.value for h in at.subheader]
    k = headings.index(heading)
    return at.metric[6 * k: 6 * k + 6]


def _select(at, key, label):
    box = at.selectbox(key=key)
    box.select_index(list(box.options).index(label))
    return _run(at)


def test_overview_committee_numbers_and_standouts(served):
    at = _select(_run(page("overview")), "ov_period", "1–6/2022")
    # Lapua's Ympäristölautakunta reports 1–6/2022 too
    assert [h.value for h in at.subheader][:2] == ["Elinvoimalautakunta (Heinola)", "Ympäristölautakunta (Lapua)"]
    metrics = {m.label: m.value for m in _committee_metrics(at, "Elinvoimalautakunta (Heinola)")}
    assert metrics["Vuodesta kulunut"] == "50,0 %"
    # TOIMINTAKATE of the committee total: TA -4 842 600, TOT -2 143 195, 44,30 %, Jäljellä -2 699 405
    assert metrics["Talousarvio"] == "-4 842 600 €"
    assert metrics["Toteuma"] == "-2 143 195 €"
    assert metrics["Toteutuma-%"] == "44,3 %"
    assert metrics["Ennuste"] == "-4 842 600 €"
    assert metrics["Jäljellä"] == "-2 699 405 €"
    layers = json.loads(at.get("vega_lite_chart")[0].proto.spec)["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["bar", "rule"]  # the elapsed share across the bars
    standouts = at.dataframe[1].value
    # Toimintakulut %: Kaupunkisuunnittelu 41,80 and Työllisyyspalvelut 43,20 are over 5 points below 50
    assert sorted(standouts["Palvelualue"]) == ["Kaupunkisuunnittelu", "Työllisyyspalvelut"]
    at.slider(key="ov_threshold").set_value(7)
    _run(at)
    standouts = at.dataframe[1].value
    assert list(standouts["Palvelualue"]) == ["Kaupunkisuunnittelu"]
    kaupunkisuunnittelu = _row(standouts, "Palvelualue", "Kaupunkisuunnittelu")
    assert kaupunkisuunnittelu["Toteutuma-%"] == "41,8 %"
    assert kaupunkisuunnittelu["Ero kuluneeseen, %-yks."] == "-8,2 %-yks."  # 41,80 against the elapsed 50,0


def test_overview_margin_from_revenue_and_expenses_when_not_printed(served):
    # Kauhava TP 2024, Elämänlaatulautakunta prints TOIMINTATUOTOT 464 250 / 463 437 and
    # TOIMINTAKULUT -3 085 660 / -2 978 383 (TA muutosten jälkeen / Toteutuma), no toimintakate line
    at = _select(_run(page("overview")), "ov_period", "1–12/2024")
    values = [m.value for m in at.metric]
    first = values[:6]  # the committees are in name order: Elämänlaatulautakunta first
    assert at.subheader[0].value.startswith("Elämänlaatulautakunta")
    assert first[:3] == ["-2 621 410 €", "-2 514 946 €", "95,9 %"]
    assert first[4] == "-106 464 €"


def test_service_area_statement_like_the_printed_report(served):
    at = _select(_run(page("service_area")), "sa_period", "1–6/2022")
    committee = at.dataframe[0].value
    tot = _row(committee, "Selite", "TOIMINTAKATE")
    assert (tot["TOT 2022 6 kk"], tot["TP 2021"]) == ("-2 143 195 €", "-4 018 000 €")
    at = _select(at, "sa_area", "Kulttuuri")
    statement = at.dataframe[0].value
    assert list(statement.columns) == [
        "Selite", "TP 2021", "TOT 2021 6 kk", "TA 2022 + muutos", "TOT 2022 6 kk", "Jäljellä", "%", "Ennuste",
    ]
    hk = _row(statement, "Selite", "Henkilöstökulut")
    # the printed row: Henkilöstökulut -666 -267 -634 300 -376 574 -257 726 59,40 (no forecast printed)
    assert list(hk) == [
        "Henkilöstökulut", "-666 000 €", "-267 000 €", "-634 300 €", "-376 574 €", "-257 726 €", "59,4 %", "",
    ]
    tulos = _row(statement, "Selite", "TILIKAUDEN TULOS")
    assert (tulos["TOT 2022 6 kk"], tulos["Ennuste"]) == ("-356 546 €", "-696 200 €")
    # drill down to the line across the committee's service areas
    at = _select(at, "sa_line", "Henkilöstökulut")
    by_area = at.dataframe[1].value
    assert _row(by_area, "Palvelualue", "Työllisyyspalvelut")["TOT 2022 6 kk"] == "-778 154 €"
    assert _row(by_area, "Palvelualue", "Kulttuuri")["%"] == "59,4 %"
    sources = at.dataframe[2].value  # Kulttuuri's Henkilöstökulut as loaded, scenarios named in Finnish
    actual = sources[(sources["Skenaario"] == "Toteuma") & (sources["Vuosi"] == "2022")]
    assert list(actual["Summa"]) == ["-376 574 €"]
    assert list(actual["Lähteen laji"]) == ["raportti"]  # stored as 'report'
    shown = [D(v.replace(" ", "").rstrip("€")) for v in by_area["TOT 2022 6 kk"]]
    # the printed areas add up to -1 807 569 €; the printed committee total -1 807 570 € is rounded separately
    assert sum(shown) == D("-1807569")


def test_compare_line_across_years_with_change(served):
    at = _run(page("compare"))
    at = _select(at, "cmp_area", "Kulttuuri (Heinola)")
    at = _select(at, "cmp_line", "Henkilöstökulut")
    table = at.dataframe[0].value
    assert list(table["Kausi"]) == ["1–6/2021", "1–12/2021", "1–6/2022"]
    assert list(table["Toteuma"]) == ["-267 000 €", "-666 000 €", "-376 574 €"]
    latest = _row(table, "Kausi", "1–6/2022")
    assert latest["Muutos ed. vuodesta, €"] == "-109 574 €"  # -376 574 - -267 000
    assert latest["Muutos ed. vuodesta, %"] == "-41,0 %"  # / 267 000
    at = _select(at, "cmp_measure", "Talousarvio + muutokset")
    assert list(at.dataframe[0].value["Talousarvio + muutokset"]) == ["-634 300 €"]


def test_goals_statuses_filters_and_history(served):
    at = _run(page("goals"))
    at = _select(at, "g_year", "2022")
    assert at.multiselect(key="g_status").placeholder == "(kaikki)"
    metrics = {m.label: m.value for m in at.metric}
    # 30.6. statuses: strategic 5 Toteutuu + 1 osittain; operational 9 Toteutuu, 2 osittain, 1 Ei tietoa
    assert metrics == {"Toteutuu": "14", "Toteutuu osittain": "3", "Ei tietoa": "1"}
    at.multiselect(key="g_status").select("Ei tietoa")
    _run(at)
    goals = at.dataframe[1].value
    assert len(goals) == 1
    assert goals.iloc[0]["Tavoite"].startswith("Työhyvinvointikyselyn tulokset ovat vähintään vuoden 2021 tasoa")
    history = at.dataframe[2].value
    assert len(history) == 2  # reported 31.3. and 30.6.
    assert "3.82" in history.iloc[-1]["Toteuma"]
    at.multiselect(key="g_status").unselect("Ei tietoa")
    at.multiselect(key="g_responsible").select("Rakennuspäällikkö")
    _run(at)
    goals = at.dataframe[1].value
    assert len(goals) == 1 and goals.iloc[0]["Vastuu"] == "Kulttuurisihteeri, Rakennuspäällikkö"


def test_ask_page_answers_and_explains(served):
    at = _run(page("ask"))
    at.text_input(key="ask_question").input("Kulttuurin henkilöstökulut 2021 ja 2022")
    _run(at)
    understood = at.dataframe[0].value
    assert "Kulttuuri" in list(understood.iloc[:, 1])
    answer = at.dataframe[1].value
    # a closed year's full-year actual (TP 2021, 1000 €), the running year's actual to date and its budget
    assert sorted(zip(answer["Kausi"], answer["Mittari"], answer["Arvo"], strict=True)) == [
        ("1–12/2021", "Toteuma", "-666 000 €"), ("1–12/2022", "Talousarvio + muutokset", "-634 300 €"),
        ("1–6/2022", "Toteuma", "-376 574 €"),
    ]
    reading = "Luenta: Kulttuuri · Henkilöstökulut · toteuma · 2021 (1–12/2021), 2022 (1–6/2022)"
    assert any(reading in m.value for m in at.markdown)
    assert any("marts.rpt_report_cells" in c.value for c in at.code)
    at.text_input(key="ask_question").input("Paljonko Kulttuuri sai maksutuottoja vuonna 2021?")
    _run(at)
    assert "sai" in at.caption[0].value  # a verb skipped, and said so
    assert list(at.dataframe[1].value["Arvo"]) == ["338 000 €"]  # TP 2021 338 (1000 €)
    at.text_input(key="ask_question").input("Kultuurin henkilöstökulut")
    _run(at)
    assert "kultuurin" in at.error[0].value
    assert "kulttuuri" in at.info[0].value


def test_sql_page_runs_queries_and_refuses_escapes(served):
    at = _run(page("sql"))
    first = at.dataframe[0].value  # the first example query runs on load, its numbers shown in Finnish
    first = first[(first["fiscal_year"] == "2022") & (first["period_months"] == "6")]
    kulttuuri = _row(first, "service_area", "Kulttuuri")
    # the printed row: Henkilöstökulut ... -634 300 -376 574 -257 726 59,40
    assert (kulttuuri["budget_eur"], kulttuuri["ytd_actual_eur"], kulttuuri["remaining_eur"]) == (
        "-634 300,00", "-376 574,00", "-257 726,00")
    assert kulttuuri["realization_pct"] == "59,40"
    at.text_area(key="sql_text").input(
        "select sum(ytd_actual_eur) as total from marts.rpt_income_statement "
        "where section_level = 'service_area' and account_key = 'henkilostokulut' "
        "and municipality = 'Heinola' and fiscal_year = 2022 and period_months = 6"
    )
    at.button(key="sql_run").click()
    _run(at)
    assert at.dataframe[0].value["total"][0] == "-1 807 569,00"  # the five printed service areas
    # an empty cell is shown empty, not as "None": Kulttuuri prints no forecast for Henkilöstökulut
    at.text_area(key="sql_text").input(
        "select forecast_eur, ytd_actual_eur from marts.rpt_income_statement "
        "where service_area_key = 'heinola__kulttuuri' and account_key = 'henkilostokulut' "
        "and fiscal_year = 2022 and period_months = 6"
    )
    at.button(key="sql_run").click()
    _run(at)
    assert list(at.dataframe[0].value.iloc[0]) == ["", "-376 574,00"]
    at.text_area(key="sql_text").input("SELECT * FROM read_csv('/etc/passwd')")
    at.button(key="sql_run").click()
    _run(at)
    assert "read_csv" in at.error[0].value
    docs = [e.label for e in at.expander]
    assert "marts.fact_budget" in docs and "marts.rpt_income_statement" in docs


def test_quality_page_shows_the_last_build(served):
    at = _run(page("quality"))
    load_log = at.dataframe[0].value
    report = load_log[load_log["Lähdetiedosto"].str.endswith("heinola_elinvoimalautakunta_2022_06.txt")]
    assert len(report) >= 1 and set(report["Tila"]) <= {"ladattu", "korvattu", "ennallaan"}
    # one load per table the report feeds: its budget numbers, goals, key figures and risks
    assert set(report["Laji"]) == {"raportti", "raportin tavoitteet", "raportin tunnusluvut", "raportin riskit"}
    # dbt's test statuses, in Finnish too; the Lapua minutes' findings are warnings
    assert set(at.dataframe[-1].value["Tila"]) == {"läpäisty", "varoitus"}
    headers = [h.value for h in at.subheader]
    assert headers == ["Latausloki", "Hylätyt rivit", "Raporttien taulukoiden havainnot",
                       "Great Expectations -tarkistukset", "dbt-testit (julkaistu build)", "Käyttöloki"]
    # the landing data holds no rejected row (the Lapua minutes print no fact twice under one key), so that
    # section says so and the tables are found by their columns, not by position
    assert "Ei rivejä." in [c.value for c in at.caption]
    # Sivistyslautakunta 21.11.2024 p. 19: investments Varhaiskasvatus 1.581 against TA -20.000
    findings = next(d.value for d in at.dataframe if "Havainto" in d.value.columns)
    sign = findings[findings["Lähdetiedosto"].str.endswith("Sivistyslautakunta - 21.11.2024, klo 16_30.pdf")
                    & (findings["Havainto"] == "missing_sign")]
    assert list(sign["Rivi (painettu)"]) == ["Varhaiskasvatus"] and list(sign["Sivu"]) == ["19"]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Läpäisty"] > 0 and metrics["Varoituksia"] > 0 and metrics["Epäonnistui"] == 0


def test_english_switch(served):
    at = page("overview")
    at.session_state["lang"] = "en"
    at = _select(_run(at), "ov_period", "1–6/2022")
    metrics = {m.label: m.value for m in _committee_metrics(at, "Elinvoimalautakunta (Heinola)")}
    assert metrics["Actual to date"] == "-2 143 195 €"


def test_entry_script_navigates_and_switches_language(served):
    at = AppTest.from_file(str(PAGES.parent / "explorer.py"), default_timeout=60)
    at = _run(at)
    assert [t.value for t in at.title] == ["Yleiskuva"]
    at.switch_page("views/service_area.py")
    at = _run(at)
    assert [t.value for t in at.title] == ["Palvelualueen tuloslaskelma"]
    at.radio(key="lang").set_value("en")
    at = _run(at)
    assert [t.value for t in at.title] == ["Income statement of a service area"]


def test_language_is_kept_in_the_url_across_reloads(served):
    at = _run(AppTest.from_file(str(PAGES.parent / "explorer.py"), default_timeout=60))
    assert "lang" not in at.query_params
    at.radio(key="lang").set_value("en")
    at = _run(at)
    assert at.query_params["lang"] in ("en", ["en"])
    # a reload is a new session that only has the URL
    reloaded = AppTest.from_file(str(PAGES.parent / "explorer.py"), default_timeout=60)
    reloaded.query_params["lang"] = "en"
    reloaded = _run(reloaded)
    assert [t.value for t in reloaded.title] == ["Overview"]
    reloaded.radio(key="lang").set_value("fi")
    reloaded = _run(reloaded)
    assert [t.value for t in reloaded.title] == ["Yleiskuva"]
    assert "lang" not in reloaded.query_params


def _english(name):
    at = page(name)
    at.session_state["lang"] = "en"
    return _run(at)


def test_every_page_switches_to_english(served):
    at = _select(_english("service_area"), "sa_period", "1–6/2022")
    at = _select(at, "sa_area", "Kulttuuri")
    assert at.title[0].value == "Income statement of a service area"
    assert list(at.dataframe[0].value.columns) == [
        "Line", "Actual 2021", "Actual 2021 6 mo", "Budget 2022 + changes", "Actual 2022 6 mo", "Remaining", "%",
        "Forecast",
    ]
    at = _select(at, "sa_line", "Henkilöstökulut")
    assert "Kulttuuri" in list(at.dataframe[1].value["Service area"])
    sources = at.dataframe[2].value
    assert {"Scenario", "Year", "Amount", "Source file"} <= set(sources.columns)

    at = _select(_english("overview"), "ov_period", "1–6/2022")
    # TOIMINTAKATE 44,30 % against the elapsed 50,0 %
    assert {m.label: m.delta for m in _committee_metrics(at, "Elinvoimalautakunta (Heinola)")}[
        "Realisation %"] == "-5,7 pp"

    at = _english("quality")
    assert [h.value for h in at.subheader] == [
        "Load log", "Rejected rows", "Findings in the reports' tables", "Great Expectations checks",
        "dbt tests (published build)", "Audit log"]
    load_log = at.dataframe[0].value
    assert {"Source file", "Status", "Rows read"} <= set(load_log.columns)
    assert set(load_log["Status"]) <= {"loaded", "replaced", "unchanged"} and "report" in set(load_log["Kind"])

    at = _english("ask")
    at.text_input(key="ask_question").input("Kultuurin henkilöstökulut")
    _run(at)
    assert at.error[0].value.startswith("Words I did not recognise: ”kultuurin”")
    at.text_input(key="ask_question").input("Kulttuurin henkilöstökulut toteuma ja toteutumaprosentti 2022")
    _run(at)
    answer = at.dataframe[1].value
    # the printed row: TOT 2022 6 kk -376 574, TOT-22 % 59,40 — each value with its own unit, measures in English
    assert sorted(zip(answer["Measure"], answer["Value"], strict=True)) == [
        ("Actual", "-376 574 €"), ("Realisation %", "59,4 %")]
    assert len(at.get("vega_lite_chart")) == 2  # euros and percents never share an axis

    at = _english("compare")
    assert at.title[0].value == "Comparison across years and periods"
    assert "Change from previous year, €" in at.dataframe[0].value.columns

    at = _english("sql")
    assert at.title[0].value == "SQL console" and at.button(key="sql_run").label == "Run"

    at = _select(_english("goals"), "g_year", "2022")
    # 30.6.2022: 14 on track, 3 partly, 1 without information
    assert {"Committee", "Status", "Goals"} == set(at.dataframe[0].value.columns)


def test_ask_page_names_what_it_did_not_understand(served):
    at = _run(page("ask"))
    assert at.text_input(key="ask_question").max_chars == 300  # a pasted page does not come back as one "word"
    for question, shown in [
        ("   ", None),
        ("'; drop table x; --", "”drop”, ”table”, ”x”"),
        ("qwzx plörts", "”qwzx”, ”plörts”"),
        ("Robert'); DROP TABLE Students;--", "”robert”"),
    ]:
        at.text_input(key="ask_question").input(question)
        _run(at)
        if shown is None:  # nothing asked: the help, no error
            assert not at.error and "Kulttuurin henkilöstökulut" in at.caption[0].value
        else:
            assert shown in at.error[0].value, (question, at.error[0].value)
    # only a town and a year: the committees' operating margin of that year, defaults said so (the town: Lapua's
    # minutes hold 2022 too)
    at.text_input(key="ask_question").input("Heinolan 2022")
    _run(at)
    understood = {r.iloc[0]: r.iloc[1] for _, r in at.dataframe[0].value.iterrows()}
    assert understood["Vuosi"] == "2022"
    assert understood["Rivi"] == "Toimintakate (oletus)"
    answer = at.dataframe[1].value
    # TOIMINTAKATE TOT 1–6/2022 of Elinvoimalautakunta
    assert "-2 143 195 €" in list(answer["Arvo"])
    # a year with no report: says there is no data
    at.text_input(key="ask_question").input("1999")
    _run(at)
    assert at.info[0].value == "Ei tietoja valinnoilla."
