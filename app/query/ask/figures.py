"""Questions about the key figures (Tunnusluvut) and risks (Riskienhallinta) reports print beside their goals.

    "Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?"  → marts.fact_kpi
    "Mitkä riskit ovat merkittävimpiä?"                                        → marts.fact_risk

A KPI question names an indicator of marts.dim_kpi (its words, inflected: nettomenojen → Nettomenot/asukas) and
may name the committee, the kind of figure (tavoite, toteutuma, ennuste) and the year; a risk question says
riski in some form. Anything else is left to the report-table questions (answer.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from app.query.ask.parse import Understanding
from app.query.ask.vocabulary import Runner, Term, fold, words_of

KIND_STEMS = {"target": ("tavoit", "target"), "actual": ("toteu", "actual"), "forecast": ("ennust", "ennuste",
                                                                                          "forecast")}
RISK_STEMS = ("riski", "risk")
MOST_STEMS = ("merkittäv", "suurim", "pahim", "vakavi", "most", "biggest", "top")
# words a figure question may hold without naming anything
FILLER = {"mikä", "mitkä", "mitä", "on", "ovat", "oli", "olivat", "kohden", "per", "what", "is", "are", "the",
          "of", "which", "a", "ja", "and", "kpl", "vuonna", "vuodelle", "in", "for", "tunnusluku", "tunnusluvut", "%"}
# committee names and indicator words are matched by their shared start, as Finnish inflects their ends
_MIN_SHARED = 4

KPI_SQL = """
select k.indicator, k.committee, k.value_year, k.value_kind, k.value, k.unit, k.qualifier, k.printed_text,
       k.reported_at, k.source_path
from marts.fact_kpi as k
where k.kpi_key in (select unnest($kpis))
  and ($kinds is null or k.value_kind in (select unnest($kinds)))
  and ($years is null or k.value_year in (select unnest($years)))
order by k.indicator, k.value_year, k.value_kind
"""

RISK_SQL = """
with latest as (
    select *
    from marts.fact_risk
    qualify reported_at = max(reported_at) over (partition by municipality, committee)
)
select risk, committee, probability, significance, risk_value, risk_value_printed, rank_in_report, mitigation,
       responsible, reported_at, source_path
from latest
where ($committees is null or committee in (select unnest($committees)))
  and ($top is null or rank_in_report <= $top)
order by risk_value desc, committee, risk
"""


@dataclass
class FigureQuestion:
    understanding: Understanding
    sql: str
    params: dict


def _shared(token: str, word: str) -> bool:
    if token == word:
        return True
    if len(word) < _MIN_SHARED + 1:
        return False
    common = 0
    for a, b in zip(token, word, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(_MIN_SHARED, len(word) - 2)


def read_figure_question(question: str, run: Runner) -> FigureQuestion | None:
    """The question as a KPI or risk question, or None when it is neither."""
    tokens = [t for t in re.split(r"[\s,.;:!?/()\"']+", fold(question)) if t]
    u = Understanding(question)
    if any(t.startswith(RISK_STEMS) for t in tokens):
        return _risk_question(u, tokens, run)
    kpis = run("select kpi_key, committee, indicator, unit from marts.dim_kpi", None)
    if kpis.is_empty():
        return None
    best: tuple[int, list[str]] = (0, [])
    named = any(t.startswith("tunnuslu") for t in tokens)
    for key, indicator in zip(kpis["kpi_key"], kpis["indicator"], strict=True):
        words = [w for w in words_of(indicator) if len(w) >= _MIN_SHARED]
        score = sum(any(_shared(t, w) for t in tokens) for w in words)
        # every word of the indicator, or "tunnusluku" said: "Kulttuurin tuotot" stays a report-table question
        if score < len(words) and not named:
            continue
        if score > best[0]:
            best = (score, [key])
        elif score and score == best[0]:
            best[1].append(key)
    if not best[0]:
        return None
    chosen = kpis.filter(pl.col("kpi_key").is_in(best[1]))
    u.matched += [(t, "tunnusluku") for t in tokens
                  if any(_shared(t, w) for ind in chosen["indicator"] for w in words_of(ind) if len(w) >= 4)]
    committees = _committees(tokens, chosen["committee"].unique().to_list(), u)
    if committees:
        chosen = chosen.filter(pl.col("committee").is_in(committees))
    kinds = [kind for kind, stems in KIND_STEMS.items() if any(t.startswith(stems) for t in tokens)]
    years = [int(t) for t in tokens if re.fullmatch(r"(19|20)\d\d", t)]
    u.matched += [(t, "vuosi") for t in tokens if re.fullmatch(r"(19|20)\d\d", t)]
    u.matched += [(t, kind) for kind, stems in KIND_STEMS.items() for t in tokens if t.startswith(stems)]
    u.lines = [Term("kpi", k, i, words_of(i)) for k, i in zip(chosen["kpi_key"], chosen["indicator"], strict=True)]
    u.measures, u.years = kinds, years
    u.committees = [Term("committee", c, c, words_of(c)) for c in committees]
    _leftovers(tokens, u)
    return FigureQuestion(u, KPI_SQL, {"kpis": chosen["kpi_key"].to_list(), "kinds": kinds or None,
                                       "years": years or None})


def _risk_question(u: Understanding, tokens: list[str], run: Runner) -> FigureQuestion:
    u.matched += [(t, "riski") for t in tokens if t.startswith(RISK_STEMS)]
    known = run("select distinct committee from marts.fact_risk", None)
    committees = _committees(tokens, known["committee"].to_list() if known.height else [], u)
    most = [t for t in tokens if t.startswith(MOST_STEMS)]
    u.matched += [(t, "merkittävimmät") for t in most]
    u.order = "desc"
    u.group = "risk"
    u.committees = [Term("committee", c, c, words_of(c)) for c in committees]
    _leftovers(tokens, u)
    # "the most significant": the top-ranked risk(s) of each committee's latest report
    return FigureQuestion(u, RISK_SQL, {"committees": committees or None, "top": 1 if most else None})


def _committees(tokens: list[str], names: list[str], u: Understanding) -> list[str]:
    found = []
    for name in names:
        for t in tokens:
            if any(_shared(t, w) for w in words_of(name)):
                found.append(name)
                u.matched.append((t, name))
    return sorted(set(found))


def _leftovers(tokens: list[str], u: Understanding) -> None:
    taken = {word for word, _ in u.matched}
    u.unknown = [t for t in tokens if t not in taken and t not in FILLER]
