"""Property: for every area × line × measure of the seed report's tables, a Finnish question — the names in several
inflected forms, the measure and period in several phrasings — gives the printed figure.

The expected figures are read from the extractor's hand-verified expected files (tests/extract/expected/*.csv, typed
from the report), never from the engine. The inflected forms below were typed by hand. Every cell is asked once
through one real `kuntatalous ask -` process (forms rotating over the cells); Hypothesis then draws further
combinations and answers them with the same functions the command runs (answer, to_json)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.query import ask, db
from tests.support import PROJECT_DIR, kuntatalous

EXPECTED = PROJECT_DIR / "tests" / "extract" / "expected"
TABLES = {
    "heinola_kulttuuri.csv": "Kulttuuri",
    "heinola_kaupunkisuunnittelu.csv": "Kaupunkisuunnittelu",
    "heinola_kiinteisto_ja_mittauspalvelut.csv": "Kiinteistö- ja mittauspalvelut",
    "heinola_maankaytto_investoinnit.csv": "Maankäyttö",
}

# nominative, genitive, inessive, adessive
AREA_FORMS = {
    "Kulttuuri": ("Kulttuuri", "Kulttuurin", "Kulttuurissa", "Kulttuurilla"),
    "Kaupunkisuunnittelu": ("Kaupunkisuunnittelu", "Kaupunkisuunnittelun", "Kaupunkisuunnittelussa",
                            "Kaupunkisuunnittelulla"),
    "Kiinteistö- ja mittauspalvelut": ("Kiinteistö- ja mittauspalvelut", "Kiinteistö- ja mittauspalveluiden",
                                       "Kiinteistö- ja mittauspalveluissa", "Kiinteistö- ja mittauspalveluilla"),
    "Maankäyttö": ("Maankäyttö", "Maankäytön", "Maankäytössä", "Maankäytöllä"),
}
# the line as printed -> nominative, genitive, partitive
LINE_FORMS = {
    "Myyntituotot": ("myyntituotot", "myyntituottojen", "myyntituottoja"),
    "Maksutuotot": ("maksutuotot", "maksutuottojen", "maksutuottoja"),
    "Tuet ja avustukset": ("tuet ja avustukset", "tukien ja avustusten", "tukia ja avustuksia"),
    "Vuokratuotot": ("vuokratuotot", "vuokratuottojen", "vuokratuottoja"),
    "Muut toimintatuotot": ("muut toimintatuotot", "muiden toimintatuottojen", "muita toimintatuottoja"),
    "Toimintatuotot": ("toimintatuotot", "toimintatuottojen", "toimintatuottoja"),
    "Valmistus omaan käyttöön": ("valmistus omaan käyttöön", "valmistuksen omaan käyttöön",
                                 "valmistusta omaan käyttöön"),
    "Henkilöstökulut": ("henkilöstökulut", "henkilöstökulujen", "henkilöstökuluja"),
    "Palvelujen ostot": ("palvelujen ostot", "palvelujen ostojen", "palvelujen ostoja"),
    "Aineet, tarvikkeet ja tavarat": ("aineet, tarvikkeet ja tavarat", "aineiden, tarvikkeiden ja tavaroiden",
                                      "aineita, tarvikkeita ja tavaroita"),
    "Avustukset": ("avustukset", "avustusten", "avustuksia"),
    "Vuokrakulut": ("vuokrakulut", "vuokrakulujen", "vuokrakuluja"),
    "Muut toimintakulut": ("muut toimintakulut", "muiden toimintakulujen", "muita toimintakuluja"),
    "Toimintakulut": ("toimintakulut", "toimintakulujen", "toimintakuluja"),
    "TOIMINTAKATE": ("toimintakate", "toimintakatteen", "toimintakatetta"),
    "Rahoitustuotot ja -kulut": ("rahoitustuotot ja -kulut", "rahoitustuottojen ja -kulujen",
                                 "rahoitustuottoja ja -kuluja"),
    "VUOSIKATE": ("vuosikate", "vuosikatteen", "vuosikatetta"),
    "Poistot ja arvonalentumiset": ("poistot ja arvonalentumiset", "poistojen ja arvonalentumisten",
                                    "poistoja ja arvonalentumisia"),
    "TILIKAUDEN TULOS": ("tilikauden tulos", "tilikauden tuloksen", "tilikauden tulosta"),
    "TULOT": ("investointitulot", "investointitulojen", "investointituloja"),
    "MENOT": ("investointimenot", "investointimenojen", "investointimenoja"),
    "NETTO": ("investoinnit netto", "investointien netto", "investoinnit netto"),
}
# column of the printed table -> (year, period, measure, unit in €, ways to ask for it)
COLUMNS = {
    "TP 2021": (2021, 12, "actual", 1000,
                ("tilinpäätös 2021", "toteuma 2021", "vuonna 2021", "koko vuonna 2021")),
    "TOT 2021 6 kk": (2021, 6, "actual", 1000,
                      ("1-6/2021", "kesäkuun loppuun 2021", "tammi-kesäkuussa 2021", "toteuma kesäkuussa 2021")),
    "TA 2022 +muutos": (2022, 12, "budget", 1, ("talousarvio 2022", "talousarvion mukaan 2022", "budjetti 2022")),
    "TOT 2022 6 kk": (2022, 6, "actual", 1,
                      ("toteuma 2022", "1–6/2022", "kesäkuun loppuun 2022", "alkuvuonna 2022")),
    "Jäljellä": (2022, 6, "remaining", 1, ("jäljellä 2022", "jäljellä kesäkuun lopussa 2022")),
    "TOT-22 %": (2022, 6, "realization_pct", 1,
                 ("toteumaprosentti 2022", "toteutumaprosentti 2022", "toteutumisaste 2022", "käyttöaste 2022")),
    "TP Ennuste": (2022, 12, "forecast", 1, ("ennuste 2022", "tilinpäätösennuste 2022", "ennusteen mukaan 2022")),
}
TEMPLATES = (
    "{area} {line} {measure}",
    "{line} {area_ine} {measure}",
    "paljonko {area_ade} oli {line_par} {measure}",
    "{measure}: {area} {line}",
)


def _printed(text: str, unit: int) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", ".")) * unit


def _cells() -> list[tuple[str, str, str, Decimal]]:
    """(area, printed line, column, printed figure in €) of every number of the seed's tables."""
    out = []
    for name, area in TABLES.items():
        with (EXPECTED / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, (_, _, _, unit, _) in COLUMNS.items():
                    if row.get(column, "").strip():
                        out.append((area, row["line_item"].strip(), column, _printed(row[column], unit)))
    return out


CELLS = _cells()


def question(area: str, line: str, column: str, template: int, area_form: int, line_form: int, phrase: int) -> str:
    """One way to ask for a cell: the area in nominative or genitive (inessive, adessive where the sentence needs
    them), the line in nominative, genitive or partitive."""
    areas, lines, phrases = AREA_FORMS[area], LINE_FORMS[line], COLUMNS[column][4]
    return TEMPLATES[template % len(TEMPLATES)].format(
        area=areas[area_form % 2], area_ine=areas[2], area_ade=areas[3], line=lines[line_form % 3],
        line_par=lines[2], measure=phrases[phrase % len(phrases)],
    )


def _check(data: dict, cell: tuple[str, str, str, Decimal]) -> None:
    area, _, column, printed = cell
    year, period, measure, _, _ = COLUMNS[column]
    assert data["answered"], (data["question"], data["reason"], data["unrecognised"], data["ambiguous"])
    got = [(r["section"], r["fiscal_year"], r["period_months"], r["measure"], Decimal(str(r["value"])))
           for r in data["rows"]]
    assert got == [(area, year, period, measure, printed)], data["question"]


def test_the_seed_has_every_area_line_and_measure():
    assert {c[0] for c in CELLS} == set(TABLES.values())
    assert {c[2] for c in CELLS} == set(COLUMNS)
    assert len(CELLS) > 300


@pytest.fixture(scope="module")
def every_cell_through_the_cli(built_warehouse) -> list[dict]:
    questions = [question(*cell[:3], i, i // 2, i // 3, i // 4) for i, cell in enumerate(CELLS)]
    out = kuntatalous("ask", "-", "--format", "json", env=built_warehouse.env(), check=False,
                      stdin="\n".join(questions) + "\n")
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    return answers


@pytest.mark.parametrize("i", range(len(CELLS)), ids=lambda i: f"{CELLS[i][0]}-{CELLS[i][1]}-{CELLS[i][2]}")
def test_every_printed_figure_answers_its_question(i, every_cell_through_the_cli):
    _check(every_cell_through_the_cli[i], CELLS[i])


@pytest.fixture(scope="module")
def engine(built_warehouse):
    def run(sql, params):
        return db.fetch(sql, params, built_warehouse.served_db)

    return run, ask.load_vocabulary(run)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=st.sampled_from(CELLS), template=st.integers(0, 3), area_form=st.integers(0, 3),
       line_form=st.integers(0, 2), phrase=st.integers(0, 3))
def test_any_inflected_question_gives_the_printed_figure(engine, cell, template, area_form, line_form, phrase):
    run, vocabulary = engine
    q = question(*cell[:3], template, area_form, line_form, phrase)
    _check(ask.to_json(ask.answer(q, run, vocabulary)), cell)
