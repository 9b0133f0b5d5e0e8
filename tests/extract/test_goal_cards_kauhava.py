"""Kauhava's annual report 2024 prints its owner-control goals for its companies as small ruled tables
(Tavoite | Toimenpide/mittari, Arviointi | Tila). Read from the PDF's word positions and rules, they must equal
the values below, typed by hand from the page images (`pdftoppm -png -r 100 -f N -l N`) of PDF pages 58, 60, 63
and 72 (printed page numbers 57, 59, 62 and 71). A line break typed inside a cell is a newline; a word the
PDF hyphenated at a line end is written whole."""

from __future__ import annotations

import pytest
from tests_extract_support import KAUHAVA_PDF

from ingestion.extract.goal_cards import read_goal_cards

JAAHALLI, VESI, VUOKRA, KAUKOLAMPO = ("Kauhavan Jäähalli Oy", "Kauhavan Vesi Oy", "Kauhavan Vuokra-asunnot Oy",
                                      "Kauhavan Kaukolämpö Oy")
TALOUDELLISET, TOIMINNALLISET = "Taloudelliset tavoitteet", "Toiminnalliset tavoitteet"

# (company, theme, Tavoite, Toimenpide/mittari, Arviointi, Tila) as printed
TYPED = [
    # page 58 (57/157)
    (JAAHALLI, TALOUDELLISET, "Taloudellinen tulos", "Vähintään nollatulos", "Ei toteutunut, tappio 8.941 €",
     "Valmis"),
    (JAAHALLI, TALOUDELLISET, "Käyttötuntihinta",
     "Hyväksytään energian korkeaan hintaan perustuen hoitokustannukset alittava tuntihinta vuodelle 2024.",
     "Toteutui", "Valmis"),
    (JAAHALLI, TALOUDELLISET, "Yhtiön vakavaraisuus vahvistuu", "Omavaraisuusaste vähintään 22 % vuonna 2025.",
     "Toteutui", "Valmis"),
    # page 60 (59/157)
    (VESI, TALOUDELLISET, "Taloudellinen tulos",
     "Voitollinen.\nTuottotavoite: 5 % sijoitetulle pääomalle.\nYhtiö maksaa osinkoa 6 % sijoitetulle pääomalle.",
     "Tavoitteet toteutuvat", "Valmis"),
    (VESI, TALOUDELLISET, "Yhtiön vakavaraisuus", "Omavaraisuusaste yli 20 %.",
     "Toteutuu.\nOmaraisuusaste n. 60 %", "Valmis"),
    (VESI, TALOUDELLISET, "Yhtiön tulorahoitus riittää lainoihin ja korvausinvestointeihin",
     "Rahoitustulos positiivinen.", "Toteutuu", "Valmis"),
    (VESI, TALOUDELLISET, "Yhtiön maksuvalmius on hyvä", "Quick ratio–tunnusluvun arvo on vähintään 1,0.",
     "Toteutuu-\nQuick ratio 2,6", "Valmis"),
    # page 63 (62/157)
    (VUOKRA, TALOUDELLISET, "Yhtiön vakavaraisuus paranee", "Omavaraisuusaste yli 12 % vuonna 2025.",
     "Toteutui, nyt 12,1 %", "Valmis"),
    (VUOKRA, TALOUDELLISET, "Yhtiöiden maksuvalmius on hyvä", "Quick ratio – tunnusluvun tavoitearvo vähintään 0,5.",
     "Ei toteutunut, quick ratio alle 0,1", "Valmis"),
    (VUOKRA, TALOUDELLISET, "Yhtiön tulorahoitus riittää lainoihin ja korvausinvestointeihin",
     "Rahoitustulos vähintään nolla.", "Toteutui, rahoitustulos 690 t€", "Valmis"),
    (VUOKRA, TALOUDELLISET, "Vieraan pääoman määrä", "Enintään 500 euroa / vuokrattu m²",
     "Toteutui, lainamäärä nyt 421 €/vuokrattava m2", "Valmis"),
    (VUOKRA, TOIMINNALLISET, "Asukkaille tarjotaan viihtyisä ja turvallinen asuinympäristö",
     "Asuntokannan modernisointi.", "Toteutui, mitattu KOVA:n toteuttamalla asiakastyytyväisyyskyselyllä",
     "Valmis"),
    (VUOKRA, TOIMINNALLISET, "Tilojen käyttöaste", "Käyttöaste pidetään yli 90 %:ssa.",
     "Toteutui, käyttöaste 2024 vuonna 91,6%", "Valmis"),
    (VUOKRA, TOIMINNALLISET, "Päätöksen saaminen asuntohakemukseen", "Enintään 7 päivää hakemuksen jättämisestä.",
     "Toteutui", "Valmis"),
    # page 72 (71/157)
    (KAUKOLAMPO, TOIMINNALLISET, "Tuotanto on ympäristöystävällistä ja CO2-vapaata",
     "Uusiutuvan energiaraaka-aineen osuus vähintään 70 %.", "Toteutuu", "Valmis"),
    (KAUKOLAMPO, TOIMINNALLISET, "Yhtiö tuottaa energian kilpailukykyiseen hintaan",
     "Kaukolämmön hintatilasto (energiateollisuus): alle erillistuotannon keskihinnan",
     "Toteutuu, 2024 hinta on ollut noin 19 % alle keskiarvon.", "Valmis"),
    (KAUKOLAMPO, TOIMINNALLISET, "Tuotannon korkea hyötysuhde säilytetään",
     "Lämmön talteenoton (savukaasujen ja hukkalämpöjen) osuus myynnistä 21 % vuoteen 2026 mennessä.",
     ("Nyt vain 15,4 %. Ollut parempikin mutta tuotantokustannusten ero ohjasi tuotantoa enemmän polttamiseen. "
     "2026 tavoite teknisesti saavutettavissa."), "Valmis"),
    (KAUKOLAMPO, TOIMINNALLISET, "Lämmönjakelun turvaaminen kaikissa olosuhteissa:",
     "Toimitusvarmuus asiakasjakelujärjestelmässä 99,9 %", "Toteutuu", "Valmis"),
    (KAUKOLAMPO, TOIMINNALLISET, "Lämmöntuotanto on tehokasta",
     "Myytävän energian määrä/työntekijä: 14.000 MWh vuoteen 2026", "Toteutuu, on noin 17 000 MWh", "Valmis"),
]


@pytest.fixture(scope="module")
def cards():
    if not KAUHAVA_PDF.exists():
        pytest.fail(f"the Kauhava reference document is missing: {KAUHAVA_PDF}")
    findings = []
    rows = read_goal_cards(KAUHAVA_PDF, "Kauhava", 2024, findings)
    return rows, findings


def test_nineteen_goals_typed_from_the_page_images_are_read_exactly(cards):
    rows, _ = cards
    read = [(r.committee, r.strategic_theme, r.goal, r.measures, r.realization, r.status) for r in rows]
    missing = [typed for typed in TYPED if typed not in read]
    assert not missing, "\n".join(f"not read as typed: {m}\n  closest goal: "
                                  f"{[r for r in read if r[2] == m[2] and r[0] == m[0]]}" for m in missing)
    assert len(TYPED) >= 15


def test_the_typed_goals_come_in_print_order(cards):
    rows, _ = cards
    read = [(r.committee, r.strategic_theme, r.goal, r.measures, r.realization, r.status) for r in rows]
    positions = [read.index(typed) for typed in TYPED]
    assert positions == sorted(positions)


def test_every_card_of_the_report_lands_with_its_company_and_year(cards):
    rows, findings = cards
    assert len(rows) == 57  # "Toimenpide/mittari" heads 57 cards on PDF pages 58–72
    assert len({r.goal_id for r in rows}) == 57
    assert {r.committee for r in rows} == {
        JAAHALLI, VESI, VUOKRA, KAUKOLAMPO, "Kauhavan Yrityskiinteistöt Oy", "Kauhavan Hyvinvointikeskus Oy",
        "Kiinteistö Oy Säästökeskus", "Suomen Yrittäjäopisto Oy"}
    assert {(r.fiscal_year, str(r.reported_at), r.level) for r in rows} == {(2024, "2024-12-31", "operational")}
    assert all(r.goal and r.realization and r.status == "Valmis" for r in rows)
    assert findings == []
