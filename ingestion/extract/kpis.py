"""KPI tables of a report: one row per printed value, with the column as printed, what kind of figure it is
(actual / forecast / target), its year, its unit and the qualifier printed with it. Two shapes:

A `Tunnusluvut` section (a follow-up report, Heinola):

    Tunnusluku Toteutuma 2020 Ennuste 2021 Tavoite 2022
    Nettomenot/asukas 199,10€ (ei
    vertailukelpoinen)
    269,80€ 261,80€

pdftotext wraps a qualifier inside its cell and prints the row's other cells on the next lines, so the table is
read as one stream: an indicator name, then one value per column, each with the unit sign printed after it and an
optional qualifier in parentheses.

A titled target table (an annual report's group targets, Kauhava), one row per line:

    Konsernille asetetut tavoitteet TA2024 TP2024 TP2023 TP2022
    Konsernin vuosikate poistoista, %:a yli 80 142,8 123,8 133,5

the title names what the targets are set for (it stands for the committee), `TA` is the target, `TP` the actual,
and a target may be a bound (`yli 80`, `alle 12.000`: the word is kept as the qualifier). The rows end at the
first line that is not an indicator with a value in every column. A space may group thousands or separate
columns; the reading that gives every column one value is kept (several: a finding). Titled tables without a
target column (Kauhava's Kapasiteettitiedot, actuals only) are statistics, not KPIs, and are not read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ingestion.extract.document import read_document, toimiala_committee
from ingestion.extract.reading_findings import Finding

KPI_KINDS = ("actual", "forecast", "target")
UNITS = ("EUR per inhabitant", "EUR", "PCT", "count")
# The column heads of a KPI table and the kind of figure each gives.
_HEADS = {"toteutuma": "actual", "toteuma": "actual", "tp": "actual", "ennuste": "forecast", "tavoite": "target",
          "ta": "target"}
_HEAD = re.compile(r"\b(Toteutuma|Toteuma|TP|Ennuste|Tavoite|TA)\s*(\d{4})\b")
# a number as printed: spaces or dots grouping thousands, a decimal comma
_NUMBER = r"-?\d{1,3}(?:[ .\u00a0]\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?"
_BOUND = r"(?:(yli|alle|vähintään|enintään|min\.|max\.)\s+)?"
_VALUE = re.compile(rf"(?<![\w,.]){_BOUND}({_NUMBER})\s?(€|%)?(?=\s|$|\()")
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)")
_TITLE = "Tunnusluvut"
# a title, then only column heads: "Konsernille asetetut tavoitteet TA2024 TP2024 TP2023 TP2022"
_TITLED_HEADER = re.compile(r"^(?P<title>[A-ZÅÄÖ][^\d]*?)\s+(?P<heads>(?:(?:TA|TP|Tavoite|Toteutuma|Ennuste)\s*\d{4}"
                            r"\s*){2,})$")


@dataclass(frozen=True)
class KpiRow:
    municipality: str
    committee: str
    reported_at: date  # the end of the period the report covers
    indicator: str
    column_label: str  # the column head as printed
    value_kind: str  # actual · forecast · target
    year: int
    value: Decimal
    unit: str
    qualifier: str | None
    printed_text: str
    source_line: int


KPI_COLUMNS = tuple(KpiRow.__dataclass_fields__)


@dataclass(frozen=True)
class _Table:
    committee: str
    heads: list[tuple[str, str, int]]  # (as printed, kind, year)
    reported_at: date
    municipality: str


def period_end(fiscal_year: int, months: int) -> date:
    next_first = date(fiscal_year + (months == 12), months % 12 + 1, 1)
    return date.fromordinal(next_first.toordinal() - 1)


def _heads(text: str) -> list[tuple[str, str, int]]:
    return [(m.group(0), _HEADS[m.group(1).lower()], int(m.group(2))) for m in _HEAD.finditer(text)]


def read_kpi_tables(name: str, lines: list[str], municipality: str | None = None,
                    findings: list[Finding] | None = None) -> list[KpiRow]:
    """Every KPI table of a report's text."""
    stripped = [line.strip() for line in lines]
    document = read_document([line.rstrip() for line in lines], municipality)
    findings = findings if findings is not None else []
    if document.fiscal_year is None:
        return []
    reported_at = period_end(document.fiscal_year, document.period_months or 12)
    rows: list[KpiRow] = []
    committee = None
    for i, text in enumerate(stripped):
        committee = toimiala_committee(text) or committee
        titled = _TITLED_HEADER.match(text)
        # a table of targets (a TA or Tavoite column); actuals alone (Kapasiteettitiedot) are statistics
        if titled and any(kind == "target" for _, kind, _ in _heads(titled.group("heads"))):
            table = _Table(titled.group("title"), _heads(titled.group("heads")), reported_at, document.municipality)
            rows += _read_line_rows(name, stripped, i + 1, table, findings)
            continue
        if text != _TITLE or committee is None:
            continue
        header = next((j for j in range(i + 1, min(i + 6, len(stripped))) if stripped[j].startswith("Tunnusluku")),
                      None)
        if header is None:
            findings.append(Finding(name, i + 1, "KPI table: no 'Tunnusluku' header line after the title"))
            continue
        table = _Table(committee, _heads(stripped[header]), reported_at, document.municipality)
        rows += _read_stream(name, stripped, header + 1, table, findings)
    return rows


def _row(table: _Table, indicator: str, head: tuple[str, str, int], match: re.Match, qualifier: str | None,
         line: int) -> KpiRow:
    label, kind, year = head
    bound, number, sign = match.group(1), match.group(2), match.group(3)
    return KpiRow(
        municipality=table.municipality,
        committee=table.committee,
        reported_at=table.reported_at,
        indicator=indicator,
        column_label=label,
        value_kind=kind,
        year=year,
        value=Decimal(re.sub(r"[ .\u00a0]", "", number).replace(",", ".")),
        unit=_unit(indicator, sign),
        qualifier=" ".join(q for q in (bound, qualifier) if q) or None,
        printed_text=match.group(0).strip(),
        source_line=line,
    )


_START = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?[€%]?$|^-?\d+(?:,\d+)?[€%]?$")
_GROUP = re.compile(r"^\d{3}(?:,\d+)?[€%]?$")
_BOUNDS = ("yli", "alle", "vähintään", "enintään", "min.", "max.")


def _splits(tokens: list[str], n: int) -> list[list[list[str]]]:
    """Ways to read number tokens as n numbers: a space may group thousands (`1 530`) or separate columns."""
    if n == 0:
        return [[]] if not tokens else []
    out = []
    if tokens and (_START.match(tokens[0]) or tokens[0] in _BOUNDS):
        head = 2 if tokens[0] in _BOUNDS else 1
        if len(tokens) < head or not _START.match(tokens[head - 1]):
            return []
        end = head
        while True:
            out += [[tokens[:end], *rest] for rest in _splits(tokens[end:], n - 1)]
            grouped = "," not in tokens[end - 1] and not tokens[end - 1][-1:] in "€%"
            if end < len(tokens) and grouped and _GROUP.match(tokens[end]):
                end += 1
            else:
                break
    return out


def _read_line_rows(name: str, lines: list[str], start: int, table: _Table, findings: list[Finding]) -> list[KpiRow]:
    """One row per line: the indicator, then a value for every column; the first other line ends the table."""
    rows: list[KpiRow] = []
    n = len(table.heads)
    for number in range(start, len(lines)):
        tokens = lines[number].split()
        # the longest tail of number-like tokens, read as one value per column
        first = len(tokens)
        while first > 0 and (_START.match(tokens[first - 1]) or _GROUP.match(tokens[first - 1])
                             or tokens[first - 1] in _BOUNDS):
            first -= 1
        readings = []
        for cut in range(first, len(tokens)):
            readings = _splits(tokens[cut:], n)
            if readings:
                indicator = " ".join(tokens[:cut])
                break
        if not readings or not indicator or ". " in indicator:
            break
        if len(readings) > 1:
            # columns of one row print numbers of one size: prefer the reading whose values group alike
            readings.sort(key=lambda r: max(len(v) for v in r) - min(len(v) for v in r))
            findings.append(Finding(name, number + 1, (
                f"KPI table: {lines[number]!r} reads as {len(readings)} ways into {n} columns; "
                f"kept {[' '.join(v) for v in readings[0]]}, whose values group alike")))
        for head, value in zip(table.heads, readings[0], strict=True):
            text = " ".join(value)
            match = _VALUE.fullmatch(text) or _VALUE.fullmatch(text.replace(" ", "\u00a0"))
            rows.append(_row(table, indicator, head, match, None, number + 1))
    return rows


def _read_stream(name: str, lines: list[str], start: int, table: _Table, findings: list[Finding]) -> list[KpiRow]:
    # the table's text as one stream, remembering the line each character came from
    stream, where = "", []
    end = start
    while end < len(lines) and not _ends(lines[end]):
        if lines[end]:
            stream += lines[end] + " "
            where += [end + 1] * (len(lines[end]) + 1)
        end += 1
    rows: list[KpiRow] = []
    position = 0
    while position < len(stream):
        first = _VALUE.search(stream, position)
        if first is None:
            rest = stream[position:].strip()
            if rest:
                findings.append(Finding(name, where[position], f"KPI table: {rest!r} has no values"))
            break
        indicator = stream[position:first.start()].strip()
        values = []
        position = first.start()
        for _ in table.heads:
            match = _VALUE.search(stream, position)
            if match is None:
                break
            qualifier = _QUALIFIER.match(stream, match.end())
            values.append((match, qualifier.group(1).strip() if qualifier else None))
            position = qualifier.end() if qualifier else match.end()
        if len(values) != len(table.heads) or not indicator:
            findings.append(Finding(name, where[first.start()], (
                f"KPI table: row {indicator!r} prints {len(values)} values for {len(table.heads)} columns")))
        rows += [_row(table, indicator, head, match, qualifier, where[match.start()])
                 for head, (match, qualifier) in zip(table.heads, values, strict=False)]
    return rows


def _unit(indicator: str, sign: str | None) -> str:
    """From the sign printed with the value, else the indicator's name (`%:a`, `€/asukas`)."""
    if sign == "%" or (sign is None and "%" in indicator):
        return "PCT"
    per_inhabitant = "/asukas" in indicator or "asukasta kohden" in indicator
    if sign == "€" or (sign is None and "€" in indicator):
        return "EUR per inhabitant" if per_inhabitant else "EUR"
    return "count"


def _ends(line: str) -> bool:
    """The next heading (`Riskienhallinta`, a line in capitals) ends a KPI table."""
    return line in ("Riskienhallinta",) or (len(line) > 5 and line.isupper())
