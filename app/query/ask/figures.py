"""Questions about the key figures (Tunnusluvut) and risks (Riskienhallinta) reports print beside their goals.

    "Mikä on Elinvoimalautakunnan nettomenojen tavoite asukasta kohden 2022?"  → marts.fact_kpi
    "Mitkä riskit ovat merkittävimpiä?"                                        → marts.fact_risk

A KPI question names an indicator of marts.dim_kpi (its words, inflected: nettomenojen → Nettomenot/asukas) and
may name the committee, the kind of figure (tavoite, toteutuma, ennuste) and the year; a risk question says
riski in some form. Anything else is left to the report-table questions (answer.py). What was not named is
filled in and said so, as for the report tables: every kind of figure, every year the KPI is printed for, the
committees that report it; the reading (`figure_reading`) names the figures the SQL selects."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from app.query.ask.parse import Understanding
from app.query.ask.vocabulary import Runner, Term, fold, words_of

# in the order the reports print their columns: Toteutuma, Ennuste, Tavoite
KIND_STEMS = {"actual": ("toteu", "actual"), "forecast": ("ennust", "ennuste", "forecast"), "target": ("tavoit", "target")}
RISK_STEMS = ("riski", "risk")
MOST_STEMS = ("merkittäv", "suurim", "pahim", "vakavi", "most", "biggest", "top")
# words a figure question may hold without naming anything
FILLER = {"mikä", "mitkä", "mitä", "on", "ovat", "oli", "olivat", "kohden", "per", "what", "is", "are", "the",
          "of", "which", "a", "ja", "and", "kpl", "vuonna", "vuodelle", "in", "for", "%"}
# committee names and indicator words are matched by their shared start, as Finnish inflects their ends
_MIN_SHARED = 4

KPI_SQL = """
select k.indicator, k.committee, k.value_year, k.value_kind, k.value, k.unit, k.qualifier, k.printed_text,
       k.reported_at, k.source_path
from marts.fact_kpi as k
where k.kpi_key in (select unnest($kpis))
  and k.value_kind in (select unnest($kinds))
  and k.value_year in (select unnest($years))
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


# the reading's words in Finnish; the Kysy page passes its language's (app/texts.py)
WORDS_FI = {
    "kpi_actual": "toteutuma", "kpi_forecast": "ennuste", "kpi_target": "tavoite", "risks": "riskit",
    "all_committees": "kaikki lautakunnat", "latest_report": "uusin raportti", "top": "merkittävimmät",
    "desc": "suurin riskiarvo ensin",
}


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
    kpis = run("select kpi_key, committee, indicator, unit, first_year, last_year from marts.dim_kpi", None)
    if kpis.is_empty():
        return None
    best: tuple[int, list[str]] = (0, [])
    named = [t for t in tokens if t.startswith("tunnuslu")]
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
    u.matched += [(t, "tunnusluku") for t in named]
    u.matched += [(t, "tunnusluku") for t in tokens
                  if any(_shared(t, w) for ind in chosen["indicator"] for w in words_of(ind) if len(w) >= 4)]
    committees = _committees(tokens, chosen["committee"].unique().to_list(), u)
    if committees:
        chosen = chosen.filter(pl.col("committee").is_in(committees))
    u.topic = "kpi"
    kinds = [kind for kind, stems in KIND_STEMS.items() if any(t.startswith(stems) for t in tokens)]
    years = sorted({int(t) for t in tokens if re.fullmatch(r"(19|20)\d\d", t)})
    u.matched += [(t, "vuosi") for t in tokens if re.fullmatch(r"(19|20)\d\d", t)]
    u.matched += [(t, kind) for kind, stems in KIND_STEMS.items() for t in tokens if t.startswith(stems)]
    if not kinds:  # no kind named: target, actual and forecast side by side
        kinds = list(KIND_STEMS)
        u.defaults.append("measure")
    if not years:  # no year named: every year the KPIs are printed for
        years = list(range(min(chosen["first_year"]), max(chosen["last_year"]) + 1))
        u.defaults.append("year")
    if not committees:  # the committees that report the KPI
        committees = sorted(chosen["committee"].unique().to_list())
        u.defaults.append("committee")
    u.lines = [Term("kpi", i, i, words_of(i)) for i in chosen["indicator"].unique(maintain_order=True)]
    u.measures, u.years = kinds, years
    u.committees = [Term("committee", c, c, words_of(c)) for c in committees]
    _leftovers(tokens, u)
    return FigureQuestion(u, KPI_SQL, {"kpis": chosen["kpi_key"].to_list(), "kinds": kinds, "years": years})


def _risk_question(u: Understanding, tokens: list[str], run: Runner) -> FigureQuestion:
    u.matched += [(t, "riski") for t in tokens if t.startswith(RISK_STEMS)]
    known = run("select distinct committee from marts.fact_risk", None)
    committees = _committees(tokens, known["committee"].to_list() if known.height else [], u)
    most = [t for t in tokens if t.startswith(MOST_STEMS)]
    u.matched += [(t, "merkittävimmät") for t in most]
    u.topic = "risk"
    u.order = "top" if most else "desc"
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
    """Words that name nothing are shown as skipped; any other word not understood is named."""
    taken = {word for word, _ in u.matched}
    u.ignored = [t for t in tokens if t not in taken and t in FILLER]
    u.unknown = [t for t in tokens if t not in taken and t not in FILLER]


def figure_reading(u: Understanding, words: dict[str, str] | None = None) -> str:
    """The reading of a KPI or risk question in one line: `Elinvoimalautakunta · Nettomenot/asukas · tavoite ·
    2022`, `kaikki lautakunnat · riskit · uusin raportti · merkittävimmät`. `words` translates WORDS_FI's keys."""
    w = {**WORDS_FI, **(words or {})}
    place = ", ".join(t.label for t in u.committees)
    if u.topic == "risk":
        parts = [place or w["all_committees"], w["risks"], w["latest_report"], w[u.order or "desc"]]
    else:
        parts = [place, ", ".join(t.label for t in u.lines), ", ".join(w[f"kpi_{k}"] for k in u.measures),
                 ", ".join(map(str, u.years))]
    return " · ".join(p for p in parts if p)
