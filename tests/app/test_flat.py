"""Nested values in flat formats (CSV, XLSX): a list is its values joined by `; `, a map its entries and a struct
its fields as `name: value`; decimals inside stay exact. Expected cells typed by hand."""

from __future__ import annotations

import duckdb

from app.query.flat import flat


def _one_row(sql: str) -> dict:
    con = duckdb.connect()
    try:
        return flat(con.sql(sql).pl()).row(0, named=True)
    finally:
        con.close()


def test_lists_become_their_values_joined_by_semicolons():
    row = _one_row(
        "select ['Heinolan kaupunki', 'Heinola'] as names, []::varchar[] as empty, null::varchar[] as missing, "
        "[1.50::decimal(18, 2), null, -2.00] as money, [1, 2]::integer[2] as fixed, [[1, 2], [3]] as nested"
    )
    assert row == {"names": "Heinolan kaupunki; Heinola", "empty": "", "missing": None, "money": "1.50; -2.00",
                   "fixed": "1; 2", "nested": "[1; 2]; [3]"}


def test_maps_and_structs_name_their_values():
    row = _one_row(
        "select map {'TA': 1, 'TOT': null} as m, {'code': 'HEI', 'level': 2} as s, null::struct(code varchar) as n, "
        "[{'code': 'HEI', 'level': null}] as listed"
    )
    assert row == {"m": "TA: 1; TOT: ", "s": "code: HEI, level: 2", "n": None, "listed": "code: HEI, level: "}


def test_flat_columns_are_left_as_they_are():
    con = duckdb.connect()
    try:
        frame = con.sql("select -376574.00::decimal(18, 2) as eur, date '2022-06-30' as day, 'Kulttuuri' as area").pl()
    finally:
        con.close()
    assert flat(frame).equals(frame)
    assert flat(frame).schema == frame.schema
