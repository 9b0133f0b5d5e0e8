"""The seed report's KPI table (Tunnusluvut, lines 1792–1806) and risk table (Riskienhallinta, lines 1807–1830),
read from its text; every expected value typed by hand from the report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests_extract_support import HEINOLA

from ingestion.extract.kpis import read_kpi_tables
from ingestion.extract.risks import read_risk_tables
from ingestion.extract.text import printed_lines

JUNE = date(2022, 6, 30)


def test_kpis_two_indicators_three_columns_qualifiers_kept():
    findings = []
    rows = read_kpi_tables(HEINOLA.name, printed_lines(HEINOLA), findings=findings)
    got = [(r.indicator, r.column_label, r.value_kind, r.year, r.value, r.unit, r.qualifier, r.printed_text,
            r.source_line) for r in rows]
    assert got == [
        ("Nettomenot/asukas", "Toteutuma 2020", "actual", 2020, Decimal("199.10"), "EUR per inhabitant",
         "ei vertailukelpoinen", "199,10€", 1798),
        ("Nettomenot/asukas", "Ennuste 2021", "forecast", 2021, Decimal("269.80"), "EUR per inhabitant", None,
         "269,80€", 1801),
        ("Nettomenot/asukas", "Tavoite 2022", "target", 2022, Decimal("261.80"), "EUR per inhabitant", None,
         "261,80€", 1801),
        ("Tuotot % kuluista", "Toteutuma 2020", "actual", 2020, Decimal("43.5"), "PCT", "ei vertailukelpoinen",
         "43,5%", 1803),
        ("Tuotot % kuluista", "Ennuste 2021", "forecast", 2021, Decimal("39.5"), "PCT", None, "39,5%", 1806),
        ("Tuotot % kuluista", "Tavoite 2022", "target", 2022, Decimal("42.95"), "PCT", None, "42,95%", 1806),
    ]
    assert {(r.municipality, r.committee, r.reported_at) for r in rows} == {("Heinola", "Elinvoimalautakunta", JUNE)}
    assert findings == []


def test_risks_two_rows_with_probability_significance_and_mitigation():
    findings = []
    rows = read_risk_tables(HEINOLA.name, printed_lines(HEINOLA), findings=findings)
    got = [(r.risk, r.probability, r.significance, r.risk_value, r.risk_value_printed, r.mitigation, r.responsible,
            r.source_line) for r in rows]
    assert got == [
        ("Koronan vaikutukset", 2, 3, 6, False, "Varasuunnitelmat, kustannusten hallinta, ennakointi.", None, 1813),
        ("Henkilöstöriskit", 1, 1, 1, False,
         "Rekrytointipanostukset, esimiestyö, henkilöstön tyytyväisyys, sijaisuusjärjestelyt, panostus jaksamiseen.",
         None, 1823),
    ]
    assert {(r.municipality, r.committee, r.reported_at) for r in rows} == {("Heinola", "Elinvoimalautakunta", JUNE)}
    assert findings == []


def test_a_printed_risk_value_that_is_not_the_product_is_kept_and_reported(tmp_path):
    lines = [" Elinvoimalautakunnan toimiala ", "Heinolan kaupunki 1-6/2022", " Riskienhallinta ", "",
             "Tunnistettu riski Riskiarvo Hallintakeino Vastuu ", "",
             "Tulvat Todennäköisyys: 2 ", "Merkittävyys: 4 ", "Riskiarvo: 9 ", "", "Padot. ", "", "Tekninen johtaja "]
    findings = []
    rows = read_risk_tables("test.txt", lines, "Heinola", findings=findings)
    assert [(r.risk, r.risk_value, r.risk_value_printed, r.mitigation, r.responsible) for r in rows] == [
        ("Tulvat", 9, True, "Padot.", "Tekninen johtaja")]
    assert [str(f) for f in findings] == [
        "test.txt:7: risk table: 'Tulvat' prints risk value 9 but 2 × 4 = 8; the printed value is kept"]
