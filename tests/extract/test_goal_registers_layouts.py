"""The goal reader on registers other than the seed's: another committee, year and set of columns, an empty
cell, a row that runs over a page break, and text that is no goal table. The expected rows are written by hand
for the small texts below, printed the way pdftotext prints such tables (trailing space where a line wraps)."""

from __future__ import annotations

from datetime import date

from ingestion.extract.goals import read_goal_tables

HEAD = [" Kulttuurilautakunnan toimiala ", "Heinolan kaupunki 1-6/2023 ", "",
        "Tavoite 2023 Mittari ja tavoitetaso Toteuma 30.6. Vastuu Tila ", ""]


def cells(rows):
    return [(r.goal_id, r.goal, r.measures, r.realization, r.responsible, r.status, r.source_line) for r in rows]


def test_two_rows_and_an_empty_cell():
    lines = HEAD + [
        "Kirjaston kävijämäärä ", "kasvaa. ", "",
        "Mittari: kävijöitä ", "vähintään 50 000. ", "",
        "Kävijöitä oli kesäkuun loppuun mennessä 27 310. ", "",
        "Kirjastotoimenjohtaja ", "", "Toteutuu ", "", " ", "",
        "Museon näyttelyt ", "uudistuvat. ", "",
        "Mittari: kaksi uutta ", "näyttelyä. ", "",
        " ",  # the Toteuma cell is empty
        "Museonjohtaja ", "", "Ei tietoa ", "", " ",
    ]
    result = read_goal_tables("k.txt", lines, "Heinola")
    assert cells(result.rows) == [
        ("HEI-KUL-2023-O01", "Kirjaston kävijämäärä kasvaa.", "Mittari: kävijöitä vähintään 50 000.",
         "Kävijöitä oli kesäkuun loppuun mennessä 27 310.", "Kirjastotoimenjohtaja", "Toteutuu", 6),
        ("HEI-KUL-2023-O02", "Museon näyttelyt uudistuvat.", "Mittari: kaksi uutta näyttelyä.", None,
         "Museonjohtaja", "Ei tietoa", 20),
    ]
    assert {(r.committee, r.fiscal_year, r.reported_at, r.level) for r in result.rows} == {
        ("Kulttuurilautakunta", 2023, date(2023, 6, 30), "operational")}


def test_a_row_continued_after_a_page_break():
    lines = HEAD + [
        "Kirjaston kävijämäärä ", "kasvaa ja ", "",
        "Mittari: kävijöitä ", "",
        "Kävijöitä oli kesäkuun ", "",
        "Kirjastotoimenjohta", "ja ", "",
        "Toteut", "uu ",
        " lainaus lisääntyy. ", "",  # the page break: each cut cell goes on, in column order
        "vähintään 50 000. ", "",
        "loppuun mennessä 27 310. ", "",
    ]
    result = read_goal_tables("k.txt", lines, "Heinola")
    assert cells(result.rows) == [
        ("HEI-KUL-2023-O01", "Kirjaston kävijämäärä kasvaa ja lainaus lisääntyy.",
         "Mittari: kävijöitä vähintään 50 000.", "Kävijöitä oli kesäkuun loppuun mennessä 27 310.",
         "Kirjastotoimenjohtaja", "Toteutuu", 6),
    ]


def test_text_without_a_goal_table_gives_nothing():
    lines = [" Kulttuurilautakunnan toimiala ", "Heinolan kaupunki 1-6/2023 ", "", "Kokouksen avaus. ", ""]
    result = read_goal_tables("k.txt", lines, "Heinola")
    assert (result.rows, result.findings) == ([], [])
