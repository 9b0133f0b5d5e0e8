"""Finnish words to their base forms with the Voikko analyser (`pyvoikko`, which ships the transducer).

The analyser costs 2.5–4 s to import and 1–12 ms a word, so it is imported on the first word that is not matched
directly (`kuntatalous ask "Kulttuuri henkilöstökulut 2022"` never loads it) and every word is analysed once per
process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# word classes that never name an area, a line or a measure: verbs, pronouns, conjunctions, adpositions,
# interjections, adverbs (an adverb that does mean something, like `eniten` or `jäljellä`, is in the fixed
# vocabulary, which is matched first)
FUNCTION_CLASSES = {"teonsana", "asemosana", "sidesana", "suhdesana", "huudahdussana", "kieltosana", "seikkasana"}
CLOSED_CLASSES = {"asemosana", "sidesana", "suhdesana", "kieltosana"}


@dataclass(frozen=True)
class Reading:
    """One analysis of a word."""

    lemma: str  # lower case: place names too (Heinola -> heinola)
    word_class: str
    parts: tuple[str, ...]  # a compound's parts as written (toteuma, prosentti); empty when not a compound
    part_lemmas: tuple[str, ...]  # and their base forms (toteutumis -> toteutua)
    participle: bool
    superlative: bool


@functools.cache
def _analyser():
    import pyvoikko  # ~3 s: the transducer is read at import

    return pyvoikko


@functools.cache
def readings(word: str) -> tuple[Reading, ...]:
    """Every analysis Voikko gives for `word` (lower case), or none for a word it does not know."""
    if not word or not any(c.isalpha() for c in word):
        return ()
    out = []
    for a in _analyser().analyse(word):
        parts = tuple(p.FORM.lower().strip("-") for p in (a.COMPOUND_PARTS or []))
        part_lemmas = tuple(p.BASEFORM.lower().strip("-") for p in (a.COMPOUND_PARTS or []))
        out.append(Reading(
            lemma=a.BASEFORM.lower(),
            word_class=a.CLASS or "",
            parts=parts if len(parts) > 1 else (),
            part_lemmas=part_lemmas if len(parts) > 1 else (),
            participle=bool(a.PARTICIPLE),
            superlative=a.COMPARISON == "superlative",
        ))
    return tuple(dict.fromkeys(out))


def lemmas(word: str) -> frozenset[str]:
    return frozenset(r.lemma for r in readings(word))


def carries_no_meaning(word: str) -> bool:
    """A verb, pronoun, conjunction, adposition or adverb: `sai`, `oli`, `käytti`, `millä`, `kuinka`, `mennessä`.
    A word that may also be a noun (`kulut`: kulu or kulua) counts only if one reading is a closed class."""
    found = readings(word)
    if not found:
        return False
    if any(r.word_class in CLOSED_CLASSES for r in found):
        return True
    return all(r.word_class in FUNCTION_CLASSES or r.participle for r in found)


def compound_parts(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The parts of a compound as written and as base forms (`toteutumisprosentti` -> (toteutumis, prosentti),
    (toteutua, prosentti)); the reading with most parts wins."""
    best = max(readings(word), key=lambda r: len(r.parts), default=None)
    return (best.parts, best.part_lemmas) if best else ((), ())


def superlative(word: str) -> set[str]:
    """Base forms of the word when it is a superlative (`suurimman` -> {suuri}, `pienin` -> {pieni})."""
    return {r.lemma for r in readings(word) if r.superlative}
