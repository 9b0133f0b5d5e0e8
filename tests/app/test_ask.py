"""`kuntatalous ask`: questions in Finnish and English answered with the printed numbers, the reading shown.

Every expected number below was typed by hand from the reports: data/landing/reports/heinola_elinvoimalautakunta_
2022_06.txt (Heinola, Elinvoimalautakunta, 1–6/2022: TP 2021 and TOT 2021 6 kk printed in 1000 €, the other
columns in €) and data/landing/reports/kauhava_tilinpaatos_2024.txt (Kauhava, tilinpäätös 2024, committee tables
Alkuperäinen TA / TA muutokset / TA muutosten jälkeen / Toteutuma / Poikkeama, in €).

All questions go through ONE real `kuntatalous ask - --format json` process (one question a line on standard input,
one JSON object a line out: the same parse, answer and output as `kuntatalous ask "QUESTION"`); a few also through
their own process.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from app.query import ask, db
from tests.support import kuntatalous

K = 1000  # TP 2021 and TOT 2021 are printed in thousands

EV = "Elinvoimalautakunnan toimiala"
TY = "Työllisyyspalvelut"
EP = "Elinkeinopalvelut"
KU = "Kulttuuri"
KS = "Kaupunkisuunnittelu"
KM = "Kiinteistö- ja mittauspalvelut"
MK = "Maankäyttö"
KVL = "Keskusvaalilautakunta"
TAR = "Tarkastuslautakunta"
KV = "Kaupunginvaltuusto"
KH = "Kaupunginhallitus"
ELL = "Elämänlaatulautakunta"
HT = "Hallinto ja talous"
EK = "Elinkeinotoimi ja kehittäminen"

Row = tuple[str, int, int, str, Decimal]


def act22(section: str, value: int) -> Row:  # TOT 2022 6 kk
    return (section, 2022, 6, "actual", Decimal(value))


def tp21(section: str, thousands: int) -> Row:  # TP 2021, printed in 1000 €
    return (section, 2021, 12, "actual", Decimal(thousands * K))


def tot21(section: str, thousands: int) -> Row:  # TOT 2021 6 kk, printed in 1000 €
    return (section, 2021, 6, "actual", Decimal(thousands * K))


def ta22(section: str, value: int) -> Row:  # TA 2022 +muutos
    return (section, 2022, 12, "budget", Decimal(value))


def rem22(section: str, value: int) -> Row:  # Jäljellä
    return (section, 2022, 6, "remaining", Decimal(value))


def pct22(section: str, value: str) -> Row:  # TOT-22 %
    return (section, 2022, 6, "realization_pct", Decimal(value))


def fc22(section: str, value: int) -> Row:  # TP Ennuste
    return (section, 2022, 12, "forecast", Decimal(value))


def y24(section: str, measure: str, value: int) -> Row:  # Kauhava 2024
    return (section, 2024, 12, measure, Decimal(value))


ANSWERS: dict[str, list[Row]] = {
    # --- the five questions of issue 12
    "Kulttuurin vuokrakulujen toteumaprosentti 2022": [pct22(KU, "52.20")],
    "Työllisyyspalvelujen avustukset 2021 ja 2022": [tp21(TY, -1982), act22(TY, -897027), ta22(TY, -1885000)],
    "Paljonko Kiinteistö- ja mittauspalvelut sai vuokratuottoja vuonna 2021?": [tp21(KM, 594)],
    "How much were Kulttuuri's personnel costs in the first half of 2022?": [act22(KU, -376574)],
    # (the fifth, a superlative, is in RANKED)
    # --- actual of the running year (TOT 2022 6 kk)
    "Kulttuurin henkilöstökulut 2022": [act22(KU, -376574)],
    "paljonko Työllisyyspalvelujen toimintakate oli kesäkuussa 2022": [act22(TY, -1470325)],
    "Työllisyyspalveluiden toimintakate kesäkuun 2022 lopussa": [act22(TY, -1470325)],
    "Elinvoimalautakunnan toimintakate 2022": [act22(EV, -2143195)],
    "Kiinteistö- ja mittauspalveluiden vuokratuotot 2022": [act22(KM, -168)],
    "Kaupunkisuunnittelun palvelujen ostot 2022": [act22(KS, -64171)],
    "Elinkeinopalvelujen avustukset 2022": [act22(EP, -47500)],
    "Kulttuurin tuet ja avustukset 2022": [act22(KU, 43381)],
    "Kulttuurin avustukset 2022": [act22(KU, -22000)],
    "Kulttuurin muut toimintakulut 2022": [act22(KU, -547)],
    "Kiinteistö- ja mittauspalvelujen muut toimintatuotot 2022": [act22(KM, 835098)],
    "Elinkeinopalvelujen poistot ja arvonalentumiset 2022": [act22(EP, -137493)],
    "Työllisyyspalvelujen tilikauden tulos 2022": [act22(TY, -1474245)],
    "Elinvoimalautakunnan vuosikate 2022": [act22(EV, -2143235)],
    "Kulttuurin aineet, tarvikkeet ja tavarat 2022": [act22(KU, -37538)],
    "Elinvoimalautakunnan rahoitustuotot ja -kulut 2022": [act22(EV, -40)],
    "Työllisyyspalvelujen valmistus omaan käyttöön 2022": [act22(TY, 1053)],
    "Elinvoimalautakunnan myyntituottojen toteuma 2022": [act22(EV, 147637)],
    "Kaupunkisuunnittelun toimintakulujen toteutuma 2022": [act22(KS, -256483)],
    "Elinkeinopalvelujen muiden toimintakulujen toteuma": [act22(EP, -7566)],
    "Kiinteistö- ja mittauspalvelujen toimintakate": [act22(KM, 466698)],
    "Kulttuurin henkilöstökulut ja palvelujen ostot 2022": [act22(KU, -376574), act22(KU, -54275)],
    # --- a closed year's toteuma is its full-year actual (TP 2021)
    "Kulttuurin henkilöstökulut koko vuosi 2021": [tp21(KU, -666)],
    "Kulttuurin henkilöstökulut tilinpäätös 2021": [tp21(KU, -666)],
    "Kulttuurin maksutuotot viime vuonna": [tp21(KU, 338)],
    "Elinvoimalautakunnan henkilöstökulut 2021": [tp21(EV, -3057)],
    "Elinkeinopalvelujen avustukset vuonna 2021": [tp21(EP, -93)],
    "Elinvoimalautakunnan poistot ja arvonalentumiset 2021": [tp21(EV, -434)],
    "Työllisyyspalvelujen toimintakate 2021": [tp21(TY, -3065)],
    "Kiinteistö- ja mittauspalvelujen muiden toimintatuottojen toteuma 2021": [tp21(KM, 1481)],
    "Kaupunkisuunnittelun vuosikate 2021": [tp21(KS, -425)],
    "Elinvoimalautakunnan toimintatuottojen toteutuma vuonna 2021": [tp21(EV, 3417)],
    "Kulttuurin tilikauden tulos edellisenä vuonna": [tp21(KU, -816)],
    # --- the same months of the closed year (TOT 2021 6 kk)
    "Kulttuurin toimintakate 6 kk 2021": [tot21(KU, -369)],
    "Työllisyyspalvelujen henkilöstökulut 1-6/2021": [tot21(TY, -559)],
    "Elinvoimalautakunnan muut toimintatuotot kesäkuun loppuun 2021": [tot21(EV, 1268)],
    "Elinkeinopalvelujen palvelujen ostot tammi-kesäkuussa 2021": [tot21(EP, -430)],
    # --- budget (TA 2022 + muutos)
    "Kulttuurin henkilöstökulujen talousarvio 2022": [ta22(KU, -634300)],
    "Elinvoimalautakunnan toimintatuottojen talousarvio": [ta22(EV, 3646400)],
    "Työllisyyspalvelujen avustusten budjetti 2022": [ta22(TY, -1885000)],
    "Kaupunkisuunnittelun henkilöstökulujen määräraha": [ta22(KS, -322100)],
    "Kiinteistö- ja mittauspalvelujen vuokratuottojen tuloarvio 2022": [ta22(KM, 560000)],
    "Elinkeinopalvelujen toimintakatteen talousarvio": [ta22(EP, -1072700)],
    "Kulttuurin toimintakulujen talousarvio ja toteuma 2022": [act22(KU, -672311), ta22(KU, -1408100)],
    "Kaupunkisuunnittelun toimintakulut talousarvio ja toteuma 2022": [act22(KS, -256483), ta22(KS, -613000)],
    "Elinkeinopalvelujen toimintatuottojen talousarvio ja jäljellä 2022": [rem22(EP, 138808), ta22(EP, 200000)],
    # --- forecast (TP Ennuste)
    "Elinvoimalautakunnan toimintakulujen ennuste 2022": [fc22(EV, -8489000)],
    "Elinvoimalautakunnan tilikauden tuloksen ennuste": [fc22(EV, -5162600)],
    "Kulttuurin toimintatuottojen tilinpäätösennuste": [fc22(KU, 714900)],
    "Kiinteistö- ja mittauspalvelujen poistojen ja arvonalentumisten ennuste": [fc22(KM, -77000)],
    "Työllisyyspalvelujen vuosikatteen ennuste 2022": [fc22(TY, -3419500)],
    "Kaupunkisuunnittelun toimintakatteen TP-ennuste": [fc22(KS, -581000)],
    "Elinkeinopalvelujen tilikauden tulos ennuste 2022": [fc22(EP, -1312700)],
    # --- remaining (Jäljellä)
    "Kulttuurin henkilöstökulut jäljellä 2022": [rem22(KU, -257726)],
    "Kulttuurin vuokrakulut jäljellä": [rem22(KU, -166223)],
    "Elinvoimalautakunnan vuokratuotot jäljellä": [rem22(EV, 574351)],
    "Työllisyyspalvelujen toimintakulujen jäljellä oleva määrä 2022": [rem22(TY, -2450430)],
    "Elinkeinopalvelujen avustuksista jäljellä 2022": [rem22(EP, 18000)],
    "Kiinteistö- ja mittauspalvelujen maksutuotoista jäljellä": [rem22(KM, -3041)],
    "Kaupunkisuunnittelun palvelujen ostoista jäljellä 2022": [rem22(KS, -205829)],
    # --- realization % (TOT-22 %)
    "Kulttuurin henkilöstökulujen toteutumaprosentti 2022": [pct22(KU, "59.40")],
    "Elinkeinopalvelujen avustusten toteutumaprosentti": [pct22(EP, "161.00")],
    "Työllisyyspalvelujen myyntituottojen toteutumaprosentti kesäkuussa 2022": [pct22(TY, "53.00")],
    "Kaupunkisuunnittelun vuokrakulujen toteutumisprosentti": [pct22(KS, "81.40")],
    "Kulttuurin avustusten toteutumisaste": [pct22(KU, "88.00")],
    "Työllisyyspalvelujen toimintakulujen käyttöaste": [pct22(TY, "43.20")],
    "Kiinteistö- ja mittauspalvelujen maksutuottojen toteutumaprosentti": [pct22(KM, "111.50")],
    "Elinvoimalautakunnan toimintakatteen toteutuma % 2022": [pct22(EV, "44.30")],
    "Elinvoimalautakunnan vuokratuottojen toteumaprosentti": [pct22(EV, "1.00")],
    "Kulttuurin muiden toimintakulujen toteutumaprosentti": [pct22(KU, "0.80")],
    # --- Kauhava 2024: original budget, budget changes, variance, actual, budget
    "Keskusvaalilautakunnan palkat ja palkkiot alkuperäinen talousarvio": [y24(KVL, "original_budget", -94000)],
    "Kaupunginhallituksen tukien ja avustusten alkuperäinen talousarvio": [y24(KH, "original_budget", 637250)],
    "Elämänlaatulautakunnan myyntituotot alkuperäisen talousarvion mukaan": [y24(ELL, "original_budget", 27000)],
    "Tarkastuslautakunnan toimintakulujen alkuperäinen budjetti 2024": [y24(TAR, "original_budget", -42170)],
    "Kaupunginhallituksen henkilöstökulujen muutokset 2024": [y24(KH, "budget_change", 0)],
    "Keskusvaalilautakunnan toimintatuottojen talousarviomuutokset": [y24(KVL, "budget_change", 0)],
    "Elämänlaatulautakunnan avustusten talousarvion muutokset 2024": [y24(ELL, "budget_change", 0)],
    "Keskusvaalilautakunnan palkkojen ja palkkioiden poikkeama 2024": [y24(KVL, "variance", -4394)],
    "Tarkastuslautakunnan palvelujen ostojen poikkeama": [y24(TAR, "variance", -7856)],
    "Kaupunginvaltuuston muiden toimintakulujen ylitys": [y24(KV, "variance", -5103)],
    "Elämänlaatulautakunnan henkilöstökulujen poikkeama": [y24(ELL, "variance", 104173)],
    "Kaupunginhallituksen toimintatuottojen poikkeama talousarviosta": [y24(KH, "variance", 1086816)],
    "Elinkeinotoimi ja kehittäminen toimintakulujen poikkeama": [y24(EK, "variance", -194324)],
    "Keskusvaalilautakunnan toimintatuotot 2024": [y24(KVL, "actual", 85666)],
    "Kaupunginvaltuuston henkilöstökulut 2024": [y24(KV, "actual", -57695)],
    "Kaupunginhallituksen myyntituotot 2024": [y24(KH, "actual", 808886)],
    "Elämänlaatulautakunnan avustukset 2024": [y24(ELL, "actual", -319135)],
    "Hallinto ja talous toimintakate 2024": [y24(HT, "actual", -3545348)],
    "Elinkeinotoimen ja kehittämisen toimintatuotot": [y24(EK, "actual", 1586613)],
    "Tarkastuslautakunnan henkilösivukulut 2024": [y24(TAR, "actual", -979)],
    # no committee toimintakate is printed: TOIMINTATUOTOT 463 437 + TOIMINTAKULUT -2 978 383
    "Elämänlaatulautakunnan toimintakate 2024": [y24(ELL, "actual", -2514946)],
    "Tarkastuslautakunnan toimintakulujen talousarvio 2024": [y24(TAR, "budget", -42170)],
    "Kaupunginhallituksen palvelujen ostojen talousarvio": [y24(KH, "budget", -3219360)],
    # --- Heinola's investments (MAANKÄYTTÖ YHTEENSÄ)
    "Maankäytön investointimenot 2022": [act22(MK, -15626)],
    "Maankäytön investoinnit netto 2022": [act22(MK, -13640)],
    "Maankäytön investointitulot 2022": [act22(MK, 1985)],
    "Maankäytön investointimenot jäljellä": [rem22(MK, -424374)],
    "Maankäytön investointimenojen talousarvio": [ta22(MK, -440000)],
    # --- years side by side: each year's natural figure (closed: TP; running: TOT and TA)
    "Kulttuurin henkilöstökulut 2021 ja 2022": [tp21(KU, -666), act22(KU, -376574), ta22(KU, -634300)],
    "Kaupunkisuunnittelun henkilöstökulut 2021 ja 2022": [tp21(KS, -332), act22(KS, -175871), ta22(KS, -322100)],
    "Elinkeinopalvelujen toimintatuotot 2021 ja 2022": [tp21(EP, 247), act22(EP, 61192), ta22(EP, 200000)],
    "Kulttuurin henkilöstökulujen toteuma 2021 ja 2022": [tp21(KU, -666), act22(KU, -376574)],
    "Kulttuurin henkilöstökulut 1-6/2021 ja 1-6/2022": [tot21(KU, -267), act22(KU, -376574)],
    "Kulttuurin henkilöstökulut kesäkuun loppuun 2021 ja 2022": [tot21(KU, -267), act22(KU, -376574)],
    "Kiinteistö- ja mittauspalvelujen toimintakate vuosina 2021–2022": [
        tp21(KM, 1408), act22(KM, 466698), ta22(KM, 923800)],
    "Compare Kulttuuri's operating revenue 2021 and 2022": [tp21(KU, 419), act22(KU, 317996), ta22(KU, 714900)],
    "Työllisyyspalvelujen toimintakate viime vuonna ja 2022": [
        tp21(TY, -3065), act22(TY, -1470325), ta22(TY, -3419500)],
    "Elinvoimalautakunnan henkilöstökulut kesäkuussa 2021 ja 2022": [tot21(EV, -1376), act22(EV, -1807570)],
    # --- periods in words
    "Kulttuurin henkilöstökulut kesäkuun loppuun 2022": [act22(KU, -376574)],
    "Kulttuurin henkilöstökulut kesäkuun 2021 loppuun": [tot21(KU, -267)],
    "Kulttuurin toimintatuotot alkuvuonna 2022": [act22(KU, 317996)],
    "Kulttuurin toimintatuotot alkuvuoden aikana": [act22(KU, 317996)],
    "Työllisyyspalvelujen henkilöstökulut tammi-kesäkuussa 2022": [act22(TY, -778154)],
    "Kulttuurin toimintakate ensimmäisellä vuosipuoliskolla 2022": [act22(KU, -354315)],
    "Kulttuurin vuokrakulut 1–6/2022": [act22(KU, -181377)],
    "Työllisyyspalvelujen henkilöstökulut 6/2022": [act22(TY, -778154)],
    "Kulttuurin henkilöstökulut koko vuoden 2021 aikana": [tp21(KU, -666)],
    "Elinkeinopalvelujen avustukset 2021 tilinpäätös": [tp21(EP, -93)],
    "Kaupunkisuunnittelun toimintakulut vuoden 2022 alkupuoliskolla": [act22(KS, -256483)],
    # --- English (line names from the seed and the State Treasury's KTAS list; areas keep their Finnish names)
    "What was the operating margin of Työllisyyspalvelut in 2022?": [act22(TY, -1470325)],
    "Kulttuuri operating revenue budget 2022": [ta22(KU, 714900)],
    "forecast of operating expenses for Elinvoimalautakunta 2022": [fc22(EV, -8489000)],
    "Keskusvaalilautakunta variance of personnel expenses 2024": [y24(KVL, "variance", 3282)],
    "Kulttuuri rental expenses remaining 2022": [rem22(KU, -166223)],
    "Kulttuuri personnel expenses realization rate 2022": [pct22(KU, "59.40")],
    "Elinkeinopalvelut grants paid in 2021": [tp21(EP, -93)],
    "Kulttuuri sales revenue actual 2022": [act22(KU, 33816)],
    "staff expenditure of Kulttuuri in 2022": [act22(KU, -376574)],
    "Työllisyyspalvelut operating income 2022": [act22(TY, 392692)],
    "Kaupunginhallitus original budget of personnel expenses 2024": [y24(KH, "original_budget", -2802940)],
    "Kulttuuri's depreciation and impairment in 2022": [act22(KU, -2231)],
    "services purchased by Kaupunkisuunnittelu in the first half of 2022": [act22(KS, -64171)],
    "Kiinteistö- ja mittauspalvelut fee revenue in June 2022": [act22(KM, 29441)],
    "annual margin of Elinkeinopalvelut 2021": [tp21(EP, -1125)],
    "Kulttuuri subsidies and grants 2022": [act22(KU, 43381)],
    # --- ordinary verbs and question words never block an answer
    "Paljonko Kulttuuri käytti henkilöstökuluihin vuonna 2022?": [act22(KU, -376574)],
    "Kuinka paljon Työllisyyspalvelut sai tukia ja avustuksia 2022?": [act22(TY, 286720)],
    "Mitä Kaupunkisuunnittelu maksoi vuokrakuluja 2022?": [act22(KS, -15051)],
    "Paljonko Elinkeinopalvelut oli käyttänyt palvelujen ostoihin kesäkuun loppuun mennessä 2022?": [
        act22(EP, -294593)],
    "Kuinka paljon Kulttuurilla on jäljellä henkilöstökuluja 2022?": [rem22(KU, -257726)],
    "Paljonko Työllisyyspalvelut kerrytti myyntituottoja 2022?": [act22(TY, 105972)],
    "Mitkä olivat Kulttuurin maksutuotot vuonna 2021?": [tp21(KU, 338)],
    "Paljonko Elinvoimalautakunnan toimiala ennustaa toimintakuluiksi 2022?": [fc22(EV, -8489000)],
    "Paljonko Kiinteistö- ja mittauspalvelut on saanut maksutuottoja tänä vuonna?": [act22(KM, 29441)],
    "Montako euroa Kulttuuri sai maksutuottoja 2022?": [act22(KU, 234982)],
    # käyttää alone: the operating expenses
    "paljonko Kulttuuri käytti rahaa 2022": [act22(KU, -672311)],
    # a word not understood, but area, line and measure are named: answered, the word shown as not understood
    "Kulttuurin henkilöstökulujen toteuma 2022 kiitos": [act22(KU, -376574)],
}

# a superlative ranks by the measure asked: (section, value) in the order expected
RANKED: dict[str, list[tuple[str, Decimal]]] = {
    "Millä palvelualueella henkilöstökulujen toteumaprosentti on suurin vuonna 2022?": [
        (KU, Decimal("59.40")), (KS, Decimal("54.60")), (KM, Decimal("48.90")), (EP, Decimal("46.50")),
        (TY, Decimal("38.20"))],
    "Which service area had the highest realization rate of personnel expenses in 2022?": [
        (KU, Decimal("59.40")), (KS, Decimal("54.60")), (KM, Decimal("48.90")), (EP, Decimal("46.50")),
        (TY, Decimal("38.20"))],
    "mikä Heinolan palvelualue on käyttänyt suurimman osan talousarviostaan": [
        (KU, Decimal("47.70")), (EP, Decimal("46.40")), (KM, Decimal("46.10")), (TY, Decimal("43.20")),
        (KS, Decimal("41.80"))],
    "mikä palvelualue on käyttänyt pienimmän osan talousarviostaan 2022": [
        (KS, Decimal("41.80")), (TY, Decimal("43.20")), (KM, Decimal("46.10")), (EP, Decimal("46.40")),
        (KU, Decimal("47.70"))],
    # a cost is largest when most negative
    "Mikä palvelualue käytti eniten henkilöstökuluihin 2022?": [
        (TY, Decimal(-778154)), (KU, Decimal(-376574)), (KM, Decimal(-299916)), (EP, Decimal(-177054)),
        (KS, Decimal(-175871))],
    "Missä palvelualueessa toimintatuotot olivat suurimmat 2022?": [
        (KM, Decimal(872206)), (TY, Decimal(392692)), (KU, Decimal(317996)), (EP, Decimal(61192)),
        (KS, Decimal(0))],
    "pienin toimintakate palvelualueittain 2022": [
        (TY, Decimal(-1470325)), (EP, Decimal(-528769)), (KU, Decimal(-354315)), (KS, Decimal(-256483)),
        (KM, Decimal(466698))],
    "lowest operating margin by service area 2022": [
        (TY, Decimal(-1470325)), (EP, Decimal(-528769)), (KU, Decimal(-354315)), (KS, Decimal(-256483)),
        (KM, Decimal(466698))],
    "Minkä palvelualueen vuokrakulujen talousarvio on suurin 2022?": [
        (KU, Decimal(-347600)), (TY, Decimal(-233200)), (EP, Decimal(-99100)), (KM, Decimal(-43500)),
        (KS, Decimal(-18500))],
}

# lists over service areas, in any order
LISTS: dict[str, list[tuple[str, Decimal]]] = {
    "toimintatuotot palvelualueittain 2022": [
        (TY, Decimal(392692)), (EP, Decimal(61192)), (KU, Decimal(317996)), (KS, Decimal(0)),
        (KM, Decimal(872206))],
    "operating revenue by service area 2022": [
        (TY, Decimal(392692)), (EP, Decimal(61192)), (KU, Decimal(317996)), (KS, Decimal(0)),
        (KM, Decimal(872206))],
    "henkilöstökulut palvelualueittain kesäkuussa 2022": [
        (TY, Decimal(-778154)), (EP, Decimal(-177054)), (KU, Decimal(-376574)), (KS, Decimal(-175871)),
        (KM, Decimal(-299916))],
}

# questions that must NOT be answered: (reason, the word named, a name offered for it or None)
NOT_ANSWERED: dict[str, tuple[str, str | None, str | None]] = {
    # typos: "did you mean", never a silent substitution
    "Kultuurin henkilöstökulut 2022": ("not understood", "kultuurin", "kulttuuri"),
    "Kulttuurin henkilöstökulujen budjetii 2022": ("not understood", "budjetii", "budjetti"),
    "Työllisyyspalvelujen henkilöstökult 2022": ("not understood", "henkilöstökult", "henkilöstökulut"),
    "Elinvoimalautakunan toimintakate 2022": ("not understood", "elinvoimalautakunan", "elinvoimalautakunnan"),
    "Kaupunkisuunitelun toimintakulut": ("not understood", "kaupunkisuunitelun", "kaupunkisuunnittelu"),
    "personel costs of Kulttuuri 2022": ("not understood", "personel", "personnel"),
    # an unknown content word, and the rest does not name area, line and measure
    "Kulttuurin kahvikulut 2022": ("not understood", "kahvikulut", None),
    "Kulttuurin henkilöstökulut 2022 plaa": ("not understood", "plaa", None),
    "Kasvatuksen henkilöstökulut": ("not understood", "kasvatuksen", "Kasvatus- ja opetuslautakunta"),
    "asdf qwerty": ("not understood", "asdf", None),
    "'; drop table x; --": ("not understood", "drop", None),
    # one word of several names
    "Hallinnon toimintakulut 2024": ("ambiguous", "hallinnon", "Hallinto ja talous"),
    "Teknisen toimintakate": ("ambiguous", "teknisen", "Tekninen lautakunta"),
    # nothing but words without meaning
    "mikä on paljonko": ("nothing recognised", None, None),
    "How much?": ("nothing recognised", None, None),
}

# understood, but the reports print no such figure: answered with "no data"
NO_DATA = (
    "Elinvoimalautakunnan toimintatuotot maaliskuussa 2022",
    "Kulttuurin toimintakate 2020",
    "Kulttuurin henkilöstökulujen alkuperäinen talousarvio 2022",  # Heinola prints no original budget
    "Kaupunkisuunnittelun avustukset 2022",  # no such line in Kaupunkisuunnittelu's table
)

ALL_QUESTIONS = [*ANSWERS, *RANKED, *LISTS, *NOT_ANSWERED, *NO_DATA]


@pytest.fixture(scope="module")
def cli_answers(built_warehouse) -> dict[str, dict]:
    """Every question through one real `kuntatalous ask -` process: one JSON object a line."""
    out = kuntatalous("ask", "-", "--format", "json", env=built_warehouse.env(), check=False,
                      stdin="\n".join(ALL_QUESTIONS) + "\n")
    assert out.returncode == 3, out.stderr[-3000:]  # some questions are (rightly) not answered
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["question"] for a in answers] == ALL_QUESTIONS
    return {a["question"]: a for a in answers}


def _rows(data: dict) -> list[Row]:
    return sorted((r["section"], r["fiscal_year"], r["period_months"], r["measure"], Decimal(str(r["value"])))
                  for r in data["rows"])


def test_at_least_150_questions_with_answers_typed_from_the_reports():
    assert len(ANSWERS) + len(RANKED) + len(LISTS) >= 150
    assert len(set(ALL_QUESTIONS)) == len(ALL_QUESTIONS)


@pytest.mark.parametrize("question", ANSWERS)
def test_answered_with_the_printed_figure(question, cli_answers):
    data = cli_answers[question]
    assert data["answered"], (data["reason"], data["unrecognised"], data["ambiguous"], data["suggestions"])
    assert _rows(data) == sorted(ANSWERS[question])


@pytest.mark.parametrize("question", ANSWERS)
def test_every_answer_shows_the_reading_it_used(question, cli_answers):
    data = cli_answers[question]
    u = data["understood"]
    place = u["service_areas"] + u["committees"] + u["municipalities"]
    assert place and u["lines"] and u["measures"] and u["year_periods"]
    for part in (place[0], u["lines"][0], str(u["years"][-1])):
        assert part in data["reading"], (part, data["reading"])


@pytest.mark.parametrize("question", RANKED)
def test_superlatives_rank_by_the_measure_asked(question, cli_answers):
    data = cli_answers[question]
    assert data["answered"], (data["reason"], data["unrecognised"])
    assert data["understood"]["order"] in ("desc", "asc")
    assert [(r["section"], Decimal(str(r["value"]))) for r in data["rows"]] == RANKED[question]


@pytest.mark.parametrize("question", LISTS)
def test_lists_over_service_areas(question, cli_answers):
    data = cli_answers[question]
    assert data["answered"], data["unrecognised"]
    assert sorted((r["section"], Decimal(str(r["value"]))) for r in data["rows"]) == sorted(LISTS[question])


@pytest.mark.parametrize("question", NOT_ANSWERED)
def test_not_answered_with_the_reason(question, cli_answers):
    data = cli_answers[question]
    reason, word, offered = NOT_ANSWERED[question]
    assert not data["answered"]
    assert data["reason"] == reason
    assert data["rows"] == [] and data["sql"] == ""
    if reason == "ambiguous":
        assert offered in data["ambiguous"][word]
    elif word:
        assert word in data["unrecognised"]
        if offered:  # did you mean ...
            assert offered.lower() in [s.lower() for s in data["suggestions"][word]]


@pytest.mark.parametrize("question", NO_DATA)
def test_understood_but_not_printed_says_no_data(question, cli_answers):
    data = cli_answers[question]
    assert data["answered"] and data["rows"] == [] and data["message"] == "no data"


def test_words_without_meaning_are_skipped_and_shown(cli_answers):
    skipped = {
        "Paljonko Kiinteistö- ja mittauspalvelut sai vuokratuottoja vuonna 2021?": {"paljonko", "sai"},
        "Mitä Kaupunkisuunnittelu maksoi vuokrakuluja 2022?": {"mitä", "maksoi"},
        "Paljonko Työllisyyspalvelut kerrytti myyntituottoja 2022?": {"kerrytti"},
        "How much were Kulttuuri's personnel costs in the first half of 2022?": {"how", "much", "were"},
    }
    for question, words in skipped.items():
        assert words <= set(cli_answers[question]["ignored"]), question
        assert cli_answers[question]["unrecognised"] == []


def test_a_word_not_understood_is_shown_even_when_answered(cli_answers):
    data = cli_answers["Kulttuurin henkilöstökulujen toteuma 2022 kiitos"]
    assert data["answered"] and data["unrecognised"] == ["kiitos"]


def test_compounds_are_split_into_known_parts(cli_answers):
    data = cli_answers["Kulttuurin vuokrakulujen toteumaprosentti 2022"]
    assert data["understood"]["measures"] == ["realization_pct"]
    assert {"word": "toteumaprosentti", "as": "mittari: toteutuma-%"} in data["recognised"]


# --- through their own process, as a user types them

def test_cli_json_shows_understanding_and_rows(served):
    out = kuntatalous("ask", "Kulttuurin henkilöstökulut 2021 ja 2022", "--format", "json", env=served.env())
    data = json.loads(out.stdout)
    assert data["understood"]["service_areas"] == ["Kulttuuri"]
    assert data["understood"]["lines"] == ["Henkilöstökulut"]
    assert data["understood"]["years"] == [2021, 2022]
    assert data["understood"]["year_periods"] == {"2021": 12, "2022": 6}
    assert data["reading"] == "Kulttuuri · Henkilöstökulut · toteuma · 2021 (1–12/2021), 2022 (1–6/2022)"
    assert "from marts.rpt_report_cells" in data["sql"]  # the report cells come from their mart
    values = sorted((r["fiscal_year"], r["measure"], r["value"]) for r in data["rows"])
    assert values == [(2021, "actual", -666000.0), (2022, "actual", -376574.0), (2022, "budget", -634300.0)]


def test_cli_not_understood_says_did_you_mean(served):
    out = kuntatalous("ask", "Kultuurin henkilöstökulut", env=served.env(), check=False)
    assert out.returncode == 3
    assert "not recognised: 'kultuurin' (did you mean: kulttuuri" in out.stderr


def test_cli_table_shows_the_reading_and_skipped_words(served):
    out = kuntatalous("ask", "Paljonko Kulttuuri käytti henkilöstökuluihin vuonna 2022?", env=served.env())
    assert "reading: Kulttuuri · Henkilöstökulut · toteuma · 2022 (1–6/2022)" in out.stdout
    assert "skipped: paljonko" in out.stdout
    assert "-376574" in out.stdout


def test_cli_loads_neither_streamlit_nor_the_analyser_for_words_as_written(served):
    # a question whose words are all in the vocabulary as written never pays Voikko's import
    probe = (
        "import sys; from ingestion import cli; code = cli.main(['ask', 'Kulttuuri henkilöstökulut 2022']);"
        "print('MODULES', 'streamlit' in sys.modules, 'pyvoikko' in sys.modules)"
    )
    import subprocess
    import sys

    from tests.support import PROJECT_DIR

    out = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_DIR, env=served.env(), capture_output=True,
                         text=True, check=True)
    assert "MODULES False False" in out.stdout
    out = subprocess.run([sys.executable, "-c", probe.replace("Kulttuuri henkilöstökulut", "Kulttuurin kuluja")],
                         cwd=PROJECT_DIR, env=served.env(), capture_output=True, text=True, check=False)
    assert "MODULES False True" in out.stdout


# --- the parser on its own

@pytest.fixture(scope="module")
def vocabulary(built_warehouse):
    return ask.load_vocabulary(lambda sql, params: db.fetch(sql, params, built_warehouse.served_db))


def test_inflected_forms_are_recognised(vocabulary):
    cases = {
        "Kulttuurin": ("area", "Kulttuuri"),
        "Kulttuurissa": ("area", "Kulttuuri"),
        "Työllisyyspalvelujen": ("area", "Työllisyyspalvelut"),
        "Työllisyyspalveluiden": ("area", "Työllisyyspalvelut"),
        "Kaupunkisuunnittelun": ("area", "Kaupunkisuunnittelu"),
        "henkilöstökuluja": ("line", "Henkilöstökulut"),
        "henkilöstökuluihin": ("line", "Henkilöstökulut"),
        "toimintakatteen": ("line", "Toimintakate"),
        "avustuksia": ("line", "Avustukset"),
        "Elinvoimalautakunnan": ("committee", "Elinvoimalautakunta"),
        "Kaupunginhallituksen": ("committee", "Kaupunginhallitus"),
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
        ("kesäkuun loppuun 2022", 6, "explicit"),
        ("maaliskuussa 2022", 3, "explicit"),
        ("tammi-kesäkuussa 2022", 6, "explicit"),
        ("1–6/2022", 6, "explicit"),
        ("koko vuosi 2021", 12, "full_year"),
        ("koko vuoden 2021", 12, "full_year"),
        ("alkuvuonna 2022", None, "early"),
        ("in june 2022", 6, "explicit"),
        ("in the first half of 2022", 6, "explicit"),
    ],
)
def test_periods(phrase, period, kind, vocabulary):
    u = ask.parse(f"Kulttuurin toimintakate {phrase}", vocabulary)
    assert u.ok, (u.unknown, u.reason)
    assert (u.period, u.period_kind) == (period, kind)


def test_a_bare_question_answers_the_latest_year_with_computed_margins(served):
    # "toteuma" alone: the latest year (2024), every committee's toimintakate at its own latest period — Kauhava's
    # computed from its parts, since Kauhava prints none, and labelled so
    result = ask.answer("toteuma", lambda sql, params: db.fetch(sql, params, served.served_db))
    rows = {r["section"]: (r["line_item"], r["fiscal_year"], r["period_months"], r["value"])
            for r in result.frame.iter_rows(named=True) if r["municipality"] == "Kauhava"}
    assert len(rows) == 8
    assert rows["Elämänlaatulautakunta"] == ("Toimintakate (laskettu)", 2024, 12, Decimal(-2514946))
    assert {r[0] for r in rows.values()} == {"Toimintakate (laskettu)"}
