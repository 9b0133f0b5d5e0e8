"""rpt_operating_margin: the toimintakate of every committee and service area — as printed, or summed from its
parts where the report prints only those (Kauhava's committee tables)."""

from __future__ import annotations

from decimal import Decimal as D

import duckdb
import pytest


def _rows(built_warehouse, sql: str) -> list[tuple]:
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def margins(built_warehouse) -> dict[tuple, tuple]:
    rows = _rows(built_warehouse,
                 "select service_area_key, fiscal_year, period_months, budget_eur, ytd_actual_eur, remaining_eur, "
                 "realization_pct, forecast_eur, is_computed from marts.rpt_operating_margin")
    return {r[:3]: r[3:] for r in rows}


def test_a_printed_margin_is_kept_as_printed(margins):
    # Heinola Elinvoimalautakunta 1–6/2022: TOIMINTAKATE -4 842 600 / -2 143 195 / -2 699 405 / 44,30 / -4 842 600
    assert margins[("heinola__elinvoimalautakunta", 2022, 6)] == (
        D("-4842600.00"), D("-2143195.00"), D("-2699405.00"), D("44.30"), D("-4842600.00"), False)


def test_a_margin_the_report_does_not_print_is_the_sum_of_its_parts(margins):
    # Kauhava TP 2024, Elämänlaatulautakunta: TOIMINTATUOTOT 464 250 / 463 437 and TOIMINTAKULUT -3 085 660 /
    # -2 978 383 (TA muutosten jälkeen / Toteutuma), no toimintakate line and no forecast column
    key = next(k for k in margins if k[0].startswith("kauhava__") and k[0].endswith("elamanlaatulautakunta")
               and k[1:] == (2024, 12))
    assert margins[key] == (D("-2621410.00"), D("-2514946.00"), D("-106464.00"), D("95.90"), None, True)


def test_every_committee_has_a_margin(built_warehouse, margins):
    committees = _rows(
        built_warehouse,
        "select distinct service_area_key, fiscal_year, period_months from marts.rpt_income_statement "
        "where section_level = 'committee' and account_key in ('toimintatuotot', 'toimintakulut', 'toimintakate')",
    )
    assert len(committees) >= 9  # Heinola's one committee, Kauhava's eight
    assert [c for c in committees if c not in margins] == []
