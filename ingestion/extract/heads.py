"""One line of column heads, in the many ways Finnish follow-up tables print them, → the columns it names.

    TA 2024 Tot. 09/2024 Tot-%                         budget, actual 1–9, % of the budget
    TP 2023 Tot. 09/2023 Tot.-% TA 2024 Tot. 09/2024   the previous year's % is its actual against its TP
    TA 2024 TOT 2024 käyttö-%      TA25 + muut. TOT 9/2025 Tot-%      Talousarvio 2022 Toteutuma 31.3.2022 Tot-%
    Alkuperäinen TA · TA Muutokset · TA muutosten jälkeen · Toteutuma · Poikkeama

A line is a head line when it holds at least two heads, one of them a budget, and nothing but heads after the
first one (text before it is the table's title cell, e.g. "YMPÄRISTÖLAUTAKUNTA"). Words between heads that no
head takes ("Raami 2025", "Muutos-%") make the table unreadable: the reader is told which head, never a guess.
A head that prints no period (`TOT 2024`, `Toteutuma`) gets it from the table's title or the document."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ingestion.extract.headers import EUR, PCT, Column, is_year_header

_YEAR = r"(?:20|19)?\d{2}"
# (pattern, kind); the groups `year`, `month`, `day` give the period where printed
_HEADS = [
    (r"Alkuperäinen\s+(?:TA|[Tt]alousarvio)(?:\s+(?P<year>\d{4}))?", "original_budget"),
    (r"(?:TA|Talousarvio)[\s-]*[Mm]uutokset(?:\s+(?P<year>\d{4}))?", "budget_change"),
    (r"(?:TA|Talousarvio)\s+[Mm]uutosten\s+[Jj]älkeen(?:\s+(?P<year>\d{4}))?", "budget"),
    (r"(?:TOT|Tot\.?|Toteutuma|Toteuma)\s*-?\s*(?P<yy>\d{2})?\s*-?\s*%|[Kk]äyttö\s*-?\s*%|Tot\.?-?%", "pct"),
    (r"(?:Tot\.?|TOT)\s*(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})", "actual"),
    (r"(?:Toteutuma|Toteuma)\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})", "actual"),
    (r"(?:TOT|Toteutuma|Toteuma)(?:\s*(?P<year>\d{4}))?", "actual"),
    (rf"TP\s*(?P<year>{_YEAR})", "full_year"),
    (rf"(?:TA|Talousarvio)\s*(?P<year>{_YEAR})(?:\s*\+\s*muut(?:\.|okset|os)?)?", "budget"),
    (r"Poikkeama", "variance"),
    (r"Jäljellä", "remaining"),
    (r"(?:TP\s+)?Ennuste", "forecast"),
]
# named groups must be unique across the alternation: number them per alternative
_ALTERNATIVES = []
for _i, (_pattern, _kind) in enumerate(_HEADS):
    _numbered = re.sub(r"\(\?P<(\w+)>", lambda m, i=_i: f"(?P<{m.group(1)}_{i}>", _pattern)
    _ALTERNATIVES.append(f"(?P<head_{_i}>{_numbered})")
_HEAD = re.compile(r"(?<![\w-])(?:" + "|".join(_ALTERNATIVES) + r")(?![\w])")
# what may stand between heads besides spaces: the unit ("€", "1000 €", "(€)")
_FILLER = re.compile(r"^(?:\(?(?:1000\s*)?€\)?|\s)*$")
BUDGET_KINDS = {"budget", "original_budget"}


@dataclass(frozen=True)
class Head:
    kind: str  # original_budget, budget_change, budget, actual, full_year, pct, variance, remaining, forecast
    year: int | None
    months: int | None  # printed period of an actual column
    text: str


@dataclass(frozen=True)
class HeadLine:
    title: str  # the title cell before the first head ("" when the line starts with a head)
    heads: tuple[Head, ...]
    unknown: tuple[str, ...]  # words between heads that no head takes


def read_head_line(line: str) -> HeadLine | None:
    """The heads of a column-head line, or None when the line is not one."""
    text = line.strip()
    if not text or text.endswith((".", ",", ";")) or len(text) > 160:
        return None
    matches = list(_HEAD.finditer(text))
    if len(matches) < 2:
        return None
    heads, unknown, at = [], [], matches[0].start()
    for match in matches:
        between = text[at:match.start()]
        if not _FILLER.match(between):
            unknown.append(between.strip())
        heads.append(_head(match))
        at = match.end()
    rest = text[at:]
    if not _FILLER.match(rest):
        unknown.append(rest.strip())
    kinds = [h.kind for h in heads]
    if not BUDGET_KINDS & set(kinds) or not {"actual", "pct", "full_year", "budget"} & set(kinds[1:]):
        return None
    title = text[: matches[0].start()].strip()
    if any(ch.isdigit() for ch in title) or len(unknown) > len(heads):
        return None  # a sentence or a row of numbers that happens to name two heads
    return HeadLine(title, tuple(heads), tuple(unknown))


_QUALIFIERS = re.compile(r"\d\s*kk\b|1000\s*e\b|\+muuto|^Selite\b")


def head_line_at(lines: list[str], i: int) -> HeadLine | None:
    """The follow-up head line at `i`; None also for a year-style head with a qualifier line under it
    (headers.py reads that layout: `TP 2021 TOT 2021 TA 2022 …` over `Selite 1000e 6 kk/1000e …`)."""
    line = read_head_line(lines[i])
    if line is None:
        return None
    following = next((lines[j] for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
    if following is None and line.unknown and is_year_header(lines[i]):
        return None  # a year-style head at the end of the text: headers.py says the file is cut
    if following is not None and _QUALIFIERS.search(following.strip()):
        return None
    return line


def _head(match: re.Match[str]) -> Head:
    index = int(next(name for name, value in match.groupdict().items()
                     if value is not None and name.startswith("head_")).split("_")[1])
    kind = _HEADS[index][1]
    groups = {name.rsplit("_", 1)[0]: value for name, value in match.groupdict().items()
              if value is not None and name.endswith(f"_{index}") and not name.startswith("head_")}
    year = groups.get("year") or groups.get("yy")
    year = None if year is None else (int(year) if len(year) == 4 else 2000 + int(year))
    months = None
    if "month" in groups:
        months = int(groups["month"])
        if "day" in groups and int(groups["day"]) < calendar.monthrange(year, months)[1]:
            months -= 1  # "Toteutuma 15.3.2024": the last whole month
    return Head(kind, year, months, match.group(0))


class HeadError(ValueError):
    """The heads do not make a set of columns."""


def columns(line: HeadLine, title_period: tuple[int, int] | None, document_year: int | None) -> list[Column]:
    """The columns of a head line. `title_period` (year, months) is what the table's title says it covers."""
    if line.unknown:
        raise HeadError(f"column head {line.unknown[0]!r} is no budget follow-up measure")
    years = [h.year for h in line.heads if h.year]
    default_year = title_period[0] if title_period else (max(years) if years else document_year)
    if default_year is None:
        raise HeadError("no column head gives a year and neither does the table's title")
    result: list[Column] = []
    for head in line.heads:
        year = head.year or default_year
        if head.kind == "pct":
            base = next((c for c in reversed(result) if c.measure == "actual"), None)
            if base is None:
                raise HeadError(f"column {head.text!r}: a percentage with no actual column before it")
            # a year printed with no budget beside it (the previous year's TP, Tot, Tot-%) has its % against its
            # TP (settle.row_identities)
            result.append(Column("realization_pct", head.year or base.fiscal_year, base.period_months, PCT,
                                 head.text))
            continue
        if head.kind == "full_year":
            result.append(Column("actual", year, 12, EUR, head.text))
            continue
        if head.kind == "actual":
            months = head.months
            if months is None and head.year is not None and title_period and title_period[0] != head.year:
                months = 12  # "Toteutuma 2021" in a table about an earlier year
            if months is None:
                months = title_period[1] if title_period and title_period[0] == year else None
            if months is None:
                months = 12 if head.year is not None else None
            if months is None:
                raise HeadError(f"column {head.text!r} gives no period and the table's title none either")
            result.append(Column("actual", year, months, EUR, head.text))
            continue
        months = 12
        measure = "budget" if head.kind == "budget" else head.kind
        result.append(Column(measure, year, months, EUR, head.text))
    _no_twins(result)
    return result


def _no_twins(result: list[Column]) -> None:
    seen = set()
    for column in result:
        key = (column.measure, column.fiscal_year, column.period_months)
        if key in seen:
            raise HeadError(f"two columns read as the same measure: {column.header!r}")
        seen.add(key)
