"""Column headers → what each column holds: measure, fiscal year, period and printed unit.

Two header styles occur in Finnish follow-up reports:
- year style (Heinola): a line of column heads carrying years (`TP 2021 TOT 2021 TA 2022 TOT 2022 - TOT-22 TP`)
  and a line of qualifiers under them (`Selite 1000e 6 kk/1000e +muutos 6 kk Jäljellä % Ennuste`);
- phrase style (Kauhava): the heads are phrases wrapped word by word over several lines
  (`Alkuperäinen TA` · `TA Muutokset` · `TA muutosten jälkeen` · `Toteutuma` · `Poikkeama`); the year and period
  are the document's (see document.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

EUR, KEUR, PCT = "EUR", "1000 EUR", "PCT"
# Columns a report leaves blank when there is nothing to print: a budget change column with no changes, a forecast
# printed only on subtotal lines.
BLANKABLE = {"budget_change", "forecast"}
ADDITIVE = {"actual", "budget", "original_budget", "budget_change", "forecast", "remaining", "variance"}


@dataclass(frozen=True)
class Column:
    measure: str
    fiscal_year: int
    period_months: int
    unit: str
    header: str  # the head as printed, for messages

    @property
    def scale(self) -> Decimal:
        return Decimal(1000) if self.unit == KEUR else Decimal(1)

    @property
    def blankable(self) -> bool:
        return self.measure in BLANKABLE


class HeaderError(ValueError):
    """The header lines do not read as a known set of columns."""


# ---- year style -------------------------------------------------------------------------------------------------

_YEAR_HEAD = re.compile(r"\b(TP|TOT|TA)\s+(\d{4})\b")
_HEAD = re.compile(r"(?P<kind>TP|TOT|TA)(?:\s+(?P<year>\d{4}))?(?=\s|$)|TOT-(?P<yy>\d{2})\b|(?P<rem>Jäljellä)|(?P<slot>-)")
_QUALIFIER = re.compile(
    r"(?P<kk>(?P<months>\d{1,2})\s*kk(?P<kkunit>/1000\s*e)?)|(?P<unit>1000\s*e)\b|(?P<changes>\+muuto(?:s|ks)\w*)"
    r"|(?P<rem>Jäljellä)|(?P<pct>%)|(?P<forecast>Ennuste)"
)


def is_year_header(line: str) -> bool:
    """Column heads with years, one of them a budget (TA): a budget table. Others (TP 2024 TP 2023) compare
    years and hold no budget."""
    heads = _YEAR_HEAD.findall(line)
    return len(heads) >= 2 and any(kind == "TA" for kind, _ in heads)


def year_head_start(line: str) -> int:
    """Where the column heads begin on a year-style header line; the text before is the table's title cell."""
    return _YEAR_HEAD.search(line).start()


@dataclass
class _Head:
    kind: str  # TP, TOT, TA, PCT, REM, SLOT
    year: int | None
    text: str
    qualifiers: list[str]


def year_columns(heads_line: str, qualifier_line: str) -> list[Column]:
    """Columns of a year-style header: heads from the first line, qualifiers from the second attached in order
    to the first later head that takes them (so a head may stand without a qualifier)."""
    heads = [_head(m) for m in _HEAD.finditer(heads_line)]
    if not heads:
        raise HeaderError(f"no column heads in {heads_line!r}")
    position = 0
    for match in _QUALIFIER.finditer(qualifier_line):
        kind = match.lastgroup if match.lastgroup not in ("months", "kkunit") else "kk"
        for i in range(position, len(heads)):
            if _accepts(heads[i], kind) and not heads[i].qualifiers:
                heads[i].qualifiers.append(match.group(0))
                heads[i].text += " " + match.group(0)
                position = i + 1
                break
        else:
            raise HeaderError(f"qualifier {match.group(0)!r} fits no column head in {heads_line!r}")
    return _year_style_columns(heads)


def _head(match: re.Match[str]) -> _Head:
    if match.group("kind"):
        year = int(match.group("year")) if match.group("year") else None
        return _Head(match.group("kind"), year, match.group(0), [])
    if match.group("yy"):
        return _Head("PCT", int(match.group("yy")), match.group(0), [])
    if match.group("rem"):
        return _Head("REM", None, match.group(0), ["Jäljellä"])
    return _Head("SLOT", None, match.group(0), [])


def _accepts(head: _Head, qualifier: str) -> bool:
    return {
        "unit": head.kind in ("TP", "TOT") and head.year is not None,
        "kk": head.kind == "TOT",
        "changes": head.kind == "TA",
        "rem": head.kind == "SLOT",
        "pct": head.kind == "PCT",
        "forecast": head.kind == "TP" and head.year is None,
    }[qualifier]


def _year_style_columns(heads: list[_Head]) -> list[Column]:
    budget_years = [h.year for h in heads if h.kind == "TA"]
    if len(budget_years) != 1:
        raise HeaderError("a year-style header needs exactly one budget (TA) column")
    budget_year = budget_years[0]
    periods = {}  # year -> months of that year's year-to-date actual column
    for head in heads:
        if head.kind == "TOT":
            months = [q for q in head.qualifiers if "kk" in q]
            if not months:
                raise HeaderError(f"column {head.text!r} gives no period (N kk)")
            periods[head.year] = int(re.match(r"\d+", months[0]).group(0))
    current = periods.get(budget_year, 12)
    columns = []
    for head in heads:
        unit = KEUR if any("1000" in q for q in head.qualifiers) else EUR
        if head.kind == "TP" and head.year is not None:
            columns.append(Column("actual", head.year, 12, unit, head.text))
        elif head.kind == "TP":
            if not head.qualifiers:
                raise HeaderError(f"column {head.text!r} without a year is not a forecast (no 'Ennuste')")
            columns.append(Column("forecast", budget_year, 12, unit, head.text))
        elif head.kind == "TOT":
            columns.append(Column("actual", head.year, periods[head.year], unit, head.text))
        elif head.kind == "TA":
            measure = "budget" if head.qualifiers else "original_budget"
            columns.append(Column(measure, head.year, 12, unit, head.text))
        elif head.kind in ("REM", "SLOT"):
            if not head.qualifiers:
                raise HeaderError(f"a column head {head.text!r} has no name under it")
            columns.append(Column("remaining", budget_year, current, unit, head.text.strip("- ")))
        else:  # PCT: a two-digit year, its century from the other heads
            year = next((h.year for h in heads if h.year and h.year % 100 == head.year and h.kind != "PCT"), None)
            if year is None:
                raise HeaderError(f"column {head.text!r}: no four-digit year ends in {head.year:02d}")
            columns.append(Column("realization_pct", year, periods.get(year, 12), PCT, head.text))
    return columns


# ---- phrase style -----------------------------------------------------------------------------------------------

_PHRASES = [
    (re.compile(r"alkuperäinen (ta|talousarvio)\b"), "original_budget"),
    (re.compile(r"(ta|talousarvio) ?muutokset\b"), "budget_change"),
    (re.compile(r"(ta|talousarvio) muutosten jälkeen\b"), "budget"),
    (re.compile(r"toteutuma\b|toteuma\b"), "actual"),
    (re.compile(r"poikkeama\b"), "variance"),
]
PHRASE_WORDS = {"alkuperäinen", "ta", "talousarvio", "talousarvio-", "muutokset", "muutosten", "jälkeen", "jäl-",
                "keen", "toteutuma", "toteuma", "poikkeama"}


def is_phrase_header_line(line: str) -> bool:
    words = line.lower().split()
    return bool(words) and len(words) <= 4 and all(word in PHRASE_WORDS for word in words)


def phrase_columns(lines: list[str], year: int, period: int) -> list[Column]:
    """Columns of a phrase-style header; every word must belong to a phrase."""
    text = " ".join(" ".join(lines).split()).lower()
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)  # hyphenated over a line break: "jäl- keen", "talousarvio- muutokset"
    columns, at = [], 0
    while at < len(text):
        for pattern, measure in _PHRASES:
            match = pattern.match(text, at)
            if match:
                months = 12 if measure != "actual" else period
                columns.append(Column(measure, year, months, EUR, match.group(0)))
                at = match.end() + 1
                break
        else:
            raise HeaderError(f"unknown column header words {text[at:]!r}")
    if len(columns) < 3 or {"budget", "actual"} - {c.measure for c in columns}:
        raise HeaderError(f"header {text!r} has no budget and actual columns")
    return columns


def rescaled(columns: list[Column], unit: str) -> list[Column]:
    """The same columns in another unit (for a table that prints none: see settle.reconcile_units)."""
    return [replace(c, unit=unit) if c.unit == EUR else c for c in columns]
