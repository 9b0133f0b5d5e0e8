"""Reading a question: tokens matched against the vocabulary (longest phrase first, inflected forms by shared stem),
then the fixed words for measures, periods, years, grouping and order. What is left is not understood."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.query.ask.vocabulary import (
    EARLY_STEMS,
    EXACT_ONLY,
    FULL_YEAR_STEMS,
    GROUP_AREA,
    GROUP_COMMITTEE,
    LEAST,
    MEASURE_FI,
    MEASURE_STEMS,
    MONTH_SHORT,
    MONTHS,
    MOST,
    PREV_YEAR,
    SPEND,
    STOPWORDS,
    Term,
    Vocabulary,
    fold,
)


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


# --- parsing ---------------------------------------------------------------------------------------------------

def _starts(token: str, stems: Sequence[str]) -> bool:
    return any(token == s if s in EXACT_ONLY else token.startswith(s) for s in stems)


# Words that set one field of what was understood: (stems, field, value, what the user is shown).
_FLAG_WORDS = (
    (GROUP_AREA, "group", "area", "palvelualueittain"),
    (GROUP_COMMITTEE, "group", "committee", "lautakunnittain"),
    (MOST, "order", "desc", "suurin ensin"),
    (LEAST, "order", "asc", "pienin ensin"),
    (SPEND, "spend", True, "käyttö (toimintakulut)"),
)


def _flag_of(token: str) -> tuple[str, object, str] | None:
    return next(((f, v, label) for stems, f, v, label in _FLAG_WORDS if _starts(token, stems)), None)


def _month_of(token: str) -> int | None:
    for number, (fi, en) in enumerate(MONTHS, start=1):
        if token.startswith(fi) or token == en:
            return number
    return None


def _measure_of(token: str) -> str | None:
    for measure in ("original_budget", "realization_pct", "forecast", "remaining", "variance", "budget", "actual"):
        if _starts(token, MEASURE_STEMS[measure]):
            return measure
    return None


def parse(question: str, vocab: Vocabulary) -> Understanding:
    u = Understanding(question=question)
    # a month range like tammi-kesäkuussa means up to its last month
    text = re.sub(
        r"\b(?:{})\s*[-–]\s*(?=[a-zåäö]+kuu)".format("|".join(MONTH_SHORT)), "", question.lower()
    )
    text = fold(text)
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
        elif _starts(tok, FULL_YEAR_STEMS):
            u.period, u.period_kind = 12, "full_year"
            u.matched.append((tok, "koko vuosi (12 kk)"))
        elif (month := _month_of(tok)) is not None:
            u.period, u.period_kind = month, "explicit"
            u.matched.append((tok, f"kausi 1–{month} kk"))
        elif _starts(tok, EARLY_STEMS):
            u.period_kind = "early"
            u.matched.append((tok, "alkuvuosi (uusin osavuosi)"))
        elif tok in PREV_YEAR and nxt.startswith(("vuo", "year")):
            u.prev_year = True
            u.matched.append((f"{tok} {nxt}", "edellinen vuosi"))
            used[i + 1] = True
        elif (flag := _flag_of(tok)) is not None:
            field, value, label = flag
            setattr(u, field, value)
            u.matched.append((tok, label))
        elif tok in STOPWORDS or tok.isdigit():
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
