"""Reading a question: its words matched to the vocabulary's phrases (longest first) as written, then — only when
some word is left over — by base form with the Voikko analyser, compounds split into parts the vocabulary knows
(`toteumaprosentti` -> toteuma + prosentti). Words that carry no meaning (verbs, pronouns, conjunctions, adverbs)
are skipped and shown as skipped; a content word nobody knows is shown as not understood, with close vocabulary
words ("did you mean"), never silently replaced."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from app.query.ask import morphology
from app.query.ask.vocabulary import (
    MEASURE_FI,
    MONTH_SHORT,
    SUPERLATIVE_ASC,
    SUPERLATIVE_DESC,
    Term,
    Vocabulary,
    en_key,
    fold,
)

PLACE_KINDS = ("area", "committee", "municipality")


@dataclass
class Understanding:
    question: str
    areas: list[Term] = field(default_factory=list)
    committees: list[Term] = field(default_factory=list)
    municipalities: list[Term] = field(default_factory=list)
    lines: list[Term] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    period: int | None = None  # months from the start of the year, when the question or the default sets one
    period_kind: str = "latest"  # latest · explicit · early · full_year
    year_periods: dict[int, int] = field(default_factory=dict)  # the period each year is answered at
    place_periods: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> place key -> its own period
    group: str | None = None  # area · committee
    order: str | None = None  # desc · asc
    spend: bool = False
    trend: bool = False  # a series: every reported period of the years asked
    relative: bool = False  # in proportion to the budget (realization %)
    prev_year: bool = False
    matched: list[tuple[str, str]] = field(default_factory=list)  # (word in question, what it was taken as)
    ignored: list[str] = field(default_factory=list)  # words that carry no meaning for the query
    unknown: list[str] = field(default_factory=list)  # content words not understood
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # word -> the names it could mean
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)
    morphology: bool = False  # whether base forms were needed
    topic: str | None = None  # kpi · risk (ask/figures.py); None: the report tables

    @property
    def place_named(self) -> bool:
        return bool(self.areas or self.committees or self.municipalities or self.group)

    @property
    def reason(self) -> str | None:
        """Why the question is not answered, or None. A word not understood is tolerated only when the rest names
        the place, the line and the measure: then it cannot change which figure is meant."""
        if self.ambiguous:
            return "ambiguous"
        if not (self.place_named or self.lines or self.measures or self.years):
            return "not understood" if self.unknown else "nothing recognised"
        if self.unknown and not (self.place_named and self.lines and self.measures):
            return "not understood"
        return None

    @property
    def ok(self) -> bool:
        return self.reason is None


# --- words -----------------------------------------------------------------------------------------------------

def _score(token: str, word: str, english: bool, deep: bool) -> int:
    """How `token` matches a vocabulary word: 3 as written, 2 as an English plural or synonym, 1 by base form."""
    if token == word:
        return 3
    if english:
        return 2 if token.isascii() and en_key(token) == en_key(word) else 0
    if not deep:
        return 0
    forms = morphology.lemmas(token) | {token}
    # inflection changes a word's end: analyse a vocabulary word only when it starts like the token
    if not any(_shared_start(f, word) >= min(4, len(word) - 2) for f in forms):
        return 0
    return 1 if forms & (morphology.lemmas(word) | {word}) else 0


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _prefixes(token: str, deep: bool) -> list[str]:
    return [token, *sorted(morphology.lemmas(token))] if deep else [token]


def _known(token: str, vocab: Vocabulary) -> bool:
    """Whether `token` is (an inflected form of) some word of some vocabulary phrase."""
    return any(
        _score(token, w, english, True) for p in _prefixes(token, True) for english in (False, True)
        for w in vocab.known(p, english)
    )


def _split_compound(token: str, vocab: Vocabulary) -> list[str] | None:
    """A compound as the longest parts the vocabulary knows (`toteumaprosentti` -> toteuma, prosentti); a part
    known only by its base form is given as that (`toteutumisprosentti` -> toteutua, prosentti)."""
    parts, part_lemmas = morphology.compound_parts(token)
    if len(parts) < 2:
        return None
    out: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            chunk = "".join(parts[start:end])
            if (start, end) == (0, len(parts)):
                continue
            if _known(chunk, vocab):
                out.append(chunk)
            elif end == start + 1 and _known(part_lemmas[start], vocab):
                out.append(part_lemmas[start])
            else:
                continue
            start = end
            break
        else:
            return None
    return out


def _tokens(question: str) -> tuple[list[str], Understanding]:
    """The question's words, after the periods and years written with digits are taken out."""
    u = Understanding(question=question)
    # a month range like tammi-kesäkuussa means up to its last month
    text = re.sub(r"\b(?:{})\s*-\s*(?=[a-zåäö]+kuu)".format("|".join(MONTH_SHORT)), "",
                  question.lower().replace("–", "-"))
    text = fold(text)
    text = re.sub(r"(?<=\w)'s\b", "", text)  # Kulttuuri's
    for m in re.finditer(r"\b(?:1\s*-\s*)?(\d{1,2})\s*/\s*((?:19|20)\d{2})\b", text):
        u.period, u.period_kind = int(m.group(1)), "explicit"
        u.years.append(int(m.group(2)))
        u.matched.append((m.group(0), f"kausi 1–{u.period} kk, vuosi {m.group(2)}"))
    text = re.sub(r"\b(?:1\s*-\s*)?(\d{1,2})\s*/\s*((?:19|20)\d{2})\b", " ", text)
    for m in re.finditer(r"\b(\d{1,2})\s*kk\b", text):
        u.period, u.period_kind = int(m.group(1)), "explicit"
        u.matched.append((m.group(0), f"kausi 1–{u.period} kk"))
    text = re.sub(r"\b(\d{1,2})\s*kk\b", " ", text)
    for m in re.finditer(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b", text):
        u.years.extend(range(int(m.group(1)), int(m.group(2)) + 1))
        u.matched.append((m.group(0), f"vuodet {m.group(1)}–{m.group(2)}"))
    text = re.sub(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b", " ", text)
    tokens = [t.strip("-'") for t in re.split(r"[\s,.;:!?()\"”“/]+", text)]
    return [t for t in tokens if t], u


def _match(tokens: list[str], vocab: Vocabulary, deep: bool) -> list[tuple[int, int, list[Term]]]:
    """(start, length, terms) of the vocabulary phrases found, longest first; equal matches of different terms are
    all kept (an ambiguity the caller shows)."""
    found = []
    i = 0
    while i < len(tokens):
        best: tuple[tuple[int, int, bool], list[Term]] | None = None
        for term in vocab.starting(*_prefixes(tokens[i], deep)):
            n = len(term.words)
            if i + n > len(tokens):
                continue
            scores = [_score(tokens[i + k], term.words[k], term.english, deep) for k in range(n)]
            if not all(scores):
                continue
            rank = (n, sum(scores), term.kind != "filler")
            if best is None or rank > best[0]:
                best = (rank, [term])
            elif rank == best[0] and all((t.kind, t.key) != (term.kind, term.key) for t in best[1]):
                best[1].append(term)
        if best is None:
            i += 1
            continue
        found.append((i, best[0][0], best[1]))
        i += best[0][0]
    return found


# --- understanding ---------------------------------------------------------------------------------------------

def _take(u: Understanding, phrase: str, term: Term) -> None:
    """Record what one matched phrase means."""
    kind = term.kind
    if kind in ("area", "committee", "municipality", "line"):
        target = {"area": u.areas, "committee": u.committees, "municipality": u.municipalities,
                  "line": u.lines}[kind]
        if all(t.key != term.key for t in target):
            target.append(term)
        u.matched.append((phrase, f"{kind}: {term.label}"))
        return
    if kind == "filler":
        u.ignored.append(phrase)
        return
    if kind == "measure":
        if term.key not in u.measures:
            u.measures.append(term.key)
        u.matched.append((phrase, f"mittari: {MEASURE_FI[term.key]}"))
        return
    if kind == "group":
        u.group = term.key
    elif kind == "order":
        u.order = term.key
    elif kind == "spend":
        u.spend = True
    elif kind == "trend":
        u.trend = True
    elif kind == "relative":
        u.relative = True
    elif kind == "month":
        u.period, u.period_kind = int(term.key), "explicit"
    elif kind == "half":
        u.period, u.period_kind = 6, "explicit"
    elif kind == "early":
        u.period_kind = "early"
    elif kind == "full_year":
        u.period, u.period_kind = 12, "full_year"
    elif kind == "prev_year":
        u.prev_year = True
    u.matched.append((phrase, term.label))


def _partial_names(token: str, vocab: Vocabulary) -> list[str]:
    """Names of areas, committees and lines that have `token` as one word among several (`hallinnon` -> Hallinto ja
    talous, Sivistystoimen hallinto, ...)."""
    names = []
    for term in vocab.terms:
        if term.kind in (*PLACE_KINDS, "line") and len(term.words) > 1 and not term.english and any(
            _score(token, w, False, True) for w in term.words if len(w) > 3
        ):
            names.append(term.label)
    return list(dict.fromkeys(names))


def _read(question: str, vocab: Vocabulary, deep: bool) -> tuple[Understanding, list[str]]:
    """One reading of the question; also the words left over (for the fast pass: whether base forms are needed)."""
    tokens, u = _tokens(question)
    u.morphology = deep
    origin = list(tokens)  # the word as written, for each token (a compound's parts point to the compound)
    if deep:
        split: list[str] = []
        origin = []
        for token in tokens:
            parts = None if _known(token, vocab) else _split_compound(token, vocab)
            split.extend(parts or [token])
            origin.extend([token] * len(parts or [token]))
        tokens = split
    used = [False] * len(tokens)
    for start, n, terms in _match(tokens, vocab, deep):
        phrase = " ".join(dict.fromkeys(origin[start:start + n]))
        for term in terms:
            _take(u, phrase, term)
        used[start:start + n] = [True] * n
    left = []
    for i, token in enumerate(tokens):
        if used[i]:
            continue
        if re.fullmatch(r"(19|20)\d{2}", token):
            u.years.append(int(token))
            u.matched.append((token, f"vuosi {token}"))
        elif token.isdigit() or not any(c.isalnum() or c == "%" for c in token):
            continue
        else:
            left.append(token)
    if deep:
        for token in dict.fromkeys(left):
            sup = morphology.superlative(token)
            if sup & (SUPERLATIVE_DESC | SUPERLATIVE_ASC):
                u.order = "desc" if sup & SUPERLATIVE_DESC else "asc"
                u.matched.append((token, "suurin ensin" if u.order == "desc" else "pienin ensin"))
                continue
            if (names := _partial_names(token, vocab)) and len(names) > 1:
                u.ambiguous[token] = names
            elif names:
                u.unknown.append(token)
                u.suggestions[token] = names
            elif morphology.carries_no_meaning(token):
                u.ignored.append(token)
            else:
                u.unknown.append(token)
    return u, left


def _complete_compounds(text: str, vocab: Vocabulary) -> str:
    """`sivistys- vai hyvinvointilautakunta` → `sivistyslautakunta vai hyvinvointilautakunta`: a word cut with a
    hyphen takes the tail of the compound after ja/tai/vai/sekä when that makes a vocabulary word."""
    words = set(vocab.words())

    def whole(m: re.Match) -> str:
        head, joiner, compound = m.group(1), m.group(2), m.group(3)
        for cut in range(1, len(compound)):
            if head + compound[cut:] in words:
                return f"{head}{compound[cut:]} {joiner} {compound}"
        return m.group(0)

    return re.sub(r"\b(\w+)-\s+(ja|tai|vai|sekä)\s+(\w+)", whole, text)


def parse(question: str, vocab: Vocabulary) -> Understanding:
    folded = fold(question.lower())
    completed = _complete_compounds(folded, vocab)
    completed = question if completed == folded else completed  # read as typed unless a compound was completed
    u, left = _read(completed, vocab, deep=False)
    if left:  # some word is not in the vocabulary as written: read again with base forms
        u, _ = _read(completed, vocab, deep=True)
    u.question = question

    # "käyttänyt suurimman osan talousarviostaan", "suhteessa talousarvioon": the share of the budget used
    if u.relative or (u.spend and u.order and {"realization_pct", "budget"} & set(u.measures)):
        u.measures = ["realization_pct"]
    # "kumpi ... enemmän, sivistys- vai hyvinvointilautakunta": the committees named, ranked against each other
    if u.order and not u.group and not u.areas and len(u.committees) < 2:
        u.group = "area"
    vocab_words = vocab.words()
    for word in u.unknown:
        if word in u.suggestions:
            continue
        close = difflib.get_close_matches(word, vocab_words, n=3, cutoff=0.6)
        if not close:  # an inflected form: compare against the same length of each vocabulary word
            close = difflib.get_close_matches(word, [w[: len(word)] for w in vocab_words], n=3, cutoff=0.75)
            close = sorted({w for w in vocab_words if any(w.startswith(c) for c in close)})[:3]
        u.suggestions[word] = close
    u.years = sorted(set(u.years))
    return u
