"""The question engine's vocabulary: the fixed words (measures, months, periods, question words) and the names of
service areas, committees, municipalities and lines read from the warehouse's dimension tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from app.query import queries

Runner = Callable[[str, Sequence[Any] | None], pl.DataFrame]

MEASURES = ("actual", "budget", "original_budget", "forecast", "remaining", "realization_pct", "variance")
MEASURE_FI = {
    "actual": "toteuma",
    "budget": "talousarvio + muutokset",
    "original_budget": "alkuperäinen talousarvio",
    "forecast": "ennuste",
    "remaining": "jäljellä",
    "realization_pct": "toteutuma-%",
    "variance": "poikkeama",
}

# word stems (a token starting with the stem matches); checked before the dimension vocabulary
MEASURE_STEMS = {
    "actual": ("toteuma", "toteutuma", "toteutun", "toteutui", "actual", "spent", "tot"),
    "budget": ("talousarvio", "budjet", "määrära", "tuloarvio", "budget", "ta"),
    "original_budget": ("alkuperäi", "original"),
    "forecast": ("ennuste", "ennusti", "forecast", "tp-ennuste"),
    "remaining": ("jäljellä", "jäljell", "remaining", "left"),
    "realization_pct": (
        "toteutumaprosent", "toteutumisaste", "toteutumis", "käyttöaste", "prosent", "%", "realization",
        "realisation", "percent", "osuus", "osuuden", "osan",
    ),
    "variance": ("poikkeam", "ylity", "alitu", "variance", "deviation"),
}
EXACT_ONLY = {"ta", "tot", "tp", "%", "left", "osan"}  # too short or too common to match as prefixes
MONTHS = (
    ("tammikuu", "january"), ("helmikuu", "february"), ("maaliskuu", "march"), ("huhtikuu", "april"),
    ("toukokuu", "may"), ("kesäkuu", "june"), ("heinäkuu", "july"), ("elokuu", "august"),
    ("syyskuu", "september"), ("lokakuu", "october"), ("marraskuu", "november"), ("joulukuu", "december"),
)
MONTH_SHORT = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
EARLY_STEMS = ("alkuvuo", "alkuvuosi", "ytd", "year-to-date", "puolivuo")
FULL_YEAR_STEMS = ("vuositaso", "tilinpäätö", "tp")
PREV_YEAR = ("viime", "edellinen", "edellisen", "edellisenä", "last", "previous")
GROUP_AREA = ("palvelualue", "palvelualuei", "serviceare")
GROUP_COMMITTEE = ("lautakunnittain", "lautakunnat", "lautakuntien", "toimialoittain", "toimialat", "committees")
SPEND = ("käyttä", "käytt", "kulutta", "used", "spent", "spend")
MOST = ("suurin", "suurimm", "eniten", "korkein", "korkeimm", "most", "highest", "largest", "biggest", "top")
LEAST = ("pienin", "pienimm", "vähiten", "alhaisin", "alhaisimm", "matalin", "least", "lowest", "smallest")
STOPWORDS = {
    "mikä", "mitkä", "mitä", "mikäli", "paljonko", "kuinka", "paljon", "oli", "olivat", "on", "ovat", "ollut",
    "olleet", "ja", "sekä", "tai", "vuonna", "vuosina", "vuoden", "vuosi", "vuodelle", "vuodelta", "kaudella",
    "kauden", "ajalla", "aikana", "näytä", "kerro", "hae", "listaa", "anna", "vertaa", "mukaan", "yhteensä",
    "kaikki", "kaikkien", "euroa", "euroina", "eur", "€", "kk", "koko", "kuussa", "kuun", "asti", "mennessä",
    "ja/tai", "kpl", "sen", "se", "ne", "niiden", "sitä", "kumpi", "kuka", "missä", "millä", "jolla",
    "joka", "jossa", "verrattuna", "vs", "lopussa", "loppuun", "alussa", "talousarviostaan", "talousarviosta", "budjetistaan",
    "what", "was", "were", "is", "are", "the", "of", "in", "for", "and", "by", "how", "much", "which", "has",
    "have", "its", "their", "show", "me", "a", "an", "to", "from", "year", "years", "period", "months", "total",
    "whole", "full", "compare", "with",
}


@dataclass(frozen=True)
class Term:
    """One vocabulary entry from a dimension table."""

    kind: str  # area · committee · municipality · line
    key: str
    label: str
    words: tuple[str, ...]


@dataclass
class Vocabulary:
    terms: list[Term]
    # (service_area_key, municipality, fiscal_year, period_months) that have actuals: "latest" and "alkuvuosi"
    # are resolved among the rows the question is about
    periods: list[tuple[str, str, int, int]]

    def words(self) -> list[str]:
        fixed = [s for stems in MEASURE_STEMS.values() for s in stems if len(s) > 3]
        fixed += [m for pair in MONTHS for m in pair] + ["palvelualueittain", "lautakunnittain", "alkuvuonna"]
        return sorted({w for t in self.terms for w in t.words if len(w) > 2} | set(fixed))


# --- text ------------------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lowercase; a hyphen inside a word is a PDF hyphenation (käyt-töön), a trailing one a shared compound part."""
    text = text.lower().replace("–", "-")
    text = re.sub(r"(?<=[a-zåäö])-(?=[a-zåäö])", "", text)
    return text


def words_of(label: str) -> tuple[str, ...]:
    return tuple(w.strip("-") for w in re.split(r"[\s,./()]+", fold(label)) if w.strip("-"))


# --- vocabulary ------------------------------------------------------------------------------------------------

def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return [v.strip() for v in re.split(r"[;|]", str(value)) if v.strip()]


def load_vocabulary(run: Runner) -> Vocabulary:
    terms: list[Term] = []
    areas = run(queries.SERVICE_AREAS, None)
    seen: set[tuple[str, str, tuple[str, ...]]] = set()

    def add(kind: str, key: str, label: str) -> None:
        w = words_of(label)
        if w and (kind, key, w) not in seen:
            seen.add((kind, key, w))
            terms.append(Term(kind, key, label, w))

    for row in areas.iter_rows(named=True):
        level = row["section_level"]
        # a municipality-level row named after the municipality is the whole town; others (Verotulot) are areas
        is_town = level == "municipality" and row["service_area"] == row["municipality"]
        kind = "committee" if level == "committee" else "municipality" if is_town else "area"
        add(kind, row["service_area_key"], row["service_area"])
        for alias in _as_list(row.get("aliases")):
            add(kind, row["service_area_key"], alias)
        if level == "committee" and row["committee"]:
            add("committee", row["service_area_key"], row["committee"])
    accounts = run("select * from marts.dim_account", None)
    label_cols = [c for c in accounts.columns if c == "line_name" or "label" in c or c.endswith("_en")]
    for row in accounts.iter_rows(named=True):
        for col in label_cols:
            for label in _as_list(row.get(col)):
                add("line", row["account_key"], label)
                # KTAS budget names say tulot/menot where statements say tuotot/kulut
                folded = fold(label)
                if "tuotot" in folded:
                    add("line", row["account_key"], folded.replace("tuotot", "tulot"))
                if "kulut" in folded:
                    add("line", row["account_key"], folded.replace("kulut", "menot"))
    periods = run(
        "select distinct service_area_key, municipality, fiscal_year, period_months "
        "from marts.rpt_income_statement where ytd_actual_eur is not null order by all",
        None,
    )
    return Vocabulary(terms, [(k, m, int(y), int(p)) for k, m, y, p in periods.iter_rows()])
