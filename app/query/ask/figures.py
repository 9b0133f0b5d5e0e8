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

from app.query.ask import morphology
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
select k.municipality, k.indicator, k.committee, k.value_year, k.value_kind, k.value, k.unit, k.qualifier,
       k.printed_text, k.reported_at, k.source_path
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
select municipality, risk, committee, probability, significance, risk_value, risk_value_printed, rank_in_report,
       mitigation, responsible, reported_at, source_path
from latest
where ($municipalities is null or municipality in (select unnest($municipalities)))
  and ($committees is null or committee in (select unnest($committees)))
  and ($top is null or rank_in_report <= $top)
order by risk_value desc, municipality, committee, risk
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


def _inflected(token: str, word: str) -> bool:
    """`word` is a base form of `token` by Voikko (teknisen → tekninen), asked only of a token that starts like it
    but is not matched by its start, so most questions never load the analyser."""
    return token[:3] == word[:3] and word in morphology.lemmas(token)


def read_figure_question(question: str, run: Runner) -> FigureQuestion | None:
    """The question as a KPI or risk question, or None when it is neither."""
    tokens = [t for t in re.split(r"[\s,.;:!?/()\"']+", fold(question)) if t]
    u = Understanding(question)
    if any(t.startswith(RISK_STEMS) for t in tokens):
        return _risk_question(u, tokens, run)
    kpis = run("select kpi_key, municipality, committee, indicator, first_year, last_year from marts.dim_kpi", None)
    if kpis.is_empty():
        return None
    named = [t for t in tokens if t.startswith("tunnuslu")]
    scores = {}
    for key, indicator in zip(kpis["kpi_key"], kpis["indicator"], strict=True):
        words = [w for w in words_of(indicator) if len(w) >= _MIN_SHARED]
        score = sum(any(_shared(t, w) for t in tokens) for w in words)
        # every word of the indicator, or "tunnusluku" said: "Kulttuurin tuotot" stays a report-table question
        if score and (score == len(words) or named):
            scores[key] = score
    if scores:
        best = max(scores.values())
        chosen = kpis.filter(pl.col("kpi_key").is_in([k for k, v in scores.items() if v == best]))
    elif named:  # "tunnusluvut" alone: every KPI of the places named
        chosen = kpis
    else:
        return None
    u.topic = "kpi"
    u.matched += [(t, "tunnusluku") for t in named]
    u.matched += [(t, "tunnusluku") for t in tokens
                  if any(_shared(t, w) for ind in chosen["indicator"] for w in words_of(ind) if len(w) >= 4)]
    places = _places(tokens, _known_places(chosen, run), u)
    towns = [m.key for m in u.municipalities] or chosen["municipality"].to_list()
    chosen = chosen.filter(pl.col("municipality").is_in(towns) & pl.col("committee").is_in(
        places or chosen["committee"].to_list()))
    kinds = [kind for kind, stems in KIND_STEMS.items() if any(t.startswith(stems) for t in tokens)]
    years = sorted({int(t) for t in tokens if re.fullmatch(r"(19|20)\d\d", t)})
    u.matched += [(t, "vuosi") for t in tokens if re.fullmatch(r"(19|20)\d\d", t)]
    u.matched += [(t, kind) for kind, stems in KIND_STEMS.items() for t in tokens if t.startswith(stems)]
    _leftovers(tokens, u)
    u.lines = [Term("kpi", i, i, words_of(i)) for i in chosen["indicator"].unique(maintain_order=True)]
    u.measures, u.years = kinds, years
    if not u.ok:  # a word not understood, and the question does not name place, KPI and kind (parse.py's rule)
        return FigureQuestion(u, KPI_SQL, {})
    if not kinds:  # no kind named: target, actual and forecast side by side
        kinds = list(KIND_STEMS)
        u.defaults.append("measure")
    if not years and chosen.height:  # no year named: every year the KPIs are printed for
        years = list(range(min(chosen["first_year"]), max(chosen["last_year"]) + 1))
        u.defaults.append("year")
    if not places:  # the committees that report the KPI
        u.committees = [Term("committee", c, c, words_of(c)) for c in sorted(chosen["committee"].unique())]
        u.defaults.append("committee")
    u.measures, u.years = kinds, years
    return FigureQuestion(u, KPI_SQL, {"kpis": chosen["kpi_key"].to_list(), "kinds": kinds, "years": years})


def _risk_question(u: Understanding, tokens: list[str], run: Runner) -> FigureQuestion:
    u.topic = "risk"
    u.matched += [(t, "riski") for t in tokens if t.startswith(RISK_STEMS)]
    risks = run("select distinct municipality, committee from marts.fact_risk", None)
    committees = _places(tokens, _known_places(risks, run), u)
    most = [t for t in tokens if t.startswith(MOST_STEMS)]
    u.matched += [(t, "merkittävimmät") for t in most]
    u.order = "top" if most else "desc"
    u.group = "risk"
    _leftovers(tokens, u)
    # "the most significant": the top-ranked risk(s) of each committee's latest report
    return FigureQuestion(u, RISK_SQL, {"municipalities": [m.key for m in u.municipalities] or None,
                                        "committees": committees or None, "top": 1 if most else None})


def _known_places(reporting: pl.DataFrame, run: Runner) -> pl.DataFrame:
    """The municipalities and committees a question may name: those reporting the figures and every one the
    warehouse knows (a committee without KPIs is answered with none, not taken for an unknown word)."""
    others = run("select distinct municipality, committee from marts.dim_service_area "
                 "where municipality is not null and committee is not null", None)
    return pl.concat([reporting.select("municipality", "committee"), others], how="vertical_relaxed").unique()


def _places(tokens: list[str], known: pl.DataFrame, u: Understanding) -> list[str]:
    """The municipalities and committees of `known` (its columns municipality, committee) the question names, set
    on `u`; the committees' names, within the municipalities named."""
    towns = _named(tokens, sorted(known["municipality"].unique()), u)
    u.municipalities = [Term("municipality", m, m, words_of(m)) for m in towns]
    if towns:
        known = known.filter(pl.col("municipality").is_in(towns))
    committees = _named(tokens, sorted(known["committee"].unique()), u)
    u.committees = [Term("committee", c, c, words_of(c)) for c in committees]
    return committees


def _named(tokens: list[str], names: list[str], u: Understanding) -> list[str]:
    """The names every word of which (of four letters or more) the question holds, inflected: `Teknisen
    lautakunnan` names Tekninen lautakunta, `lautakunnan` alone names none."""
    found = []
    for name in names:
        words = [w for w in words_of(name) if len(w) >= _MIN_SHARED]
        hits = [[t for t in tokens if _shared(t, w) or _inflected(t, w)] for w in words]
        if words and all(hits):
            found.append(name)
            u.matched += [(t, name) for ts in hits for t in ts]
    return found


def _leftovers(tokens: list[str], u: Understanding) -> None:
    """Words that name nothing are shown as skipped; any other word not understood is named."""
    taken = {word for word, _ in u.matched}
    u.ignored = [t for t in tokens if t not in taken and t in FILLER]
    u.unknown = [t for t in tokens if t not in taken and t not in FILLER]


def figure_reading(u: Understanding, words: dict[str, str] | None = None) -> str:
    """The reading of a KPI or risk question in one line: `Elinvoimalautakunta · Nettomenot/asukas · tavoite ·
    2022`, `kaikki lautakunnat · riskit · uusin raportti · merkittävimmät`. `words` translates WORDS_FI's keys."""
    w = {**WORDS_FI, **(words or {})}
    place = ", ".join(dict.fromkeys(t.label for t in u.municipalities + u.committees))
    if u.topic == "risk":
        parts = [place or w["all_committees"], w["risks"], w["latest_report"], w[u.order or "desc"]]
    else:
        parts = [place, ", ".join(t.label for t in u.lines), ", ".join(w[f"kpi_{k}"] for k in u.measures),
                 ", ".join(map(str, u.years))]
    return " · ".join(p for p in parts if p)
