"""Kehitys (the realization curve) driven through its widgets; the numbers it shows are typed from the printed
reports."""

from __future__ import annotations

import json

import pyarrow as pa

from tests.support import page


def _run(at):
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _select(at, key, label):
    box = at.selectbox(key=key)
    box.select_index(list(box.options).index(label))
    return _run(at)


def _chart(at, index=0):
    """The chart's Vega-Lite spec and its datasets (sent beside the spec as Arrow) by name."""
    proto = at.get("vega_lite_chart")[index].proto
    data = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in proto.datasets}
    return json.loads(proto.spec), data


def test_heinola_committee_curve_and_table(served):
    at = _run(page("trend"))
    at = _select(at, "dev_committee", "Elinvoimalautakunta (Heinola)")
    at = _select(at, "dev_line", "Toimintakulut")
    at = _select(at, "dev_year", "2022")
    table = at.dataframe[0].value
    # the seed report's committee table, TOIMINTAKULUT: TA 2022 -8 489 000, TOT 2022 -3 788 493, 44,60 %,
    # TOT 2021 (6 kk) -3 442 (1000 €), TP 2021 -7 438 (1000 €)
    assert list(table["Kausi"]) == ["1–6/2022", "1–12/2021", "1–6/2021"]
    first = table.iloc[0]
    assert (first["Talousarvio"], first["Toteuma"], first["Toteutuma-%"], first["Vuodesta kulunut"]) == (
        "-8 489 000 €", "-3 788 493 €", "44,6 %", "50,0 %")
    assert first["Ero kuluneeseen"] == "-5,4 %-yks."
    assert first["Ed. vuoden sama kausi"] == "-3 442 000 €"
    assert table.iloc[1]["Toteuma"] == "-7 438 000 €"
    spec, data = _chart(at)
    # the reference lines (budget and the even pace), their labels, then the actual curves with points
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "text", "line"]
    curves = data[spec["layer"][2]["data"]["name"]]
    assert {(c["series"], c["period_months"], c["eur"]) for c in curves} == {
        ("2022", 6, -3788493.0), ("2021", 6, -3442000.0), ("2021", 12, -7438000.0)}
    references = data[spec["layer"][0]["data"]["name"]]
    assert {(r["series"], r["period_months"], r["eur"]) for r in references} == {
        ("TA 2022", 0, -8489000.0), ("TA 2022", 12, -8489000.0),
        ("Tasainen toteutuma 2022", 0, 0.0), ("Tasainen toteutuma 2022", 12, -8489000.0)}
    # small multiples of every unit of the committee
    facets, data = _chart(at, 1)
    units = {row["name"] for row in data[facets["data"]["name"]]}
    assert "Kulttuuri" in units and "Työllisyyspalvelut" in units


def test_an_earlier_year_and_a_unit(served):
    at = _run(page("trend"))
    at = _select(at, "dev_committee", "Elinvoimalautakunta (Heinola)")
    at = _select(at, "dev_unit", "Kulttuuri")
    at = _select(at, "dev_line", "Toimintakate")
    at = _select(at, "dev_year", "2021")
    table = at.dataframe[0].value
    # KULTTUURI TOIMINTAKATE: TP 2021 -812, TOT 2021 -369 (1000 €); no budget printed for 2021
    assert list(table["Kausi"]) == ["1–12/2021", "1–6/2021"]
    assert list(table["Toteuma"]) == ["-812 000 €", "-369 000 €"]
    assert list(table["Talousarvio"]) == ["", ""]
    assert len(at.get("vega_lite_chart")) == 1  # a unit has no small multiples


def test_english(served):
    at = page("trend")
    at.session_state["lang"] = "en"
    at = _run(at)
    assert at.title[0].value == "Trend: the budget through the year"
    assert "Period" in at.dataframe[0].value.columns


def test_lapua_sivistyslautakunta_this_year_over_last(served):
    at = _select(_run(page("trend")), "dev_committee", "Sivistyslautakunta (Lapua)")
    at = _select(at, "dev_line", "Toimintakulut")
    at = _select(at, "dev_year", "2024")
    table = at.dataframe[0].value
    # Toimintakulut *) typed from 21.11.2024 p. 18 and p. 20, 18.12.2024 p. 9: Tot. 09/2024 -21.394.653 73,9;
    # Tot. 10/2024 -23.737.425 82,0; Tot. 11/2024 -26.239.323 90,6 (TA 2024 -28.948.150); TP 2023 -29.250.652,
    # Tot. 11/2023 -26.591.333, Tot. 09/2023 -21.702.537
    assert list(table["Kausi"]) == ["1–11/2024", "1–10/2024", "1–9/2024", "1–12/2023", "1–11/2023", "1–9/2023"]
    assert list(table["Toteuma"]) == ["-26 239 323 €", "-23 737 425 €", "-21 394 653 €", "-29 250 652 €",
                                      "-26 591 333 €", "-21 702 537 €"]
    assert list(table["Toteutuma-%"])[:3] == ["90,6 %", "82,0 %", "73,9 %"]
    assert list(table["Talousarvio"])[:3] == ["-28 948 150 €"] * 3
    assert table.iloc[0]["Ed. vuoden sama kausi"] == "-26 591 333 €"
    assert list(table["Vuodesta kulunut"])[:3] == ["91,7 %", "83,3 %", "75,0 %"]
    spec, data = _chart(at)
    curves = data[spec["layer"][2]["data"]["name"]]
    assert sorted((c["series"], c["period_months"], c["eur"]) for c in curves if c["series"] == "2024") == [
        ("2024", 9, -21394653.0), ("2024", 10, -23737425.0), ("2024", 11, -26239323.0)]
    # the committee's units as small multiples (realization % of each unit's own budget)
    facets, data = _chart(at, 1)
    units = {(r["name"], r["period_months"], r["pct"]) for r in data[facets["data"]["name"]] if r["series"] == "2024"}
    # opetustoiminta: Toimintakulut *) Tot-% 78,5 (1–9/2024, p. 18)
    assert ("Opetustoiminta", 9, 78.5) in units


def test_a_number_whose_table_had_findings_says_why(served):
    at = _select(_run(page("trend")), "dev_committee", "Ympäristölautakunta (Lapua)")
    at = _select(at, "dev_line", "Toimintakulut")
    at = _select(at, "dev_year", "2023")
    table = at.dataframe[0].value
    row = table[table["Kausi"] == "1–9/2023"].iloc[0]
    # 24.10.2023 p. 7 prints Menot Talousarvio 2023 340.000, Toteutuma 30.9.2023 -240.525 and Tot-% 70,7: the
    # signs contradict the percentage
    assert row["Toteuma"] == "-240 525 €"
    assert row["Huom."].startswith("⚠") and "Tot-% printed 70,7" in row["Huom."]
    spec, data = _chart(at)
    marked = {(c["series"], c["period_months"]) for c in data[spec["layer"][2]["data"]["name"]] if c["mark"]}
    assert ("2023", 9) in marked
