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
