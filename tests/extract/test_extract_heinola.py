"""The seed report (Heinola, Elinvoimalautakunta 1–6/2022): every number of its 8 budget tables."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest
from tests_extract_support import EXPECTED, HEINOLA, HEINOLA_COLUMNS, expected_rows, tables_of

from ingestion.extract import extract

SECTIONS = {
    "Elinvoimalautakunnan toimiala": ("committee", "income_statement", 19, 121),
    "TYÖLLISYYSPALVELUT": ("service_area", "income_statement", 16, 104),
    "ELINKEINOPALVELUT": ("service_area", "income_statement", 16, 102),
    "KULTTUURI": ("service_area", "income_statement", 18, 115),
    "KAUPUNKISUUNNITTELU": ("service_area", "income_statement", 11, 71),
    "KIINTEISTÖ- JA MITT.PALVELUT": ("service_area", "income_statement", 18, 116),
    "MAANKÄYTTÖ YHTEENSÄ": ("group", "investments", 3, 18),
    "ELINVOIMA YHTEENSÄ": ("committee", "investments", 3, 18),
}
ACTUAL_2022 = ("actual", 2022, 6)
BUDGET = ("budget", 2022, 12)


def test_every_number_of_the_eight_tables(heinola):
    # counted by hand from the report: rows × 6 numbers, plus the forecasts printed on subtotal lines
    assert len(heinola.rows) == 665
    by_section = defaultdict(list)
    for row in heinola.rows:
        by_section[row.section].append(row)
    assert list(by_section) == list(SECTIONS)
    for section, (level, kind, lines, numbers) in SECTIONS.items():
        rows = by_section[section]
        assert {(r.section_level, r.table_kind) for r in rows} == {(level, kind)}
        assert len({r.line_order for r in rows}) == lines
        assert len(rows) == numbers
    assert {(r.municipality, r.committee) for r in heinola.rows} == {("Heinola", "Elinvoimalautakunta")}
    assert heinola.notes == []


@pytest.mark.parametrize("fixture, section", [
    ("heinola_kulttuuri.csv", "KULTTUURI"),
    ("heinola_kaupunkisuunnittelu.csv", "KAUPUNKISUUNNITTELU"),
    ("heinola_kiinteisto_ja_mittauspalvelut.csv", "KIINTEISTÖ- JA MITT.PALVELUT"),
    ("heinola_maankaytto_investoinnit.csv", "MAANKÄYTTÖ YHTEENSÄ"),
])
def test_whole_tables_match_the_hand_written_fixture(heinola, fixture, section):
    got = {(r.source_line, r.line_item, r.line_order, r.measure, r.fiscal_year, r.period_months, r.amount, r.unit,
            r.precision, r.printed_text) for r in heinola.rows if r.section == section}
    assert got == expected_rows(fixture)


def test_header_mapping(heinola):
    columns = {(r.measure, r.fiscal_year, r.period_months, r.unit) for r in heinola.rows}
    assert columns == {
        ("actual", 2021, 12, "1000 EUR"), ("actual", 2021, 6, "1000 EUR"), ("budget", 2022, 12, "EUR"),
        ("actual", 2022, 6, "EUR"), ("remaining", 2022, 6, "EUR"), ("realization_pct", 2022, 6, "PCT"),
        ("forecast", 2022, 12, "EUR"),
    }
    assert {r.precision for r in heinola.rows if r.unit == "PCT"} == {Decimal("0.10")}


def test_wrapped_title_and_headings_are_no_numbers(heinola):
    assert not [r for r in heinola.rows if r.line_item.upper() in ("TOIMINTATUOTOT", "TOIMINTAKULUT")
                and r.line_item.isupper()]
    first = [r for r in heinola.rows if r.line_order == 1 and r.section == "Elinvoimalautakunnan toimiala"]
    assert {r.line_item for r in first} == {"Myyntituotot"} and first[0].source_line == 149


def test_row_identities_on_every_row(heinola):
    for (section, order), cells in tables_of(heinola.rows).items():
        budget, actual = cells[BUDGET], cells[ACTUAL_2022]
        assert cells[("remaining", 2022, 6)] == budget - actual, (section, order)
        pct = cells[("realization_pct", 2022, 6)]
        if budget == 0:
            assert pct == 0
        else:
            assert abs(pct - round(100 * actual / budget, 1)) <= Decimal("0.05"), (section, order)


def _by_label(rows, section):
    table = defaultdict(dict)
    for r in rows:
        if r.section == section:
            table[r.line_item][(r.measure, r.fiscal_year, r.period_months)] = (r.amount, r.precision)
    return table


def _close(total, parts, key):
    printed, step = total[key]
    found = [p[key] for p in parts if key in p]
    slack = step / 2 * (len(found) + 1)
    return abs(printed - sum((f[0] for f in found), Decimal(0))) <= slack


def test_subtotals_and_results_on_every_income_statement(heinola):
    for section, (_, kind, _, _) in SECTIONS.items():
        if kind != "income_statement":
            continue
        table = _by_label(heinola.rows, section)
        labels = list(table)
        revenue = labels[: labels.index("Toimintatuotot")]
        costs = labels[labels.index("Toimintatuotot") + 1: labels.index("Toimintakulut")]
        costs = [c for c in costs if c != "Valmistus omaan käyttöön"]
        zero = {}
        for key in table["Toimintatuotot"]:
            if key[0] == "realization_pct" or (key[0] == "forecast" and key not in table[revenue[0]]):
                continue
            assert _close(table["Toimintatuotot"], [table[x] for x in revenue], key), (section, key)
        for key in table["Toimintakulut"]:
            if key[0] == "realization_pct" or (key[0] == "forecast" and key not in table[costs[0]]):
                continue
            assert _close(table["Toimintakulut"], [table[x] for x in costs], key), (section, key)
        for key in table["TOIMINTAKATE"]:
            if key[0] == "realization_pct":
                continue
            parts = [table.get(x, zero) for x in ("Toimintatuotot", "Valmistus omaan käyttöön", "Toimintakulut")]
            assert _close(table["TOIMINTAKATE"], parts, key), (section, key)
            assert _close(table["VUOSIKATE"], [table["TOIMINTAKATE"], table.get("Rahoitustuotot ja -kulut", {})],
                          key), (section, key)
            assert _close(table["TILIKAUDEN TULOS"],
                          [table["VUOSIKATE"], table.get("Poistot ja arvonalentumiset", {})], key), (section, key)


def test_service_areas_add_up_to_the_committee(heinola):
    committee = _by_label(heinola.rows, "Elinvoimalautakunnan toimiala")
    areas = [_by_label(heinola.rows, s) for s, (level, kind, _, _) in SECTIONS.items()
             if level == "service_area" and kind == "income_statement"]
    checked = 0
    for label, cells in committee.items():
        for key in cells:
            if key[0] == "realization_pct":
                continue
            assert _close(cells, [a[label] for a in areas if label in a], key), (label, key)
            checked += 1
    assert checked == 121 - 19  # every number but the percentages


def test_investments_net_is_income_plus_spending(heinola):
    for section in ("MAANKÄYTTÖ YHTEENSÄ", "ELINVOIMA YHTEENSÄ"):
        table = _by_label(heinola.rows, section)
        for key in table["NETTO"]:
            if key[0] != "realization_pct":
                assert _close(table["NETTO"], [table["TULOT"], table["MENOT"]], key), (section, key)
    assert _by_label(heinola.rows, "MAANKÄYTTÖ YHTEENSÄ") == _by_label(heinola.rows, "ELINVOIMA YHTEENSÄ")


def test_fixtures_are_readable_csv():
    # the fixtures are typed by hand; a stray column would silently drop numbers from the comparison
    for path in EXPECTED.glob("heinola_*.csv"):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert len({len(r) for r in rows}) == 1, path.name


def test_a_page_number_after_a_table_is_not_a_number_of_it(heinola, tmp_path):
    lines = HEINOLA.read_text(encoding="utf-8").split("\n")
    lines.insert(168, "12")  # a bare page number right under TILIKAUDEN TULOS
    copy = tmp_path / "paged.txt"
    copy.write_text("\n".join(lines), encoding="utf-8")
    paged = extract(copy)
    assert [(r.line_item, r.amount) for r in paged.rows] == [(r.line_item, r.amount) for r in heinola.rows]


# Rows of the tables no fixture covers, copied from the seed report (line number: printed row)
PRINTED = [
    ("Elinvoimalautakunnan toimiala", 157, "Henkilöstökulut -3 057 -1 376 -3 986 200 -1 807 570 -2 178 630 45,30"),
    ("Elinvoimalautakunnan toimiala", 164,
     "TOIMINTAKATE -4 018 -1 647 -4 842 600 -2 143 195 -2 699 405 44,30 -4 842 600"),
    ("TYÖLLISYYSPALVELUT", 196, "Henkilöstökulut -1 240 -559 -2 035 800 -778 154 -1 257 646 38,20"),
    ("TYÖLLISYYSPALVELUT", 203, "TOIMINTAKATE -3 065 -1 467 -3 419 500 -1 470 325 -1 949 175 43,00 -3 419 500"),
    ("ELINKEINOPALVELUT", 220, "Henkilöstökulut -314 -142 -380 400 -177 054 -203 346 46,50"),
    ("ELINKEINOPALVELUT", 227, "TOIMINTAKATE -1 125 -554 -1 072 700 -528 769 -543 931 49,30 -1 072 700"),
]


@pytest.mark.parametrize("section, source_line, printed", PRINTED)
def test_rows_without_a_fixture_as_printed(heinola, section, source_line, printed):
    label = printed.split(" -")[0]
    rows = [r for r in heinola.rows if r.section == section and r.source_line == source_line]
    assert {r.line_item for r in rows} == {label}
    columns = [(m, y, p) for m, y, p, _, _ in HEINOLA_COLUMNS.values()]
    shown = " ".join(r.printed_text for r in sorted(rows, key=lambda r: columns.index(
        (r.measure, r.fiscal_year, r.period_months))))
    assert f"{label} {shown}" == printed
