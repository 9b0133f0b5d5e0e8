"""Kauhava's annual report 2024: every committee's "Talousarvion toteutuminen" table, the task-area tables of the
same layout that follow them, and the income-statement part (2.3) — from pdftotext -raw text and from the PDF."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import Decimal

from tests_extract_support import KAUHAVA_PDF, tables_of

from ingestion.extract import extract

COMMITTEES = ["Keskusvaalilautakunta", "Tarkastuslautakunta", "Kaupunginvaltuusto", "Kaupunginhallitus",
              "Kasvatus- ja opetuslautakunta", "Elämänlaatulautakunta", "Tekninen lautakunta", "Ympäristölautakunta"]
# task-area tables under each committee, in print order (read off the report)
SERVICE_AREAS = {
    "Kaupunginhallitus": ["Hallinto ja talous", "Elinkeinotoimi ja kehittäminen", "Työllisyys", "Maaseututoimi"],
    "Kasvatus- ja opetuslautakunta": ["Sivistystoimen hallinto", "Liikennepalvelut", "Varhaiskasvatus",
                                      "Perusopetus", "Lukiokoulutus"],
    "Elämänlaatulautakunta": ["Taiteen perusopetus", "Kansalaisopisto", "Kirjasto", "Elämänlaatulautakunnan hallinto",
                              "Nuorisotoimi", "Liikuntatoimi", "Kulttuuritoimi", "Museot"],
    "Tekninen lautakunta": ["Tekninen hallinto", "Tilapalvelut", "Yhdyskuntatekniikka"],
    "Ympäristölautakunta": ["Ympäristötoimen hallinto", "Maankäyttö ja ympäristö", "Rakennustarkastus ja asuntotoimi"],
}
ORIGINAL, CHANGE, BUDGET, ACTUAL, VARIANCE = (("original_budget", 2024, 12), ("budget_change", 2024, 12),
                                               ("budget", 2024, 12), ("actual", 2024, 12), ("variance", 2024, 12))


def _sections(extraction):
    sections = defaultdict(list)
    for row in extraction.rows:
        sections[(row.committee, row.section, row.section_level)].append(row)
    return sections


def test_tables_and_rows_counted(kauhava):
    # 8 committee tables of 13 lines, 23 task-area tables of 3 lines, and 2.3: the income statement (32 lines),
    # the tax revenue breakdown in 1000 € (4 lines, no changes column printed) and the state aid breakdown (4)
    assert len(kauhava.tables) == 34
    sections = _sections(kauhava)
    expected = [(c, c, "committee") for c in COMMITTEES]
    expected += [(c, s, "service_area") for c, areas in SERVICE_AREAS.items() for s in areas]
    expected += [("Kauhava", s, "municipality") for s in ("Tuloslaskelmaosan toteutuminen", "Verotulot",
                                                          "Valtionosuudet")]
    assert sorted(sections) == sorted(expected)
    lines = {key: len({r.line_order for r in rows}) for key, rows in sections.items()}
    assert all(lines[(c, c, "committee")] == 13 for c in COMMITTEES)
    assert all(n == 3 for (_, _, level), n in lines.items() if level == "service_area")
    assert lines[("Kauhava", "Tuloslaskelmaosan toteutuminen", "municipality")] == 32
    assert lines[("Kauhava", "Verotulot", "municipality")] == 4
    assert lines[("Kauhava", "Valtionosuudet", "municipality")] == 4
    # 8×13×5 + 23×3×5 + 32×5 + 4×4 + 4×5
    assert len(kauhava.rows) == 520 + 345 + 160 + 16 + 20 == 1061
    assert {r.municipality for r in kauhava.rows} == {"Kauhava"}
    assert {(r.fiscal_year, r.period_months) for r in kauhava.rows} == {(2024, 12)}


def test_every_row_settles_budget_and_variance(kauhava):
    for (section, order), cells in tables_of(kauhava.rows).items():
        change = cells.get(CHANGE, Decimal(0))
        assert cells[BUDGET] == cells[ORIGINAL] + change, (section, order)
        assert cells[VARIANCE] == cells[ACTUAL] - cells[BUDGET], (section, order)


def _table(rows, section):
    table = {}
    for r in rows:
        if r.section == section:
            table.setdefault(r.line_item, {})[(r.measure, r.fiscal_year, r.period_months)] = r.amount
    return table


def _sum(table, labels, key):
    return sum((table[label].get(key, Decimal(0)) for label in labels), Decimal(0))


def _adds_up(total, table, labels, key, step=Decimal(1)):
    """Printed lines are rounded: a subtotal may miss their sum by half a step per printed number."""
    return abs(total - _sum(table, labels, key)) <= step / 2 * (len(labels) + 1)


def test_committee_tables_add_up(kauhava):
    revenue = ["Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot"]
    costs = ["Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset",
             "Muut toimintakulut"]
    for committee in COMMITTEES:
        table = _table(kauhava.rows, committee)
        for key in (ORIGINAL, CHANGE, BUDGET, ACTUAL, VARIANCE):
            assert _adds_up(table["TOIMINTATUOTOT"][key], table, revenue, key), (committee, key)
            assert _adds_up(table["TOIMINTAKULUT"][key], table, costs, key), (committee, key)
            assert _adds_up(table["Henkilöstökulut"][key], table, ["Palkat ja palkkiot", "Henkilösivukulut"], key)


def test_task_area_tables(kauhava):
    omitted = {"Hallinto ja talous", "Tekninen hallinto"}
    for committee, areas in SERVICE_AREAS.items():
        for area in areas:
            table = _table(kauhava.rows, area)
            for key in (ORIGINAL, BUDGET, ACTUAL, VARIANCE):
                total = _adds_up(table["Toimintakate/Jäämä"][key], table, ["TOIMINTATUOTOT", "TOIMINTAKULUT"], key)
                # two tables leave out a line (Tekninen hallinto's own text: valmistus omaan käyttöön 88 805,55 €)
                assert total == (area not in omitted), (area, key)
        # the task areas add up to their committee, except under Kaupunginhallitus: its tables overlap
        # (Elinkeinotoimi ja kehittäminen includes Työllisyys, says the text) and do not cover all its costs
        if committee == "Kaupunginhallitus":
            continue
        committee_table = _table(kauhava.rows, committee)
        for label in ("TOIMINTATUOTOT", "TOIMINTAKULUT"):
            for key in (ORIGINAL, BUDGET):
                assert committee_table[label][key] == sum(_table(kauhava.rows, a)[label][key] for a in areas), \
                    (committee, label, key)
    notes = "\n".join(kauhava.notes)
    assert "Hallinto ja talous" in notes and "Tekninen hallinto" in notes
    # a committee whose task areas do not add up to it is a finding of its table, naming the line
    sums = [f for f in kauhava.findings if f.kind == "unit_sum"]
    # (Kaupunginhallitus: its tables overlap; Tekninen lautakunta: the task areas' costs miss the total by 74 €)
    assert {f.committee for f in sums} == {"Kaupunginhallitus", "Tekninen lautakunta"}
    assert "TOIMINTATUOTOT" in {f.line_item for f in sums}


def test_income_statement_part(kauhava):
    table = _table(kauhava.rows, "Tuloslaskelmaosan toteutuminen")
    assert list(table)[5] == "Valmistus omaan käyttöön"  # wrapped "käyt-" + "töön"
    assert "Aineet, tarvikkeet ja tavarat" in table and "Satunnaiset tuotot ja kulut" in table
    assert table["TOIMINTAKULUT"] == {ORIGINAL: Decimal("-46525690.00"), CHANGE: Decimal("0.00"),
                                      BUDGET: Decimal("-46525690.00"), ACTUAL: Decimal("-46216718.06"),
                                      VARIANCE: Decimal("308971.94")}
    checks = {
        "TOIMINTATUOTOT": ("Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot"),
        "TOIMINTAKULUT": ("Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset",
                          "Muut toimintakulut"),
        "Toimintakate/Jäämä": ("TOIMINTATUOTOT", "Valmistus omaan käyttöön", "TOIMINTAKULUT"),
        "Rahoitustuotot ja -kulut": ("Korkotuotot", "Muut rahoitustuotot", "Korkokulut", "Muut rahoituskulut"),
        "Vuosikate": ("Toimintakate/Jäämä", "Verotulot", "Valtionosuudet", "Rahoitustuotot ja -kulut"),
        "Satunnaiset tuotot ja kulut": ("Satunnaiset tuotot", "Satunnaiset kulut"),
        "Tilikauden tulos": ("Vuosikate", "Poistot ja arvonalentumiset", "Satunnaiset tuotot ja kulut"),
        "Tilikauden yli-/alijäämä": ("Tilikauden tulos", "Poistoeron muutos", "Varausten muutos",
                                     "Rahastojen muutos"),
    }
    for key in (ORIGINAL, CHANGE, BUDGET, ACTUAL, VARIANCE):
        for total, parts in checks.items():
            assert _adds_up(table[total][key], table, parts, key, Decimal("0.01")), (total, key)
    # poistot: the report prints no "arvonalentumiset" line, so its two lines miss the total (a note says so)
    assert not _adds_up(table["Poistot ja arvonalentumiset"][ACTUAL], table,
                        ("Suunnitelman mukaiset poistot", "Kertaluonteiset poistot"), ACTUAL, Decimal("0.01"))
    assert any("Poistot ja arvonalentumiset" in note for note in kauhava.notes)
    cents = {r.precision for r in kauhava.rows if r.section == "Tuloslaskelmaosan toteutuminen"}
    assert cents == {Decimal("0.01")}
    minus = [r for r in kauhava.rows if r.line_item == "TOIMINTAKULUT" and r.measure == "actual"
             and r.section == "Tuloslaskelmaosan toteutuminen"]
    assert [(r.printed_text, r.source_line) for r in minus] == [("- 46 216 718,06", 3648)]


def test_tax_breakdown_is_in_thousands(kauhava):
    table = _table(kauhava.rows, "Verotulot")
    assert table["Kiinteistövero"][VARIANCE] == Decimal("-179000.00")
    assert CHANGE not in table["Verotulot"]  # the changes column is left blank there
    rows = [r for r in kauhava.rows if r.section == "Verotulot"]
    assert {(r.unit, r.precision) for r in rows} == {("1000 EUR", Decimal("1000.00"))}
    assert {r.printed_text for r in rows if r.line_item == "Kiinteistövero"} == {"4 506", "4 327", "- 179"}
    for key in (ORIGINAL, BUDGET, ACTUAL, VARIANCE):
        assert _adds_up(table["Verotulot"][key], table, ["Kunnan tulovero", "Kiinteistövero",
                                                         "Osuus yhteisöveron tuotosta"], key, Decimal(1000))
    state = _table(kauhava.rows, "Valtionosuudet")
    assert {r.unit for r in kauhava.rows if r.section == "Valtionosuudet"} == {"EUR"}
    for key in (ORIGINAL, BUDGET, ACTUAL, VARIANCE):
        assert _adds_up(state["Valtionosuudet"][key], state, ["Kunnan peruspalvelujen valtionosuus",
                                                              "Muut valtionosuudet", "Verotulomenetysten korvaus"],
                        key)


def test_pdf_gives_the_same_rows_as_pdftotext_raw(kauhava):
    from_pdf = extract(KAUHAVA_PDF)

    def content(rows):
        return [dataclasses.replace(r, source_file="", source_line=0) for r in rows]

    assert content(from_pdf.rows) == content(kauhava.rows)
    assert {r.source_file for r in from_pdf.rows} == {"Kauhava-Tilinpaatos-2024.pdf"}
