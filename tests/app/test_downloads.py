"""What the download buttons hand out: the exact numbers as CSV and as an XLSX workbook Excel opens."""

from __future__ import annotations

import io

import openpyxl

from app import ui
from app.query import db, queries


def test_csv_and_xlsx_carry_the_printed_numbers(served):
    frame = db.fetch(
        queries.AREA_STATEMENT_SQL.format(table="marts.rpt_income_statement"),
        {"key": "heinola__kulttuuri", "year": 2022, "period": 6},
    )
    csv = ui.csv_bytes(frame).decode("utf-8").splitlines()
    header = csv[0].split(",")
    row = next(line.split(",") for line in csv if ",Henkilöstökulut," in line)
    assert row[header.index("ytd_actual_eur")] == "-376574.00"
    assert row[header.index("budget_eur")] == "-634300.00"

    sheet = openpyxl.load_workbook(io.BytesIO(ui.xlsx_bytes(frame))).active
    cells = list(sheet.iter_rows(values_only=True))
    header = list(cells[0])
    row = next(r for r in cells if r[header.index("line_item")] == "Henkilöstökulut")
    assert row[header.index("ytd_actual_eur")] == -376574
    assert row[header.index("realization_pct")] == 59.4
    assert row[header.index("remaining_eur")] == -257726


def test_a_list_column_downloads_as_one_readable_cell(served):
    # Kauhava's toimintakate is printed "Toimintakate/Jäämä", Heinola's "TOIMINTAKATE" (seeds/account_labels.csv)
    frame = db.fetch("select account_key, printed_labels from marts.dim_account where account_key = 'toimintakate'")
    assert ui.csv_bytes(frame).decode("utf-8").splitlines() == [
        "account_key,printed_labels", "toimintakate,TOIMINTAKATE; Toimintakate/Jäämä"]
    sheet = openpyxl.load_workbook(io.BytesIO(ui.xlsx_bytes(frame))).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("account_key", "printed_labels"), ("toimintakate", "TOIMINTAKATE; Toimintakate/Jäämä")]
