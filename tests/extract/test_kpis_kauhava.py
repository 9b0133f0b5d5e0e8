"""Kauhava's annual report 2024 prints the targets the council set for the whole group with their realisation
(PDF page 58, printed 57/157, typed by hand from the page image):

    Konsernille asetetut tavoitteet                 TA2024   TP2024  TP2023  TP2022
    Konsernin vuosikate poistoista, %:a             yli 80    142,8   123,8   133,5
    Konsernin omavaraisuusaste, %:a                 yli 25     31,9    32,2    26,0
    Konsernin lainat ja vuokravastuut, €/asukas  alle 12.000  9.716   9.228  11.258
    Konsernin laskennallinen lainanhoitokate        yli 0,8     0,9     1,0     0,9
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests_extract_support import KAUHAVA_PDF, KAUHAVA_TEXT

from ingestion.extract.kpis import read_kpi_tables
from ingestion.extract.text import printed_lines

D = Decimal
VUOSIKATE = "Konsernin vuosikate poistoista, %:a"
OMAVARAISUUS = "Konsernin omavaraisuusaste, %:a"
LAINAT = "Konsernin lainat ja vuokravastuut, €/asukas"
LAINANHOITO = "Konsernin laskennallinen lainanhoitokate"
TYPED = [
    (VUOSIKATE, "TA2024", "target", 2024, D("80"), "PCT", "yli"),
    (VUOSIKATE, "TP2024", "actual", 2024, D("142.8"), "PCT", None),
    (VUOSIKATE, "TP2023", "actual", 2023, D("123.8"), "PCT", None),
    (VUOSIKATE, "TP2022", "actual", 2022, D("133.5"), "PCT", None),
    (OMAVARAISUUS, "TA2024", "target", 2024, D("25"), "PCT", "yli"),
    (OMAVARAISUUS, "TP2024", "actual", 2024, D("31.9"), "PCT", None),
    (OMAVARAISUUS, "TP2023", "actual", 2023, D("32.2"), "PCT", None),
    (OMAVARAISUUS, "TP2022", "actual", 2022, D("26.0"), "PCT", None),
    (LAINAT, "TA2024", "target", 2024, D("12000"), "EUR per inhabitant", "alle"),
    (LAINAT, "TP2024", "actual", 2024, D("9716"), "EUR per inhabitant", None),
    (LAINAT, "TP2023", "actual", 2023, D("9228"), "EUR per inhabitant", None),
    (LAINAT, "TP2022", "actual", 2022, D("11258"), "EUR per inhabitant", None),
    (LAINANHOITO, "TA2024", "target", 2024, D("0.8"), "count", "yli"),
    (LAINANHOITO, "TP2024", "actual", 2024, D("0.9"), "count", None),
    (LAINANHOITO, "TP2023", "actual", 2023, D("1.0"), "count", None),
    (LAINANHOITO, "TP2022", "actual", 2022, D("0.9"), "count", None),
]


@pytest.mark.parametrize("source", [KAUHAVA_TEXT, KAUHAVA_PDF], ids=["pdftotext", "pdf"])
def test_group_targets_and_their_realisation(source):
    if not source.exists():
        pytest.fail(f"the Kauhava reference document is missing: {source}")
    findings = []
    rows = read_kpi_tables(source.name, printed_lines(source), findings=findings)
    assert [(r.indicator, r.column_label, r.value_kind, r.year, r.value, r.unit, r.qualifier) for r in rows] == TYPED
    assert {(r.municipality, r.committee, r.reported_at) for r in rows} == {
        ("Kauhava", "Konsernille asetetut tavoitteet", date(2024, 12, 31))}
    # the capacity tables (Kapasiteettitiedot TP2021 … TP2024) print actuals only: statistics, not KPIs
    assert findings == []


def test_a_space_that_may_group_thousands_or_separate_columns():
    lines = ["Heinolan kaupunki 1-12/2023", "Heinola", "Tavoitteet TA2023 TP2023 TP2022",
             "Yritysten lukumäärä 1 600 1 546 1 542", "Tukien määrä, € 252 498 693 747 155 549"]
    findings = []
    rows = read_kpi_tables("t.txt", lines, "Heinola", findings)
    assert [(r.indicator, r.year, r.value_kind, r.value) for r in rows] == [
        ("Yritysten lukumäärä", 2023, "target", D("1600")), ("Yritysten lukumäärä", 2023, "actual", D("1546")),
        ("Yritysten lukumäärä", 2022, "actual", D("1542")),
        ("Tukien määrä, €", 2023, "target", D("252498")), ("Tukien määrä, €", 2023, "actual", D("693747")),
        ("Tukien määrä, €", 2022, "actual", D("155549")),
    ]
    # "1 600 1 546 1 542" reads only one way into three columns; the euro row several ways
    assert [f.line for f in findings] == [5]
