"""End to end: data/landing → `kuntatalous build` → the seed report's KPI table (Tunnusluvut) and risk table
(Riskienhallinta) exact in the marts. Every expected value typed by hand from the report text
(data/landing/reports/heinola_elinvoimalautakunta_2022_06.txt, lines 1792–1830)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest

NETTOMENOT, TUOTOT = "Nettomenot/asukas", "Tuotot % kuluista"
NOT_COMPARABLE = "ei vertailukelpoinen"
PATH = "reports/heinola_elinvoimalautakunta_2022_06.txt"


@pytest.fixture(scope="module")
def served(built_warehouse):
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    yield con
    con.close()


def test_fact_kpi_two_indicators_three_columns_with_qualifiers(served):
    rows = served.sql(
        "select indicator, value_year, value_kind, value, unit, qualifier, is_comparable, column_label, printed_text,"
        " reported_at, source_path, source_row from marts.fact_kpi where municipality = 'Heinola'"
        " order by indicator, value_year"
    ).fetchall()
    june = date(2022, 6, 30)
    assert rows == [
        (NETTOMENOT, 2020, "actual", Decimal("199.10"), "EUR per inhabitant", NOT_COMPARABLE, False,
         "Toteutuma 2020", "199,10€", june, PATH, 1798),
        (NETTOMENOT, 2021, "forecast", Decimal("269.80"), "EUR per inhabitant", None, True, "Ennuste 2021",
         "269,80€", june, PATH, 1801),
        (NETTOMENOT, 2022, "target", Decimal("261.80"), "EUR per inhabitant", None, True, "Tavoite 2022",
         "261,80€", june, PATH, 1801),
        (TUOTOT, 2020, "actual", Decimal("43.5"), "PCT", NOT_COMPARABLE, False, "Toteutuma 2020", "43,5%", june,
         PATH, 1803),
        (TUOTOT, 2021, "forecast", Decimal("39.5"), "PCT", None, True, "Ennuste 2021", "39,5%", june, PATH, 1806),
        (TUOTOT, 2022, "target", Decimal("42.95"), "PCT", None, True, "Tavoite 2022", "42,95%", june, PATH, 1806),
    ]


def test_dim_kpi_one_row_per_indicator(served):
    assert served.sql(
        "select kpi_key, committee, indicator, unit, first_year, last_year from marts.dim_kpi"
        " where municipality = 'Heinola' order by indicator"
    ).fetchall() == [
        (f"Heinola|Elinvoimalautakunta|{NETTOMENOT}", "Elinvoimalautakunta", NETTOMENOT, "EUR per inhabitant",
         2020, 2022),
        (f"Heinola|Elinvoimalautakunta|{TUOTOT}", "Elinvoimalautakunta", TUOTOT, "PCT", 2020, 2022),
    ]


def test_kpis_by_year_target_beside_actual_and_forecast(served):
    rows = served.sql(
        "select indicator, value_year, actual_value, forecast_value, target_value, actual_qualifier,"
        " actual_minus_target from marts.rpt_kpi_by_year where municipality = 'Heinola'"
        " order by indicator, value_year"
    ).fetchall()
    assert rows == [
        (NETTOMENOT, 2020, Decimal("199.10"), None, None, NOT_COMPARABLE, None),
        (NETTOMENOT, 2021, None, Decimal("269.80"), None, None, None),
        (NETTOMENOT, 2022, None, None, Decimal("261.80"), None, None),
        (TUOTOT, 2020, Decimal("43.5"), None, None, NOT_COMPARABLE, None),
        (TUOTOT, 2021, None, Decimal("39.5"), None, None, None),
        (TUOTOT, 2022, None, None, Decimal("42.95"), None, None),
    ]


def test_fact_risk_two_risks_ranked(served):
    rows = served.sql(
        "select risk, probability, significance, risk_value, risk_value_printed, rank_in_report, mitigation,"
        " responsible, reported_at, source_path, source_row from marts.fact_risk where municipality = 'Heinola'"
        " order by rank_in_report"
    ).fetchall()
    june = date(2022, 6, 30)
    assert rows == [
        ("Koronan vaikutukset", 2, 3, 6, False, 1, "Varasuunnitelmat, kustannusten hallinta, ennakointi.", None,
         june, PATH, 1813),
        ("Henkilöstöriskit", 1, 1, 1, False, 2,
         "Rekrytointipanostukset, esimiestyö, henkilöstön tyytyväisyys, sijaisuusjärjestelyt, panostus jaksamiseen.",
         None, june, PATH, 1823),
    ]
    assert served.sql("select risk_key, risk from marts.dim_risk where municipality = 'Heinola' order by risk"
                      ).fetchall() == [
        ("Heinola|Elinvoimalautakunta|Henkilöstöriskit", "Henkilöstöriskit"),
        ("Heinola|Elinvoimalautakunta|Koronan vaikutukset", "Koronan vaikutukset"),
    ]


def test_goals_reach_the_marts_from_the_report_alone(served, built_warehouse):
    assert not any((built_warehouse.landing / "goals").glob("*.csv"))
    assert served.sql(
        "select goal_level, count(*) from marts.dim_goal where municipality = 'Heinola' group by all order by 1"
    ).fetchall() == [("operational", 12), ("strategic", 6)]
    assert served.sql(
        "select count(*), count(distinct source_path) from marts.fact_goal where municipality = 'Heinola'"
    ).fetchall() == [(30, 1)]


def test_group_targets_against_actuals_across_years(served):
    # Kauhava TP 2024 (PDF page 58): Konsernin vuosikate poistoista, %:a — TA2024 yli 80; TP2024 142,8, TP2023 123,8,
    # TP2022 133,5; Konsernin lainat ja vuokravastuut, €/asukas — TA2024 alle 12.000; TP 9.716, 9.228, 11.258
    rows = served.sql(
        "select indicator, value_year, actual_value, target_value, target_qualifier, actual_minus_target"
        " from marts.rpt_kpi_by_year where municipality = 'Kauhava' and indicator in"
        " ('Konsernin vuosikate poistoista, %:a', 'Konsernin lainat ja vuokravastuut, €/asukas')"
        " order by indicator, value_year"
    ).fetchall()
    assert rows == [
        ("Konsernin lainat ja vuokravastuut, €/asukas", 2022, Decimal(11258), None, None, None),
        ("Konsernin lainat ja vuokravastuut, €/asukas", 2023, Decimal(9228), None, None, None),
        ("Konsernin lainat ja vuokravastuut, €/asukas", 2024, Decimal(9716), Decimal(12000), "alle",
         Decimal(-2284)),
        ("Konsernin vuosikate poistoista, %:a", 2022, Decimal("133.5"), None, None, None),
        ("Konsernin vuosikate poistoista, %:a", 2023, Decimal("123.8"), None, None, None),
        ("Konsernin vuosikate poistoista, %:a", 2024, Decimal("142.8"), Decimal(80), "yli", Decimal("62.8")),
    ]
    assert served.sql("select count(*), count(distinct kpi_key) from marts.fact_kpi where municipality = 'Kauhava'"
                      ).fetchall() == [(16, 4)]
