"""Vertailu across years and towns: periods of different length are never joined by one line, and the difference
to the first section is shown in euros and in percentage points. Values typed from the seed report (Heinola,
Elinvoimalautakunta 6/2022)."""

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


def _chart(at):
    proto = at.get("vega_lite_chart")[0].proto
    data = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in proto.datasets}
    spec = json.loads(proto.spec)
    return spec, data[spec["data"]["name"]]


def test_periods_of_different_length_are_separate_lines(served):
    at = _select(_run(page("compare")), "cmp_area", "Kulttuuri (Heinola)")
    at = _select(at, "cmp_line", "Henkilöstökulut")
    spec, rows = _chart(at)
    # years across; a line is one series, and a series is one period length: 1–6/2021 → 1–6/2022 joined,
    # 1–12/2021 a point of its own
    assert spec["encoding"]["x"]["field"] == "year"
    series = {}
    for row in rows:
        series.setdefault(row["series"], []).append((row["year"], row["value"]))
    assert series == {"6 kk": [("2021", -267000.0), ("2022", -376574.0)], "12 kk": [("2021", -666000.0)]}
    assert spec["encoding"]["strokeDash"]["field"] == "length"


def test_two_sections_side_by_side_with_differences(served):
    at = _select(_run(page("compare")), "cmp_area", "Kulttuuri (Heinola)")
    at = _select(at, "cmp_line", "Toimintakulut")
    at.multiselect(key="cmp_others").select("Elinvoimalautakunnan toimiala (Heinola)")
    at = _run(at)
    table = at.dataframe[0].value
    row = table[(table["Kausi"] == "1–6/2022") & (table["Palvelualue"] == "Elinvoimalautakunnan toimiala (Heinola)")]
    assert len(row) == 1
    row = row.iloc[0]
    # Toimintakulut TOT 2022: committee -3 788 493 (44,60 %), Kulttuuri -672 311 (47,70 %)
    assert row["Toteuma"] == "-3 788 493 €"
    assert row["Ero: Kulttuuri (Heinola)"] == "-3 116 182 €"
    assert row["Toteutuma-%:n ero, %-yks."] == "-3,1 %-yks."
    _, rows = _chart(at)
    assert {r["series"] for r in rows} == {
        "Kulttuuri (Heinola) · 6 kk", "Kulttuuri (Heinola) · 12 kk",
        "Elinvoimalautakunnan toimiala (Heinola) · 6 kk", "Elinvoimalautakunnan toimiala (Heinola) · 12 kk"}
