"""The question engine: a question typed in Finnish (or English) -> what was understood, SQL, result rows.

No language model: the vocabulary of service areas, committees and lines comes from the warehouse's dimension tables,
and Finnish inflection is handled by stem matching (a word matches a vocabulary word when they share all but the
last two letters of the vocabulary word: Kulttuurin ~ Kulttuuri, Työllisyyspalvelujen ~ Työllisyyspalvelut,
toimintakatteen ~ toimintakate, Elinvoimalautakunnan ~ Elinvoimalautakunta). Measures, periods and question words
are a small fixed vocabulary below.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from app.query import db, queries

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
_MEASURE_STEMS = {
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
_EXACT_ONLY = {"ta", "tot", "tp", "%", "left", "osan"}  # too short or too common to match as prefixes
_MONTHS = (
    ("tammikuu", "january"), ("helmikuu", "february"), ("maaliskuu", "march"), ("huhtikuu", "april"),
    ("toukokuu", "may"), ("kesäkuu", "june"), ("heinäkuu", "july"), ("elokuu", "august"),
    ("syyskuu", "september"), ("lokakuu", "october"), ("marraskuu", "november"), ("joulukuu", "december"),
)
_MONTH_SHORT = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
_EARLY_STEMS = ("alkuvuo", "alkuvuosi", "ytd", "year-to-date", "puolivuo")
_FULL_YEAR_STEMS = ("vuositaso", "tilinpäätö", "tp")
_PREV_YEAR = ("viime", "edellinen", "edellisen", "edellisenä", "last", "previous")
_GROUP_AREA = ("palvelualue", "palvelualuei", "serviceare")
_GROUP_COMMITTEE = ("lautakunnittain", "lautakunnat", "lautakuntien", "toimialoittain", "toimialat", "committees")
_SPEND = ("käyttä", "käytt", "kulutta", "used", "spent", "spend")
_MOST = ("suurin", "suurimm", "eniten", "korkein", "korkeimm", "most", "highest", "largest", "biggest", "top")
_LEAST = ("pienin", "pienimm", "vähiten", "alhaisin", "alhaisimm", "matalin", "least", "lowest", "smallest")
_STOPWORDS = {
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
        fixed = [s for stems in _MEASURE_STEMS.values() for s in stems if len(s) > 3]
        fixed += [m for pair in _MONTHS for m in pair] + ["palvelualueittain", "lautakunnittain", "alkuvuonna"]
        return sorted({w for t in self.terms for w in t.words if len(w) > 2} | set(fixed))


@dataclass
class Understanding:
    question: str
    areas: list[Term] = field(default_factory=list)
    committees: list[Term] = field(default_factory=list)
    municipalities: list[Term] = field(default_factory=list)
    lines: list[Term] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    period: int | None = None
    period_kind: str = "latest"  # latest · explicit · early · full_year
    group: str | None = None  # area · committee
    order: str | None = None  # desc · asc
    spend: bool = False
    prev_year: bool = False
    matched: list[tuple[str, str]] = field(default_factory=list)  # (word in question, what it was taken as)
    unknown: list[str] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown and bool(
            self.areas or self.committees or self.municipalities or self.lines or self.measures or self.years
            or self.group
        )


@dataclass
class Answer:
    understanding: Understanding
    sql: str
    params: list[Any]
    frame: pl.DataFrame
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        u = self.understanding
        return {
            "question": u.question,
            "understood": understood_items(u),
            "recognised": [{"word": w, "as": a} for w, a in u.matched],
            "unrecognised": u.unknown,
            "suggestions": u.suggestions,
            "message": self.message,
            "sql": self.sql,
            "params": self.params,
            "rows": [_json_row(r) for r in self.frame.iter_rows(named=True)],
        }


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in row.items()}


# --- text ------------------------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lowercase; a hyphen inside a word is a PDF hyphenation (käyt-töön), a trailing one a shared compound part."""
    text = text.lower().replace("–", "-")
    text = re.sub(r"(?<=[a-zåäö])-(?=[a-zåäö])", "", text)
    return text


def words_of(label: str) -> tuple[str, ...]:
    return tuple(w.strip("-") for w in re.split(r"[\s,./()]+", _fold(label)) if w.strip("-"))


def _stem_match(token: str, word: str) -> int:
    """Length of the shared start when `token` is an inflected form of `word` (or a compound starting with it)."""
    if token == word:
        return len(word) + 1  # exact beats inflected
    if len(word) <= 3:
        return 0
    shared = 0
    for a, b in zip(token, word):
        if a != b:
            break
        shared += 1
    # plurals in -kset lose the k when inflected: avustukset -> avustusten, avustuksia
    slack = 4 if word.endswith("kset") else 2
    need = max(4, len(word) - slack)
    return shared if shared >= need else 0


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
                folded = _fold(label)
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


# --- parsing ---------------------------------------------------------------------------------------------------

def _starts(token: str, stems: Sequence[str]) -> bool:
    return any(token == s if s in _EXACT_ONLY else token.startswith(s) for s in stems)


# Words that set one field of what was understood: (stems, field, value, what the user is shown).
_FLAG_WORDS = (
    (_GROUP_AREA, "group", "area", "palvelualueittain"),
    (_GROUP_COMMITTEE, "group", "committee", "lautakunnittain"),
    (_MOST, "order", "desc", "suurin ensin"),
    (_LEAST, "order", "asc", "pienin ensin"),
    (_SPEND, "spend", True, "käyttö (toimintakulut)"),
)


def _flag_of(token: str) -> tuple[str, object, str] | None:
    return next(((f, v, label) for stems, f, v, label in _FLAG_WORDS if _starts(token, stems)), None)


def _month_of(token: str) -> int | None:
    for number, (fi, en) in enumerate(_MONTHS, start=1):
        if token.startswith(fi) or token == en:
            return number
    return None


def _measure_of(token: str) -> str | None:
    for measure in ("original_budget", "realization_pct", "forecast", "remaining", "variance", "budget", "actual"):
        if _starts(token, _MEASURE_STEMS[measure]):
            return measure
    return None


def parse(question: str, vocab: Vocabulary) -> Understanding:
    u = Understanding(question=question)
    # a month range like tammi-kesäkuussa means up to its last month
    text = re.sub(
        r"\b(?:{})\s*[-–]\s*(?=[a-zåäö]+kuu)".format("|".join(_MONTH_SHORT)), "", question.lower()
    )
    text = _fold(text)
    text = re.sub(r"service\s+areas?", "servicearea", text)
    text = re.sub(r"by\s+committee", "committees", text)

    # periods written with digits: 1-6/2022, 6/2022, 6 kk
    for m in re.finditer(r"\b(?:1\s*-\s*)?(\d{1,2})\s*/\s*((?:19|20)\d{2})\b", text):
        u.period, u.period_kind = int(m.group(1)), "explicit"
        u.years.append(int(m.group(2)))
        u.matched.append((m.group(0), f"kausi {u.period} kk, vuosi {m.group(2)}"))
    text = re.sub(r"\b(?:1\s*-\s*)?(\d{1,2})\s*/\s*((?:19|20)\d{2})\b", " ", text)
    for m in re.finditer(r"\b(\d{1,2})\s*kk\b", text):
        u.period, u.period_kind = int(m.group(1)), "explicit"
        u.matched.append((m.group(0), f"kausi {u.period} kk"))
    text = re.sub(r"\b(\d{1,2})\s*kk\b", " ", text)
    for m in re.finditer(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b", text):
        u.years.extend(range(int(m.group(1)), int(m.group(2)) + 1))
        u.matched.append((m.group(0), f"vuodet {m.group(1)}–{m.group(2)}"))
    text = re.sub(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b", " ", text)

    tokens = [t for t in re.split(r"[\s,.;:!?()\"'”“/]+", text) if t]
    tokens = [t.strip("-") for t in tokens if t.strip("-")]
    used = [False] * len(tokens)

    # dimension vocabulary first, longest phrases first, best stem match wins
    terms = sorted(vocab.terms, key=lambda t: (-len(t.words), -sum(map(len, t.words))))
    i = 0
    while i < len(tokens):
        best: tuple[int, int, list[Term]] | None = None  # (span, score, terms)
        for term in terms:
            n = len(term.words)
            if i + n > len(tokens) or any(used[i:i + n]):
                continue
            scores = [_stem_match(tokens[i + k], term.words[k]) for k in range(n)]
            if not all(scores):
                continue
            score = sum(scores)
            if best is None or (n, score) > (best[0], best[1]):
                best = (n, score, [term])
            elif (n, score) == (best[0], best[1]) and all(t.key != term.key for t in best[2]):
                best[2].append(term)
        if best is None:
            i += 1
            continue
        n, _, found = best
        phrase = " ".join(tokens[i:i + n])
        for term in found:
            target = {"area": u.areas, "committee": u.committees, "municipality": u.municipalities,
                      "line": u.lines}[term.kind]
            if all(t.key != term.key for t in target):
                target.append(term)
            u.matched.append((phrase, f"{term.kind}: {term.label}"))
        for k in range(i, i + n):
            used[k] = True
        i += n

    for i, tok in enumerate(tokens):
        if used[i]:
            continue
        used[i] = True
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if re.fullmatch(r"(19|20)\d{2}", tok):
            u.years.append(int(tok))
            u.matched.append((tok, f"vuosi {tok}"))
        elif tok == "koko" and nxt.startswith(("vuo", "year")):
            u.period, u.period_kind = 12, "full_year"
            u.matched.append((f"{tok} {nxt}", "koko vuosi (12 kk)"))
            used[i + 1] = True
        elif _starts(tok, _FULL_YEAR_STEMS):
            u.period, u.period_kind = 12, "full_year"
            u.matched.append((tok, "koko vuosi (12 kk)"))
        elif (month := _month_of(tok)) is not None:
            u.period, u.period_kind = month, "explicit"
            u.matched.append((tok, f"kausi 1–{month} kk"))
        elif _starts(tok, _EARLY_STEMS):
            u.period_kind = "early"
            u.matched.append((tok, "alkuvuosi (uusin osavuosi)"))
        elif tok in _PREV_YEAR and nxt.startswith(("vuo", "year")):
            u.prev_year = True
            u.matched.append((f"{tok} {nxt}", "edellinen vuosi"))
            used[i + 1] = True
        elif (flag := _flag_of(tok)) is not None:
            field, value, label = flag
            setattr(u, field, value)
            u.matched.append((tok, label))
        elif tok in _STOPWORDS or tok.isdigit():
            continue
        elif (measure := _measure_of(tok)) is not None:
            if measure not in u.measures:
                u.measures.append(measure)
            u.matched.append((tok, f"mittari: {MEASURE_FI[measure]}"))
        else:
            u.unknown.append(tok)

    # "käyttänyt suurimman osan talousarviostaan": the share of the budget used
    if u.spend and ("realization_pct" in u.measures or u.order):
        u.measures = ["realization_pct"]
    if u.order and not u.group and not u.areas:
        u.group = "area"
    vocab_words = vocab.words()
    for word in u.unknown:
        close = difflib.get_close_matches(word, vocab_words, n=3, cutoff=0.6)
        if not close:  # an inflected form: compare against the same length of each vocabulary word
            close = difflib.get_close_matches(word, [w[: len(word)] for w in vocab_words], n=3, cutoff=0.75)
            close = sorted({w for w in vocab_words if any(w.startswith(c) for c in close)})[:3]
        u.suggestions[word] = close
    u.years = sorted(set(u.years))
    return u


# --- answering -------------------------------------------------------------------------------------------------

def _periods_in_scope(u: Understanding, vocab: Vocabulary) -> list[tuple[int, int]]:
    """The (year, period) pairs reported for the service areas, committees or municipalities asked about."""
    keys = {t.key for t in u.areas + u.committees}
    places = {t.label for t in u.municipalities}
    return [
        (y, p) for key, municipality, y, p in vocab.periods
        if (not keys or key in keys) and (not places or municipality in places)
    ]


def _resolve(u: Understanding, vocab: Vocabulary) -> None:
    """Fill in defaults (latest year, latest period, toimintakate) and say so."""
    periods = _periods_in_scope(u, vocab)
    latest_year = max((y for y, _ in periods), default=None)
    if not u.years and latest_year is not None:
        u.years = [latest_year - 1] if u.prev_year else [latest_year]
        u.defaults.append("year")
    elif u.prev_year and latest_year is not None and latest_year - 1 not in u.years:
        u.years = sorted({*u.years, latest_year - 1})
    if not u.measures:
        u.measures = ["actual"]
        u.defaults.append("measure")
    if not u.lines:
        key = "toimintakulut" if u.spend else "toimintakate"
        u.lines = [Term("line", key, key.capitalize(), (key,))]
        u.defaults.append("line")
    if u.period_kind == "early":
        partial = [p for y, p in periods if y in u.years and p < 12]
        u.period = max(partial) if partial else None
    elif u.period is None:
        in_years = [p for y, p in periods if y == max(u.years, default=0)]
        u.period = max(in_years) if in_years else 12
        u.defaults.append("period")


def answer(question: str, run: Runner, vocab: Vocabulary | None = None) -> Answer:
    vocab = vocab or load_vocabulary(run)
    u = parse(question, vocab)
    if not u.ok:
        return Answer(u, "", [], pl.DataFrame(), message="not understood")
    _resolve(u, vocab)

    where = ["c.account_key in (select unnest($lines))", "c.measure in (select unnest($measures))",
             "c.fiscal_year in (select unnest($years))"]
    params: dict[str, Any] = {
        "lines": [t.key for t in u.lines],
        "measures": u.measures,
        "years": u.years,
        "period": u.period,
    }
    # annual amounts live at period 12; the rest at the asked period
    where.append("c.period_months = case when c.measure in ('budget', 'original_budget', 'forecast') "
                 "then 12 else $period end")
    if u.areas:
        where.append("c.service_area_key in (select unnest($areas))")
        params["areas"] = [t.key for t in u.areas]
    elif u.group == "area":
        where.append("c.section_level = 'service_area'")
        if u.committees:
            where.append("c.committee in (select committee from marts.dim_service_area "
                         "where service_area_key in (select unnest($committees)))")
            params["committees"] = [t.key for t in u.committees]
    elif u.committees:
        where.append("c.service_area_key in (select unnest($committees))")
        params["committees"] = [t.key for t in u.committees]
    else:
        where.append("c.section_level = 'committee'")
    if u.municipalities:
        where.append("c.municipality in (select unnest($municipalities))")
        params["municipalities"] = [t.label for t in u.municipalities]
    order = "c.value desc" if u.order == "desc" else "c.value asc" if u.order == "asc" else None
    order_by = order or "d.code, section, c.line_order, c.fiscal_year, c.period_months, c.measure"
    sql = (
        queries.LONG_CELLS
        + "select coalesce(d.service_area, c.section) as section, c.line_item, c.fiscal_year, c.period_months,\n"
        + "       c.measure, c.value\n"
        + "from long_cells as c\nleft join marts.dim_service_area as d using (service_area_key)\nwhere "
        + "\n  and ".join(where) + f"\norder by {order_by}"
    )
    # DuckDB takes named parameters as a dict
    frame = run(sql, params)  # type: ignore[arg-type]
    message = "" if frame.height else "no data"
    return Answer(u, sql, [params], frame, message)


def understood_items(u: Understanding) -> dict[str, Any]:
    return {
        "service_areas": [t.label for t in u.areas],
        "committees": [t.label for t in u.committees],
        "municipalities": [t.label for t in u.municipalities],
        "lines": [t.label for t in u.lines],
        "measures": u.measures,
        "years": u.years,
        "period_months": u.period,
        "period_kind": u.period_kind,
        "group": u.group,
        "order": u.order,
        "defaults": u.defaults,
    }


def command(args: argparse.Namespace) -> int:
    """`kuntatalous ask "QUESTION" [--format table|json]`."""
    try:
        result = answer(args.question, db.fetch)
    except db.WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    u = result.understanding
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        for word, taken in u.matched:
            print(f"  {word!r} -> {taken}")
        if u.ok:
            with pl.Config(tbl_rows=100, fmt_str_lengths=60):
                print(result.frame)
    if not u.ok:
        if u.unknown:
            for word in u.unknown:
                hint = ", ".join(u.suggestions.get(word) or []) or "-"
                print(f"not recognised: {word!r} (close: {hint})", file=sys.stderr)
        else:
            print("nothing in the question was recognised", file=sys.stderr)
        return 3
    return 0
