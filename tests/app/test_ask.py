"""`kuntatalous ask`: Finnish questions about the seed report, answers checked against the printed numbers.

Every expected number below was read by hand from /work/shared/seeds/000_640478ce52aafde0.txt (Heinola,
Elinvoimalautakunta, 1–6/2022). Columns TP 2021 and TOT 2021 are printed in 1000 €, the others in €."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from app.query import ask, db
from ingestion import cli
from tests.support import kuntatalous

K = 1000  # TP 2021 and TOT 2021 are printed in thousands

# question -> rows as (section as printed, fiscal_year, period_months, measure, value)
QUESTIONS: dict[str, list[tuple[str, int, int, str, Decimal | int]]] = {
    "Kulttuurin henkilöstökulut 2021 ja 2022": [
        ("Kulttuuri", 2021, 6, "actual", -267 * K),
        ("Kulttuuri", 2022, 6, "actual", Decimal(-376574)),
    ],
    "paljonko Työllisyyspalvelujen toimintakate oli kesäkuussa 2022": [
        ("Työllisyyspalvelut", 2022, 6, "actual", -1470325),
    ],
    "Työllisyyspalveluiden toimintakate kesäkuun 2022 lopussa": [
        ("Työllisyyspalvelut", 2022, 6, "actual", -1470325),
    ],
    "Kulttuurin henkilöstökulujen talousarvio 2022": [("Kulttuuri", 2022, 12, "budget", -634300)],
    "Kulttuurin henkilöstökulut jäljellä 2022": [("Kulttuuri", 2022, 6, "remaining", -257726)],
    "Kulttuurin henkilöstökulujen toteutumaprosentti 2022": [("Kulttuuri", 2022, 6, "realization_pct", Decimal("59.40"))],
    "Elinvoimalautakunnan toimintakate 2022": [
        ("Elinvoimalautakunnan toimiala", 2022, 6, "actual", -2143195),
    ],
    "Elinvoimalautakunnan toimintakulujen ennuste 2022": [
        ("Elinvoimalautakunnan toimiala", 2022, 12, "forecast", -8489000),
    ],
    "Kiinteistö- ja mittauspalveluiden vuokratuotot 2022": [
        ("Kiinteistö- ja mittauspalvelut", 2022, 6, "actual", -168),
    ],
    "Kaupunkisuunnittelun palvelujen ostot 2022": [("Kaupunkisuunnittelu", 2022, 6, "actual", -64171)],
    "Elinkeinopalvelujen avustukset 2022": [("Elinkeinopalvelut", 2022, 6, "actual", -47500)],
    "Elinkeinopalvelujen avustusten toteutumaprosentti": [
        ("Elinkeinopalvelut", 2022, 6, "realization_pct", Decimal("161.00")),
    ],
    "Kulttuurin toimintatuotot alkuvuonna 2022": [("Kulttuuri", 2022, 6, "actual", 317996)],
    "Kulttuurin henkilöstökulut koko vuosi 2021": [("Kulttuuri", 2021, 12, "actual", -666 * K)],
    "Kulttuurin henkilöstökulut tilinpäätös 2021": [("Kulttuuri", 2021, 12, "actual", -666 * K)],
    "Työllisyyspalvelujen henkilöstökulut 1-6/2022": [("Työllisyyspalvelut", 2022, 6, "actual", -778154)],
    "Työllisyyspalvelujen henkilöstökulut 6/2022": [("Työllisyyspalvelut", 2022, 6, "actual", -778154)],
    "Kulttuurin toimintakate 6 kk 2021": [("Kulttuuri", 2021, 6, "actual", -369 * K)],
    "Kaupunkisuunnittelun toimintakulut talousarvio ja toteuma 2022": [
        ("Kaupunkisuunnittelu", 2022, 6, "actual", -256483),
        ("Kaupunkisuunnittelu", 2022, 12, "budget", -613000),
    ],
    "Kulttuurin tuet ja avustukset 2022": [("Kulttuuri", 2022, 6, "actual", 43381)],
    "Kulttuurin avustukset 2022": [("Kulttuuri", 2022, 6, "actual", -22000)],
    "Kulttuurin muut toimintakulut 2022": [("Kulttuuri", 2022, 6, "actual", -547)],
    "Kiinteistö- ja mittauspalvelujen muut toimintatuotot 2022": [
        ("Kiinteistö- ja mittauspalvelut", 2022, 6, "actual", 835098),
    ],
    "Elinkeinopalvelujen poistot ja arvonalentumiset 2022": [("Elinkeinopalvelut", 2022, 6, "actual", -137493)],
    "Työllisyyspalvelujen tilikauden tulos 2022": [("Työllisyyspalvelut", 2022, 6, "actual", -1474245)],
    "Elinvoimalautakunnan vuosikate 2022": [("Elinvoimalautakunnan toimiala", 2022, 6, "actual", -2143235)],
    "Elinvoimalautakunnan tilikauden tuloksen ennuste": [
        ("Elinvoimalautakunnan toimiala", 2022, 12, "forecast", -5162600),
    ],
    "Kulttuurin aineet, tarvikkeet ja tavarat 2022": [("Kulttuuri", 2022, 6, "actual", -37538)],
    "Kulttuurin maksutuotot viime vuonna": [("Kulttuuri", 2021, 12, "actual", 338 * K)],
    "Työllisyyspalvelujen myyntituottojen toteutumaprosentti kesäkuussa 2022": [
        ("Työllisyyspalvelut", 2022, 6, "realization_pct", Decimal("53.00")),
    ],
    "Kulttuurin vuokrakulut jäljellä": [("Kulttuuri", 2022, 6, "remaining", -166223)],
    "Kaupunkisuunnittelun henkilöstökulut 2021 ja 2022": [
        ("Kaupunkisuunnittelu", 2021, 6, "actual", -179 * K),
        ("Kaupunkisuunnittelu", 2022, 6, "actual", -175871),
    ],
    "Elinkeinopalvelujen toimintatuottojen talousarvio ja jäljellä 2022": [
        ("Elinkeinopalvelut", 2022, 6, "remaining", 138808),
        ("Elinkeinopalvelut", 2022, 12, "budget", 200000),
    ],
    "paljonko Kiinteistö- ja mittauspalvelujen toimintakate oli kesäkuussa 2022": [
        ("Kiinteistö- ja mittauspalvelut", 2022, 6, "actual", 466698),
    ],
    "personnel expenses of Kulttuuri in 2022": [("Kulttuuri", 2022, 6, "actual", -376574)],
    # Kauhava TP 2024 prints no committee toimintakate: TOIMINTATUOTOT 463 437 + TOIMINTAKULUT -2 978 383
    "Elämänlaatulautakunnan toimintakate 2024": [("Elämänlaatulautakunta", 2024, 12, "actual", -2514946)],
}

# questions whose answer is a ranking or a list over service areas: (section, value) in the order expected
LISTS: dict[str, list[tuple[str, Decimal | int]]] = {
    "toimintatuotot palvelualueittain 2022": [
        ("Työllisyyspalvelut", 392692), ("Elinkeinopalvelut", 61192), ("Kulttuuri", 317996),
        ("Kaupunkisuunnittelu", 0), ("Kiinteistö- ja mittauspalvelut", 872206),
    ],
    "henkilöstökulut palvelualueittain kesäkuussa 2022": [
        ("Työllisyyspalvelut", -778154), ("Elinkeinopalvelut", -177054), ("Kulttuuri", -376574),
        ("Kaupunkisuunnittelu", -175871), ("Kiinteistö- ja mittauspalvelut", -299916),
    ],
    "mikä Heinolan palvelualue on käyttänyt suurimman osan talousarviostaan": [
        ("Kulttuuri", Decimal("47.70")), ("Elinkeinopalvelut", Decimal("46.40")),
        ("Kiinteistö- ja mittauspalvelut", Decimal("46.10")), ("Työllisyyspalvelut", Decimal("43.20")),
        ("Kaupunkisuunnittelu", Decimal("41.80")),
    ],
    "mikä palvelualue on käyttänyt pienimmän osan talousarviostaan 2022": [
        ("Kaupunkisuunnittelu", Decimal("41.80")), ("Työllisyyspalvelut", Decimal("43.20")),
        ("Kiinteistö- ja mittauspalvelut", Decimal("46.10")), ("Elinkeinopalvelut", Decimal("46.40")),
        ("Kulttuuri", Decimal("47.70")),
    ],
    "operating revenue by service area 2022": [
        ("Työllisyyspalvelut", 392692), ("Elinkeinopalvelut", 61192), ("Kulttuuri", 317996),
        ("Kaupunkisuunnittelu", 0), ("Kiinteistö- ja mittauspalvelut", 872206),
    ],
}


@pytest.fixture(scope="module")
def vocabulary(built_warehouse):
    return ask.load_vocabulary(lambda sql, params: db.fetch(sql, params, built_warehouse.served_db))


def _answer(question: str, vocabulary, served) -> ask.Answer:
    return ask.answer(question, lambda sql, params: db.fetch(sql, params, served.served_db), vocabulary)


def _ask_cli(question: str, capsys) -> tuple[int, dict]:
    """`kuntatalous ask QUESTION --format json`, in this process (the same entry point as the installed command)."""
    code = cli.main(["ask", question, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("question", QUESTIONS)
def test_question_answered_with_printed_numbers(question, served, capsys):
    code, data = _ask_cli(question, capsys)
    assert code == 0, (data["unrecognised"], data["suggestions"])
    got = sorted(
        (r["section"], r["fiscal_year"], r["period_months"], r["measure"], Decimal(str(r["value"])))
        for r in data["rows"]
    )
    expected = sorted((s, y, p, m, Decimal(v)) for s, y, p, m, v in QUESTIONS[question])
    assert got == expected


@pytest.mark.parametrize("question", LISTS)
def test_list_and_ranking_questions(question, served, capsys):
    code, data = _ask_cli(question, capsys)
    assert code == 0, data["unrecognised"]
    got = [(r["section"], Decimal(str(r["value"]))) for r in data["rows"]]
    expected = [(s, Decimal(v)) for s, v in LISTS[question]]
    if data["understood"]["order"]:
        assert got == expected  # a ranking keeps its order
    else:
        assert sorted(got) == sorted(expected)


def test_inflected_forms_are_recognised(vocabulary):
    cases = {
        "Kulttuurin": ("area", "Kulttuuri"),
        "Työllisyyspalvelujen": ("area", "Työllisyyspalvelut"),
        "Työllisyyspalveluiden": ("area", "Työllisyyspalvelut"),
        "Kaupunkisuunnittelun": ("area", "Kaupunkisuunnittelu"),
        "henkilöstökuluja": ("line", "Henkilöstökulut"),
        "toimintakatteen": ("line", "Toimintakate"),
        "avustuksia": ("line", "Avustukset"),
        "Elinvoimalautakunnan": ("committee", "Elinvoimalautakunta"),
    }
    for word, (kind, label) in cases.items():
        u = ask.parse(word, vocabulary)
        found = {"area": u.areas, "line": u.lines, "committee": u.committees}[kind]
        assert [t.label.lower() for t in found] == [label.lower()], word


@pytest.mark.parametrize(
    "phrase,period,kind",
    [
        ("kesäkuussa 2022", 6, "explicit"),
        ("kesäkuun 2022", 6, "explicit"),
        ("maaliskuussa 2022", 3, "explicit"),
        ("tammi-kesäkuussa 2022", 6, "explicit"),
        ("koko vuosi 2021", 12, "full_year"),
        ("koko vuoden 2021", 12, "full_year"),
        ("alkuvuonna 2022", None, "early"),
        ("in june 2022", 6, "explicit"),
    ],
)
def test_periods(phrase, period, kind, vocabulary):
    u = ask.parse(f"Kulttuurin toimintakate {phrase}", vocabulary)
    assert u.ok, u.unknown
    assert (u.period, u.period_kind) == (period, kind)


def test_a_month_without_data_says_so(vocabulary, served):
    result = _answer("Elinvoimalautakunnan toimintatuotot maaliskuussa 2022", vocabulary, served)
    assert result.understanding.period == 3
    assert result.frame.is_empty() and result.message == "no data"


def test_unknown_words_are_named_with_suggestions(vocabulary, served):
    result = _answer("Kultuurin henkilöstökulut 2022", vocabulary, served)
    u = result.understanding
    assert not u.ok
    assert u.unknown == ["kultuurin"]
    assert "kulttuuri" in u.suggestions["kultuurin"]
    assert result.frame.is_empty()


def test_cli_json_shows_understanding_and_rows(served):
    out = kuntatalous("ask", "Kulttuurin henkilöstökulut 2021 ja 2022", "--format", "json", env=served.env())
    data = json.loads(out.stdout)
    assert data["understood"]["service_areas"] == ["Kulttuuri"]
    assert data["understood"]["lines"] == ["Henkilöstökulut"]
    assert data["understood"]["years"] == [2021, 2022]
    assert "marts.rpt_income_statement" in data["sql"]
    values = sorted((r["fiscal_year"], r["value"]) for r in data["rows"])
    assert values == [(2021, -267000.0), (2022, -376574.0)]


def test_cli_not_understood(served):
    out = kuntatalous("ask", "Kultuurin henkilöstökulut", "--format", "json", env=served.env(), check=False)
    assert out.returncode == 3
    data = json.loads(out.stdout)
    assert data["unrecognised"] == ["kultuurin"]
    assert "kulttuuri" in data["suggestions"]["kultuurin"]
    assert data["rows"] == []


def test_a_bare_question_answers_the_latest_year_with_computed_margins(served, capsys):
    # "toteuma" alone: the latest year (Kauhava 2024), every committee's toimintakate — computed from its parts,
    # since Kauhava prints none, and labelled so
    code, data = _ask_cli("toteuma", capsys)
    assert code == 0
    rows = {r["section"]: (r["line_item"], r["fiscal_year"], r["period_months"], Decimal(str(r["value"])))
            for r in data["rows"]}
    assert len(rows) == 8
    assert rows["Elämänlaatulautakunta"] == ("Toimintakate (laskettu)", 2024, 12, Decimal(-2514946))
    assert {r[0] for r in rows.values()} == {"Toimintakate (laskettu)"}
