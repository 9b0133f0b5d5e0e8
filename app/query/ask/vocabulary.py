"""The question engine's vocabulary: the names of service areas, committees, municipalities and lines read from the
warehouse's dimension tables, and the fixed words (measures, periods, grouping, order, words to skip).

Every entry is a phrase of words as written in base form or as printed; `parse` matches a question's words to them
as written, by their base forms (Voikko) or, for English entries, by English plural and synonyms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from app.query import queries

Runner = Callable[[str, Sequence[Any] | None], pl.DataFrame]

MEASURES = (
    "actual", "budget", "original_budget", "budget_change", "forecast", "remaining", "realization_pct", "variance",
)
MEASURE_FI = {
    "actual": "toteuma",
    "budget": "talousarvio + muutokset",
    "original_budget": "alkuperäinen talousarvio",
    "budget_change": "talousarvion muutokset",
    "forecast": "ennuste",
    "remaining": "jäljellä",
    "realization_pct": "toteutuma-%",
    "variance": "poikkeama",
}
# amounts for the whole year, whatever the period of the report that printed them
ANNUAL_MEASURES = ("budget", "original_budget", "budget_change", "forecast")

MONTHS_FI = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
             "syyskuu", "lokakuu", "marraskuu", "joulukuu")
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
MONTH_SHORT = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")

# (kind, key, label shown, phrases in base form or as written; English ones after the `|`)
_FIXED: tuple[tuple[str, str, str, str], ...] = (
    ("measure", "actual", "toteuma", "toteuma; toteutuma; toteutua; tot | actual; actuals; outturn"),
    ("measure", "budget", "talousarvio + muutokset",
     "talousarvio; budjetti; määräraha; tuloarvio; ta; muutettu talousarvio | budget; amended budget"),
    ("measure", "original_budget", "alkuperäinen talousarvio",
     "alkuperäinen talousarvio; alkuperäinen budjetti; alkuperäinen | original budget; original"),
    ("measure", "budget_change", "talousarvion muutokset",
     "talousarviomuutos; talousarvio muutos; muutos | budget change; budget amendment; change"),
    ("measure", "forecast", "ennuste",
     "ennuste; tilinpäätösennuste; tpennuste; ennustaa; arvio | forecast; projection; estimate"),
    ("measure", "remaining", "jäljellä", "jäljellä; jäljellä oleva; jäädä | remaining; left"),
    ("measure", "realization_pct", "toteutuma-%",
     ("toteuma prosentti; toteutuma prosentti; toteutua prosentti; toteuma %; toteutuma %; toteutumisaste; käyttöaste; prosentti; %; osuus; osa | "
      "realization; realisation; realization rate; percent; percentage; utilisation; utilization; share")),
    ("measure", "variance", "poikkeama",
     "poikkeama; poikkeama talousarvio; poiketa; ylitys; alitus; ylittyä; alittua | variance; deviation; overrun; underrun"),
    ("group", "area", "palvelualueittain", "palvelualue; palvelualueittain | service area; by service area"),
    ("group", "committee", "lautakunnittain",
     "lautakunnittain; lautakunta; toimialoittain; toimiala | committee; by committee"),
    ("order", "desc", "suurin ensin", "eniten; enemmän | most; more; highest; largest; biggest; top; greatest"),
    ("order", "asc", "pienin ensin", "vähiten; vähemmän | least; less; lowest; smallest; fewest"),
    # "miten ... ovat kehittyneet": every reported period of the years asked, as a series
    ("trend", "", "kehitys (kaikki kaudet sarjana)",
     "kehittyä; kehittynyt; kehitys; muuttua; trendi | develop; developed; trend; evolve; evolved"),
    # "suhteessa talousarvioon": the share of the budget used, not the budget
    ("relative", "", "suhteessa talousarvioon (toteutuma-%)", "suhde; suhteessa; suhteutettu | relative; relative to"),
    ("spend", "toimintakulut", "käyttö (toimintakulut)",
     "käyttää; käyttänyt; kuluttaa; kuluttanut | used; spend; spent"),
    ("early", "", "alkuvuosi (uusin osavuosi)", "alkuvuosi; puolivuosi; osavuosi | ytd; year to date"),
    ("half", "6", "ensimmäinen vuosipuolisko (1–6)",
     "ensimmäinen vuosipuolisko; ensimmäinen puolivuotinen; alkupuolisko | first half; h1; first half year"),
    ("full_year", "12", "koko vuosi (12 kk)",
     "koko vuosi; vuositaso; tilinpäätös; tp | full year; whole year; year end; annual"),
    ("prev_year", "", "edellinen vuosi", "viime vuosi; edellinen vuosi | last year; previous year; prior year"),
    ("filler", "", "",
     ("vuosi; euro; eur; €; paljo; paljon; raha; summa; määrä; kausi; aika; kuukausi; kk; loppu; alku; yhteensä; "
      "kaikki; kpl; koko; mukaan; ja; sekä; tai; vai; miten; kumpi; vs; kohta; montako; monta | what; was; were; is; are; the; of; in; on; for; "
      "and; by; how; much; many; which; what's; has; had; have; its; their; show; me; a; an; to; from; year; "
      "years; period; months; month; total; compare; with; did; does; do; get; got; receive; received; at; end; "
      "until; up; during; euros; money; amount; please; tell; list; give; vs; versus; as; per; each; all")),
)

# superlatives that order the answer, by their base form (`suurimman` -> suuri)
SUPERLATIVE_DESC = {"suuri", "korkea", "iso", "kallis", "pitkä"}
SUPERLATIVE_ASC = {"pieni", "matala", "alhainen", "vähäinen", "halpa"}

# English plurals and the words official names use for the same thing (KTAS "Staff expenditure", the seed's
# "Personnel expenses", a user's "personnel costs")
_EN_SYNONYMS = {"cost": "expense", "expenditure": "expense", "spending": "expense", "income": "revenue"}


def en_key(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _EN_SYNONYMS.get(word, word)


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: a name from a dimension table or a fixed word."""

    kind: str  # area · committee · municipality · line | measure · group · order · spend · early · half · ...
    key: str
    label: str
    words: tuple[str, ...]
    english: bool = False


@dataclass
class Vocabulary:
    terms: list[Term]
    # (service_area_key, municipality, fiscal_year, period_months) that have actuals: "latest" and "alkuvuosi"
    # are resolved among the rows the question is about
    periods: list[tuple[str, str, int, int]]
    _by_start: dict[str, list[Term]] = field(default_factory=dict, repr=False, compare=False)
    _by_word: dict[str, list[Term]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_start: dict[str, list[Term]] = defaultdict(list)
        by_word: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            by_start[term.words[0][:2]].append(term)
            for w in dict.fromkeys(x[:2] for x in term.words):
                by_word[w].append(term)
        self._by_start = dict(by_start)
        self._by_word = dict(by_word)

    def starting(self, *prefixes: str) -> list[Term]:
        """Terms whose first word starts with one of the two-letter prefixes (inflection keeps a word's start)."""
        return [t for p in dict.fromkeys(x[:2] for x in prefixes) for t in self._by_start.get(p, [])]

    def known(self, word: str, english: bool) -> set[str]:
        """Vocabulary words (any position of a phrase) starting like `word`: candidates for one of its parts."""
        return {w for t in self._by_word.get(word[:2], []) if t.english == english for w in t.words}

    def words(self) -> list[str]:
        """Words a typo is compared with for "did you mean"."""
        return sorted({w for t in self.terms if t.kind != "filler" for w in t.words if len(w) > 3})


# --- text ------------------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lowercase; a hyphen inside a word is a PDF hyphenation (käyt-töön), a trailing one a shared compound part."""
    text = text.lower().replace("–", "-").replace("’", "'")
    text = re.sub(r"(?<=[a-zåäö])-(?=[a-zåäö])", "", text)
    return text


def words_of(label: str) -> tuple[str, ...]:
    return tuple(w.strip("-") for w in re.split(r"[\s,./()+]+", fold(label)) if w.strip("-"))


def fixed_terms() -> list[Term]:
    out = []
    for kind, key, label, phrases in _FIXED:
        fi, _, en = phrases.partition("|")
        for english, part in ((False, fi), (True, en)):
            for phrase in part.split(";"):
                if phrase.strip():
                    out.append(Term(kind, key, label, tuple(phrase.split()), english))
    for number, (fi, en) in enumerate(zip(MONTHS_FI, MONTHS_EN, strict=True), start=1):
        out.append(Term("month", str(number), f"kausi 1–{number} kk", (fi,)))
        out.append(Term("month", str(number), f"kausi 1–{number} kk", (en,), True))
    return out


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

    def add(kind: str, key: str, label: str, english: bool = False, shown: str | None = None) -> None:
        w = words_of(label)
        if w and (kind, key, w) not in seen:
            seen.add((kind, key, w))
            terms.append(Term(kind, key, shown or label, w, english))

    for row in areas.iter_rows(named=True):
        level = row["section_level"]
        # a municipality-level row named after the municipality is the whole town; others (Verotulot) are areas
        is_town = level == "municipality" and row["service_area"] == row["municipality"]
        kind = "committee" if level == "committee" else "municipality" if is_town else "area"
        add(kind, row["service_area_key"], row["service_area"])
        for alias in _as_list(row.get("aliases")):
            # a town is shown by its name (Heinolan kaupunki -> Heinola): periods and rows are keyed by it
            add(kind, row["service_area_key"], alias, shown=row["service_area"] if is_town else None)
        if level == "committee" and row["committee"]:
            add("committee", row["service_area_key"], row["committee"])
    accounts = run("select * from marts.dim_account where account_key <> 'unknown'", None)
    for row in accounts.iter_rows(named=True):
        name = row["line_name"]
        for col in accounts.columns:
            if col == "line_name" or col.endswith("_fi") or "label" in col:
                for label in _as_list(row.get(col)):
                    add("line", row["account_key"], label)
            elif col.endswith("_en"):
                for label in _as_list(row.get(col)):
                    add("line", row["account_key"], label, english=True)
        # a question may say tulot/menot where the statement prints tuotot/kulut (KTAS budget names)
        folded = fold(name)
        for printed, said in (("tuotot", "tulot"), ("kulut", "menot")):
            if printed in folded:
                add("line", row["account_key"], folded.replace(printed, said))
    periods = run(
        "select distinct service_area_key, municipality, fiscal_year, period_months from ("
        " select * from marts.rpt_income_statement union all by name select * from marts.rpt_investments"
        ") where ytd_actual_eur is not null order by all",
        None,
    )
    return Vocabulary(terms + fixed_terms(), [(k, m, int(y), int(p)) for k, m, y, p in periods.iter_rows()])
