"""The statutory lines of a municipal income statement and investment table (tuloslaskelmakaava, KuntaL/KILA),
their printed labels, and how they add up. The line codes are docs/architecture.md's "Line codes" (plus
`arvonalentumiset`, a statutory line under poistot that reports seldom print)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

# line code -> printed labels (lower case, spaces collapsed); one line per entry, in statutory order
LABELS: dict[str, tuple[str, ...]] = {
    "toimintatuotot": ("toimintatuotot",),
    "myyntituotot": ("myyntituotot",),
    "maksutuotot": ("maksutuotot",),
    "tuet_ja_avustukset": ("tuet ja avustukset",),
    "vuokratuotot": ("vuokratuotot",),
    "muut_toimintatuotot": ("muut toimintatuotot",),
    "valmistus_omaan_kayttoon": ("valmistus omaan käyttöön",),
    "valmistevarastojen_muutos": ("valmistevarastojen muutos",),
    "toimintakulut": ("toimintakulut",),
    "henkilostokulut": ("henkilöstökulut",),
    "palkat_ja_palkkiot": ("palkat ja palkkiot",),
    "henkilosivukulut": ("henkilösivukulut",),
    "elakekulut": ("eläkekulut",),
    "muut_henkilosivukulut": ("muut henkilösivukulut",),
    "palvelujen_ostot": ("palvelujen ostot",),
    "aineet_tarvikkeet_ja_tavarat": ("aineet, tarvikkeet ja tavarat",),
    "avustukset": ("avustukset",),
    "vuokrakulut": ("vuokrakulut",),
    "muut_toimintakulut": ("muut toimintakulut",),
    "toimintakate": ("toimintakate", "toimintakate/jäämä"),
    "verotulot": ("verotulot",),
    "valtionosuudet": ("valtionosuudet",),
    "rahoitustuotot_ja_kulut": ("rahoitustuotot ja -kulut",),
    "korkotuotot": ("korkotuotot",),
    "muut_rahoitustuotot": ("muut rahoitustuotot",),
    "korkokulut": ("korkokulut",),
    "muut_rahoituskulut": ("muut rahoituskulut",),
    "vuosikate": ("vuosikate",),
    "poistot_ja_arvonalentumiset": ("poistot ja arvonalentumiset",),
    "suunnitelman_mukaiset_poistot": ("suunnitelman mukaiset poistot",),
    "arvonalentumiset": ("arvonalentumiset",),
    "kertaluonteiset_poistot": ("kertaluonteiset poistot",),
    "satunnaiset_erat": ("satunnaiset erät", "satunnaiset tuotot ja kulut"),
    "satunnaiset_tuotot": ("satunnaiset tuotot",),
    "satunnaiset_kulut": ("satunnaiset kulut",),
    "tilikauden_tulos": ("tilikauden tulos",),
    "poistoeron_muutos": ("poistoeron muutos",),
    "varausten_muutos": ("varausten muutos",),
    "rahastojen_muutos": ("rahastojen muutos",),
    "tilikauden_ylijaama": ("tilikauden yli-/alijäämä", "tilikauden ylijäämä (alijäämä)", "tilikauden ylijäämä"),
    "investointitulot": ("tulot",),
    "investointimenot": ("menot",),
    "investoinnit_netto": ("netto",),
}
INVESTMENT_LINES = {"investointitulot", "investointimenot", "investoinnit_netto"}

# parent = sum of its children (those printed; an unprinted line is zero)
CHILDREN: dict[str, tuple[str, ...]] = {
    "toimintatuotot": ("myyntituotot", "maksutuotot", "tuet_ja_avustukset", "vuokratuotot", "muut_toimintatuotot"),
    "toimintakulut": ("henkilostokulut", "palvelujen_ostot", "aineet_tarvikkeet_ja_tavarat", "avustukset",
                      "vuokrakulut", "muut_toimintakulut"),
    "henkilostokulut": ("palkat_ja_palkkiot", "henkilosivukulut"),
    "henkilosivukulut": ("elakekulut", "muut_henkilosivukulut"),
    "rahoitustuotot_ja_kulut": ("korkotuotot", "muut_rahoitustuotot", "korkokulut", "muut_rahoituskulut"),
    "poistot_ja_arvonalentumiset": ("suunnitelman_mukaiset_poistot", "arvonalentumiset", "kertaluonteiset_poistot"),
    "satunnaiset_erat": ("satunnaiset_tuotot", "satunnaiset_kulut"),
}
# result line = sum of the lines before it (signed as printed: costs negative)
RESULTS: dict[str, tuple[str, ...]] = {
    "toimintakate": ("toimintatuotot", "valmistus_omaan_kayttoon", "valmistevarastojen_muutos", "toimintakulut"),
    "vuosikate": ("toimintakate", "verotulot", "valtionosuudet", "rahoitustuotot_ja_kulut"),
    "tilikauden_tulos": ("vuosikate", "poistot_ja_arvonalentumiset", "satunnaiset_erat"),
    "tilikauden_ylijaama": ("tilikauden_tulos", "poistoeron_muutos", "varausten_muutos", "rahastojen_muutos"),
    "investoinnit_netto": ("investointitulot", "investointimenot"),
}

_BY_LABEL = {label: code for code, labels in LABELS.items() for label in labels}
# Budget-style follow-ups call the operating lines just tulot / menot / netto (Lapua's "Menot 332.343"); in an
# investment table the same words are the investment lines.
_OPERATING_WORDS = {"tulot": "toimintatuotot", "menot": "toimintakulut", "netto": "toimintakate",
                    "netto (toimintakate)": "toimintakate", "rahoitustuotot ja kulut": "rahoitustuotot_ja_kulut"}
_KTAS = Path(__file__).resolve().parents[2] / "seeds" / "ktas_line_items.csv"
# footnote marks after a label ("Toimintakulut *)", "Verotulot 1)") and a closing colon
_FOOTNOTE = re.compile(r"(?:\s*(?:\*+\)?|\(\*\)|\d\)|\(\d\)))+$|:$")


def normal_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().lower()


def _budget_vocabulary() -> dict[str, str]:
    """KTAS budget names (seeds/ktas_line_items.csv) → line codes, through each name's income-statement synonym."""
    words: dict[str, str] = {}
    if not _KTAS.exists():
        return words
    with _KTAS.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code = _BY_LABEL.get(normal_label(record["income_statement_synonym_fi"] or ""))
            if code is None:
                continue
            name = normal_label(record["name_fi"])
            words[name] = code
            words[normal_label(re.sub(r"\s*\([+-]\)", "", name))] = code
    return words


_BUDGET_WORDS = _budget_vocabulary()


def line_code(label: str, kind: str | None = None) -> str | None:
    """The statutory line a printed label names, in statement or budget vocabulary; None when no seed knows it."""
    text = normal_label(_FOOTNOTE.sub("", label.strip()))
    code = _BY_LABEL.get(text) or _BUDGET_WORDS.get(text)
    if kind == "income_statement" and (code is None or code in INVESTMENT_LINES):
        code = _OPERATING_WORDS.get(text, code)
    return code
