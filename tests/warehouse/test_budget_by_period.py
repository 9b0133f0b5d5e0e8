"""rpt_budget_by_period: one point per section × line × year × period, with the budget known then, the elapsed
share of the year and the same months of the previous year. Values typed from the seed report (Heinola,
Elinvoimalautakunta, TALOUSARVION TOTEUTUMINEN, TULOSLASKELMA 6/2022, the committee table)."""

from __future__ import annotations

from decimal import Decimal as D

import duckdb
import pytest

COLUMNS = ("budget_eur", "ytd_actual_eur", "realization_pct", "elapsed_pct", "forecast_eur",
           "prev_year_ytd_actual_eur", "actual_source_count")


@pytest.fixture(scope="module")
def points(built_warehouse) -> dict[tuple, dict]:
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    try:
        rows = con.sql(
            f"select service_area_key, account_key, fiscal_year, period_months, {', '.join(COLUMNS)} "
            "from marts.rpt_budget_by_period"
        ).fetchall()
    finally:
        con.close()
    return {r[:4]: dict(zip(COLUMNS, r[4:], strict=True)) for r in rows}


def test_the_committee_curve_of_the_seed_report(points):
    # TOIMINTAKULUT: TP 2021 -7 438, TOT 2021 (6 kk) -3 442 (1000 €), TA 2022 -8 489 000, TOT 2022 -3 788 493,
    # TOT-22 44,60, TP Ennuste -8 489 000
    key = ("heinola__elinvoimalautakunta", "toimintakulut")
    assert points[(*key, 2022, 6)] == {
        "budget_eur": D("-8489000.00"), "ytd_actual_eur": D("-3788493.00"), "realization_pct": D("44.60"),
        "elapsed_pct": D("50.00"), "forecast_eur": D("-8489000.00"), "prev_year_ytd_actual_eur": D("-3442000.00"),
        "actual_source_count": 1,
    }
    # the previous year's columns are points of their own (no budget printed for 2021)
    assert points[(*key, 2021, 6)]["ytd_actual_eur"] == D("-3442000.00")
    assert points[(*key, 2021, 12)]["ytd_actual_eur"] == D("-7438000.00")
    assert points[(*key, 2021, 12)]["budget_eur"] is None
    assert points[(*key, 2021, 12)]["elapsed_pct"] == D("100.00")


def test_one_point_per_section_line_and_period(points):
    periods = {k[2:] for k in points if k[0] == "heinola__elinvoimalautakunta"}
    assert periods == {(2021, 6), (2021, 12), (2022, 6)}


YMPLA = "reports/lapua/Ympäristölautakunta/{}/Pöytäkirja-Ympäristölautakunta - {}.pdf"


def test_lapua_ymparistolautakunta_over_four_years(points):
    # typed from four reports of the same committee (Menot = toimintakulut, numbers as printed, signs included):
    # 25.01.2022 p. 7 (2021): Talousarvio 2021 353.162, Toteutuma 2021 343.944, 97,4
    # 19.04.2022 p. 6 (1–3/2022): 332.343, 96.998, 29,2
    # 12.09.2023 p. 9 (1–6/2023): 340.000, 164.329, 48,3
    # 29.10.2024 p. 8 (1–9/2024): -391.650, -274.854, 70,2
    key = ("lapua__ymparistolautakunta", "toimintakulut")
    got = {yp: (points[(*key, *yp)]["budget_eur"], points[(*key, *yp)]["ytd_actual_eur"],
                points[(*key, *yp)]["realization_pct"]) for yp in [(2021, 12), (2022, 3), (2023, 6), (2024, 9)]}
    assert got == {
        (2021, 12): (D("353162.00"), D("343944.00"), D("97.40")),
        (2022, 3): (D("332343.00"), D("96998.00"), D("29.20")),
        (2023, 6): (D("340000.00"), D("164329.00"), D("48.30")),
        (2024, 9): (D("-391650.00"), D("-274854.00"), D("70.20")),
    }
    # the same months a year before: 24.10.2023 p. 7, Menot Toteutuma 30.9.2023 -240.525
    assert points[(*key, 2024, 9)]["prev_year_ytd_actual_eur"] == D("-240525.00")
    assert points[(*key, 2024, 9)]["elapsed_pct"] == D("75.00")


def test_lapua_sivistyslautakunta_three_reports_of_2024(points):
    # Toimintakulut *) typed from 21.11.2024 p. 18 (1–9), p. 20 (1–10) and 18.12.2024 p. 9 (1–11):
    # TA 2024 -28.948.150; Tot. 09/2024 -21.394.653 73,9; Tot. 10/2024 -23.737.425 82,0;
    # Tot. 11/2024 -26.239.323 90,6; and the 2023 columns: Tot. 09/2023 -21.702.537, Tot. 11/2023 -26.591.333
    key = ("lapua__sivistyslautakunta", "toimintakulut")
    assert [(points[(*key, 2024, m)]["ytd_actual_eur"], points[(*key, 2024, m)]["realization_pct"])
            for m in (9, 10, 11)] == [
        (D("-21394653.00"), D("73.90")), (D("-23737425.00"), D("82.00")), (D("-26239323.00"), D("90.60"))]
    assert {points[(*key, 2024, m)]["budget_eur"] for m in (9, 10, 11)} == {D("-28948150.00")}
    assert points[(*key, 2024, 9)]["prev_year_ytd_actual_eur"] == D("-21702537.00")
    assert points[(*key, 2024, 11)]["prev_year_ytd_actual_eur"] == D("-26591333.00")
    assert points[(*key, 2024, 10)]["prev_year_ytd_actual_eur"] is None  # no Tot. 10/2023 printed


def test_a_table_printed_in_two_documents_is_one_point_with_both_sources(built_warehouse, points):
    # Ympäristölautakunta's 1–3/2022 table (19.04.2022 p. 6) is printed again in the 30.08.2022 minutes beside
    # the 1–6/2022 one: Menot Toteutuma 31.3.2022 96.998 in both
    first, again = YMPLA.format(2022, "19.04.2022, klo 17_35"), YMPLA.format(2022, "30.08.2022, klo 17_39")
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    try:
        sources = con.sql(
            "select actual_source_count, actual_source_paths from marts.rpt_budget_by_period "
            "where service_area_key = 'lapua__ymparistolautakunta' and account_key = 'toimintakulut' "
            "and fiscal_year = 2022 and period_months = 3"
        ).fetchall()
        reconciliation = con.sql(
            "select kept_amount_eur, kept_source_path, other_amount_eur, other_source_path, is_disagreement "
            "from marts.rpt_source_reconciliation where service_area_key = 'lapua__ymparistolautakunta' "
            "and account_key = 'toimintakulut' and fiscal_year = 2022 and period_months = 3 and scenario = 'actual'"
        ).fetchall()
    finally:
        con.close()
    assert sources == [(2, f"{first}; {again}")]
    assert points[("lapua__ymparistolautakunta", "toimintakulut", 2022, 3)]["ytd_actual_eur"] == D("96998.00")
    assert len(reconciliation) == 1
    kept, kept_path, other, other_path, disagrees = reconciliation[0]
    assert (kept, other, disagrees) == (D("96998.00"), D("96998.00"), False)
    assert {kept_path, other_path} == {first, again}
