"""Lapua's minutes: follow-up tables among other agenda items, dot thousands, zero-width spaces, signs apart
from their numbers, running page headers inside tables, and printed numbers that contradict each other.

The expected values are typed by hand from the PDFs (page numbers as printed); the transcription of whole
tables lives in tests/extract/lapua_expected/ (another hand)."""

from __future__ import annotations

import csv
import os
from collections import Counter
from decimal import Decimal

import pytest
from tests_extract_support import LAPUA_DIR

from ingestion.extract import ExtractError, extract
from tests.support import kuntatalous

SIVLA = LAPUA_DIR / "Sivistyslautakunta" / "2024" / "Pöytäkirja-Sivistyslautakunta - 21.11.2024, klo 16_30.pdf"
HYVLA = LAPUA_DIR / "Hyvinvointilautakunta" / "2024" / "Pöytäkirja-Hyvinvointilautakunta - 14.11.2024, klo 16_31.pdf"
YMPLA_2021 = LAPUA_DIR / "Ympäristölautakunta" / "2022" / "Pöytäkirja-Ympäristölautakunta - 25.01.2022, klo 17_38.pdf"
KH = LAPUA_DIR / "Kaupunginhallitus" / "2024_Kaupunginhallitus-pöytäkirjat" / \
    "Pöytäkirja-Kaupunginhallitus - 04.11.2024, klo 17_00.pdf"


@pytest.fixture(scope="module")
def sivla():
    return extract(SIVLA)


def _cells(extraction, section, label):
    return {(r.measure, r.fiscal_year, r.period_months): (r.amount, r.printed_text) for r in extraction.rows
            if r.section == section and r.line_item == label}


def test_unit_table_after_a_page_header(sivla):
    # p. 17–18: "opetustoiminta:" — its head on p. 17, its rows on p. 18 under the running page header
    assert _cells(sivla, "opetustoiminta", "Toimintakulut *)") == {
        ("budget", 2024, 12): (Decimal("-16756130.00"), "- 16.756.130"),
        ("actual", 2024, 9): (Decimal("-13155924.00"), "- 13.155.924"),
        ("realization_pct", 2024, 9): (Decimal("78.50"), "78,5"),
    }
    rows = [r for r in sivla.rows if r.section == "opetustoiminta"]
    assert {(r.committee, r.section_level, r.municipality) for r in rows} == {
        ("Sivistyslautakunta", "service_area", "Lapua")}
    assert [r.line_item for r in rows if r.measure == "budget"] == ["Toimintatuotot", "Toimintakulut *)",
                                                                     "Toimintakate"]


def test_previous_year_columns_against_their_tp(sivla):
    # p. 18: TP 2023 Tot. 09/2023 Tot.-% TA 2024 Tot. 09/2024 Tot.-%
    cells = _cells(sivla, "Sivistyslautakunta", "Toimintatuotot")
    assert cells[("actual", 2023, 12)] == (Decimal("1462370.00"), "1.462.370")
    assert cells[("actual", 2023, 9)] == (Decimal("887584.00"), "887.584")
    assert cells[("realization_pct", 2023, 9)] == (Decimal("60.70"), "60,7")  # 887 584 / 1 462 370: no budget
    assert cells[("budget", 2024, 12)] == (Decimal("1305950.00"), "1.305.950")
    assert cells[("actual", 2024, 9)] == (Decimal("645340.00"), "645.340")
    assert cells[("realization_pct", 2024, 9)] == (Decimal("49.40"), "49,4")


def test_investments_with_cents_and_a_lost_minus(sivla):
    # p. 20: the 1–10 investments print "-10.100,97"; p. 18–19: "Varhaiskasvatus -20.000 1.581 7,9"
    ten = [r for r in sivla.rows if r.table_kind == "investments" and r.period_months == 10
           and r.line_item == "Yläkoulun irtaimisto" and r.measure == "actual"]
    assert [(r.amount, r.printed_text, r.precision) for r in ten] == [
        (Decimal("-10100.97"), "-10.100,97", Decimal("0.01"))]
    nine = _cells(sivla, "Sivistyslautakunta", "Varhaiskasvatus")
    assert nine[("actual", 2024, 9)] == (Decimal("1581.00"), "1.581")  # kept as printed
    signs = [f for f in sivla.findings if f.kind == "missing_sign"]
    assert [(f.line_item, f.table_outcome, f.page) for f in signs] == [
        ("Varhaiskasvatus", "read_with_findings", 19)]
    assert "1.581" in signs[0].message


def test_percentage_without_a_budget_is_a_finding(sivla):
    # p. 18: "sivistyslautakunta hallinto:" Toimintatuotot 0 1.670 100
    found = [(f.section, f.kind, f.line_item, f.printed) for f in sivla.findings if f.kind == "percentage"]
    assert found == [("sivistyslautakunta hallinto", "percentage", "Toimintatuotot", "100")]


def test_every_table_of_the_minutes(sivla):
    # 5 units + the committee (1–9), its investments, the committee (1–10) and its investments
    assert len(sivla.outcomes) == 9 and sivla.outcomes.count("unreadable") == 0
    # p. 18–20: four Toimintakate lines off by one euro, the 100 % over a zero budget, the lost minus
    assert sivla.outcomes.count("read_with_findings") == 6
    assert sorted(f.kind for f in sivla.findings) == ["missing_sign", "percentage"] + ["rounding"] * 4


def test_missing_minus_on_a_budget_is_named():
    # Hyvinvointilautakunta 14.11.2024 p. 24: "kansalaisopisto:" Toimintakulut *) 1.117.190 -712.650 63,8
    extraction = extract(HYVLA)
    found = {(f.section, f.kind, f.line_item, f.column) for f in extraction.findings}
    assert ("kansalaisopisto", "missing_sign", "Toimintakulut *)", "Tot-%") in found
    # the margin adds up only with that minus: the subtotal names the line whose sign is lost
    assert ("kansalaisopisto", "missing_sign", "Toimintakulut *)", "TA 2024") in found
    # the units then miss the committee's Toimintakulut budget (p. 25: -7.501.230) by twice 1.117.190
    sums = [f for f in extraction.findings if f.kind == "unit_sum"]
    assert [(f.line_item, f.column, f.printed, f.difference) for f in sums] == [
        ("Toimintakulut *)", "TA 2024", "-7501230", "-2234380")]
    # p. 24: "musiikkiopisto:" is split by the page header "Lapuan kaupunki Pöytäkirja 10/2024 24 (35)"
    assert _cells(extraction, "musiikkiopisto", "Toimintakate")[("budget", 2024, 12)] == (
        Decimal("-993200.00"), "- 993.200")


def test_a_line_printed_again_under_a_new_label_lands_once():
    # Hyvinvointilautakunta 14.11.2024: § 143 (1–9/2024) p. 25 INVESTOINNIT "Kulttuuritoimi -39.000 0 0" and
    # § 144 (1–10/2024) p. 26, the same investments printed again with that line renamed: "Vanha Paukku /
    # kulttuuritoimi -39.000 -177 0,5". Two agenda items, not one table read twice: the budget is one fact.
    extraction = extract(HYVLA)
    fourth = [(r.line_item, r.measure, r.fiscal_year, r.period_months, r.amount, r.printed_text)
              for r in extraction.rows if r.table_kind == "investments" and r.line_order == 4]
    assert sorted(fourth) == [
        ("Kulttuuritoimi", "actual", 2024, 9, Decimal("0.00"), "0"),
        ("Kulttuuritoimi", "budget", 2024, 12, Decimal("-39000.00"), "-39.000"),
        ("Kulttuuritoimi", "realization_pct", 2024, 9, Decimal("0.00"), "0"),
        ("Vanha Paukku / kulttuuritoimi", "actual", 2024, 10, Decimal("-177.00"), "-177"),
        ("Vanha Paukku / kulttuuritoimi", "realization_pct", 2024, 10, Decimal("0.50"), "0,5"),
    ]
    # the second print of the budget is named, under its own label and column head as printed on p. 26
    assert [(f.page, f.line_item, f.column, f.printed) for f in extraction.findings if f.kind == "relabelled"] == [
        (26, "Vanha Paukku / kulttuuritoimi", "TA 24", "-39.000")]
    # p. 26 repeats "Kirjasto, menot -210.000" under the same label: dropped silently, one budget row
    assert [r.printed_text for r in extraction.rows if r.line_item == "Kirjasto, menot" and r.measure == "budget"] \
        == ["-210.000"]
    # no two rows under the ledger's key, so the ingest quarantines nothing
    keys = Counter((r.section, r.table_kind, r.line_order, r.measure, r.fiscal_year, r.period_months)
                   for r in extraction.rows)
    assert [key for key, n in keys.items() if n > 1] == []


def test_costs_printed_positive_are_kept_as_printed():
    # Ympäristölautakunta 25.01.2022 p. 7: Talousarvio 2021 Toteutuma 2021 Tot-%; Menot 353.162 343.944 97,4;
    # Tulot 116.095 152.745 131,6; Toimintakate 237.067 185.328 78,2 (Toimintakate = Menot − Tulot in the budget)
    extraction = extract(YMPLA_2021)
    assert _cells(extraction, "Ympäristölautakunta", "Menot")[("budget", 2021, 12)] == (
        Decimal("353162.00"), "353.162")
    assert _cells(extraction, "Ympäristölautakunta", "Toimintakate")[("actual", 2021, 12)] == (
        Decimal("185328.00"), "185.328")
    # the budget column holds in that convention (no finding); the actuals do not: 343 944 − 152 745 = 191 199
    assert [(f.kind, f.line_item, f.column, f.computed) for f in extraction.findings] == [
        ("subtotal_unprinted", "Toimintakate", "Toteutuma 2021", "-191199")]


def test_minutes_without_a_budget_table():
    with pytest.raises(ExtractError, match="no budget table found"):
        extract(KH)


def test_cli_summary_findings_and_exit_code(tmp_path):
    out, findings = tmp_path / "ledger.csv", tmp_path / "findings.csv"
    result = kuntatalous("extract", str(SIVLA), "-o", str(out), "--findings", str(findings),
                         env=dict(os.environ), check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        f"{SIVLA.name}: 9 tables read (6 with findings), 0 unreadable")
    rows = list(csv.DictReader(findings.open(encoding="utf-8")))
    assert [(r["source_line"], r["kind"]) for r in rows] == [
        ("452", "rounding"), ("462", "rounding"), ("470", "percentage"), ("477", "rounding"), ("488", "missing_sign"),
        ("515", "rounding")]
    assert set(rows[0]) == {"source_file", "source_line", "page", "committee", "section", "table_outcome", "kind",
                            "line_item", "column", "printed", "computed", "difference", "message"}
