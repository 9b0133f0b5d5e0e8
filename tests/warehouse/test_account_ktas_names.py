"""dim_account's KTAS columns: seeds/ktas_line_codes.csv says which KTAS line a line is, and the names come from
the State Treasury's own file (seeds/ktas_line_items.csv), the only place the names are kept. Expected values typed
from /work/shared/data/valtiokonttori_ktas/ktas_line_items_fi_sv_en.csv (taxonomy jhs-2019-03)."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def ktas(built_warehouse) -> dict[str, tuple]:
    con = duckdb.connect(str(built_warehouse.served_db), read_only=True)
    try:
        rows = con.sql("select account_key, ktas_code, ktas_name_fi, ktas_name_en from marts.dim_account").fetchall()
    finally:
        con.close()
    return {key: rest for key, *rest in rows}


@pytest.mark.parametrize(("line", "expected"), [
    ("henkilostokulut", ("473", "Henkilöstömenot", "Staff expenditure")),
    ("toimintatuotot", ("16", "Toimintatulot", "Operating income")),
    ("aineet_tarvikkeet_ja_tavarat", ("4", "Aineet, tarvikkeet ja tavarat", "Raw materials and consumables")),
    ("rahoitustuotot_ja_kulut", ("45", "Rahoitustulot (+) ja -menot (-)", "Financial revenue (+) and expenditure (-)")),
    ("tilikauden_ylijaama", ("1098", "TILIKAUDEN YLIJÄÄMÄ (ALIJÄÄMÄ)", "Surplus for the financial year(deficit)")),
    ("investointimenot", ("176610", "Investointimenot yhteensä (brutto)", "Investment expenditure, total (gross)")),
])
def test_a_line_carries_the_official_ktas_code_and_names(ktas, line, expected):
    assert tuple(ktas[line]) == expected


def test_a_line_without_a_ktas_counterpart_has_no_ktas_names(ktas):
    # KTAS has one line for all appropriations (Tilinpäätössiirrot); the statement's Poistoeron muutos has none
    assert tuple(ktas["poistoeron_muutos"]) == (None, None, None)
