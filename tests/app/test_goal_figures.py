"""The Tavoitteet page shows, beside the goals, the seed report's key figures (Tunnusluvut: target against actual
and forecast by year) and its risks as a probability × significance matrix. Expected values typed by hand from
the report text (data/landing/reports/heinola_elinvoimalautakunta_2022_06.txt, lines 1792–1830)."""

from __future__ import annotations

import json

from tests.support import page


def _run(at):
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _goals_2022(lang: str = "fi"):
    at = page("goals")
    at.session_state["lang"] = lang
    at = _run(at)
    box = at.selectbox(key="g_year")
    box.select_index(list(box.options).index("2022"))
    return _run(at)


def _frame_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _chart(at, title: str):
    """The chart with this title, and the rows of every dataset Streamlit sent with it (Arrow IPC)."""
    import pyarrow as pa

    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("title") == title:
            frames = [pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets]
            if chart.proto.data.data:
                frames.append(pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist())
            return spec, [row for rows in frames for row in rows]
    raise AssertionError(f"no chart titled {title!r}")


def test_kpis_target_beside_actual_and_forecast(served):
    at = _goals_2022()
    assert {"Tunnusluvut", "Riskit"} <= {s.value for s in at.subheader}
    kpis = _frame_with(at, "Tunnusluku")
    assert list(kpis.columns) == ["Tunnusluku", "Vuosi", "Toteutuma", "Ennuste", "Tavoite", "Huomautus"]
    assert [tuple(r) for r in kpis.itertuples(index=False)] == [
        ("Nettomenot/asukas", "2020", "199,10 €/as.", "", "", "Toteutuma: ei vertailukelpoinen"),
        ("Nettomenot/asukas", "2021", "", "269,80 €/as.", "", ""),
        ("Nettomenot/asukas", "2022", "", "", "261,80 €/as.", ""),
        ("Tuotot % kuluista", "2020", "43,5 %", "", "", "Toteutuma: ei vertailukelpoinen"),
        ("Tuotot % kuluista", "2021", "", "39,5 %", "", ""),
        ("Tuotot % kuluista", "2022", "", "", "42,95 %", ""),
    ]
    _, rows = _chart(at, "Nettomenot/asukas (€/as.): tavoite, toteutuma ja ennuste vuosittain")
    bars = sorted((r["value_year"], r["kind"], r["value"]) for r in rows)
    assert bars == [("2020", "Toteutuma", 199.1), ("2021", "Ennuste", 269.8), ("2022", "Tavoite", 261.8)]


def test_risks_as_a_matrix_and_a_table(served):
    at = _goals_2022()
    risks = _frame_with(at, "Tunnistettu riski")
    assert [tuple(r) for r in risks[["Tunnistettu riski", "Todennäköisyys", "Merkittävyys", "Riskiarvo"]]
            .itertuples(index=False)] == [
        ("Koronan vaikutukset", "2", "3", "6 (laskettu)"),
        ("Henkilöstöriskit", "1", "1", "1 (laskettu)"),
    ]
    assert risks.iloc[0]["Hallintakeino"] == "Varasuunnitelmat, kustannusten hallinta, ennakointi."
    _, rows = _chart(at, "Riskimatriisi: todennäköisyys × merkittävyys")
    placed = {(r["p"], r["s"]): r["risks"] for r in rows if r.get("risks")}
    assert placed == {(2, 3): "Koronan vaikutukset", (1, 1): "Henkilöstöriskit"}
    cells = [r for r in rows if not r.get("risks")]
    assert len(cells) == 25 and {(c["p"], c["s"], c["value"]) for c in cells if c["p"] == 5} == {
        (5, s, 5 * s) for s in range(1, 6)}


def test_kpis_and_risks_in_english(served):
    at = _goals_2022("en")
    assert {"Key figures", "Risks"} <= {s.value for s in at.subheader}
    kpis = _frame_with(at, "Indicator")
    assert list(kpis.columns) == ["Indicator", "Year", "Actual", "Forecast", "Target", "Note"]
    assert kpis.iloc[0]["Actual"] == "199,10 €/inhabitant"
    _chart(at, "Risk matrix: probability × significance")
    assert _frame_with(at, "Identified risk").iloc[0]["Risk value"] == "6 (computed)"


def test_a_year_with_key_figures_but_no_goal_register_is_offered(served):
    """Kauhava's annual report 2024 prints the group's four key figures (text lines 1577–1581: TA2024, TP2024,
    TP2023, TP2022) but no goal register: 2024 is still a year to choose, and its figures show with their bounds."""
    at = _run(page("goals"))
    box = at.selectbox(key="g_year")
    assert {"2024", "2022"} <= set(box.options)
    box.select_index(list(box.options).index("2024"))
    at = _run(at)
    assert "Vuodelta 2024 ei ole tavoitteita (valinnoilla)." in [i.value for i in at.info]
    kpis = _frame_with(at, "Tunnusluku")
    shown = {(r["Tunnusluku"], r["Vuosi"]): (r["Toteutuma"], r["Tavoite"]) for _, r in kpis.iterrows()}
    assert len(shown) == 12  # four indicators × three years
    assert shown[("Konsernin vuosikate poistoista, %:a", "2024")] == ("142,8 %", "yli 80 %")
    assert shown[("Konsernin omavaraisuusaste, %:a", "2022")] == ("26,0 %", "")
    assert shown[("Konsernin lainat ja vuokravastuut, €/asukas", "2024")] == ("9 716 €/as.", "alle 12 000 €/as.")
    assert shown[("Konsernin laskennallinen lainanhoitokate", "2023")] == ("1,0", "")
    assert shown[("Konsernin laskennallinen lainanhoitokate", "2024")] == ("0,9", "yli 0,8")
