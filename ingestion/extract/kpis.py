"""KPI tables of a report (`Tunnusluvut`): one row per printed value, with the column as printed, what kind of
figure it is (actual / forecast / target), its year, its unit and the qualifier printed beside it.

    Tunnusluku Toteutuma 2020 Ennuste 2021 Tavoite 2022
    Nettomenot/asukas 199,10€ (ei
    vertailukelpoinen)
    269,80€ 261,80€

pdftotext wraps a qualifier inside its cell and prints the row's other cells on the next lines, so the table is
read as one stream of text: an indicator name, then one value per column, each value with the unit sign printed
after it and an optional qualifier in parentheses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ingestion.extract.document import read_document, toimiala_committee
from ingestion.extract.goals import Finding

KPI_KINDS = ("actual", "forecast", "target")
UNITS = ("EUR per inhabitant", "EUR", "PCT", "count")
# The column heads of a KPI table and the kind of figure each gives.
_HEADS = {"toteutuma": "actual", "toteuma": "actual", "tp": "actual", "ennuste": "forecast", "tavoite": "target",
          "ta": "target"}
_HEAD = re.compile(r"\b(Toteutuma|Toteuma|TP|Ennuste|Tavoite|TA)\s*(\d{4})\b")
_VALUE = re.compile(r"(?<![\w,])(-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)\s?(€|%)?(?=\s|$|\()")
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)")
_TITLE = "Tunnusluvut"


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


def period_end(fiscal_year: int, months: int) -> date:
    month = months
    next_first = date(fiscal_year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(next_first.toordinal() - 1)


def read_kpi_tables(name: str, lines: list[str], municipality: str | None = None,
                    findings: list[Finding] | None = None) -> list[KpiRow]:
    """Every `Tunnusluvut` table of a report's text."""
    stripped = [line.strip() for line in lines]
    document = read_document([line.rstrip() for line in lines], municipality)
    findings = findings if findings is not None else []
    rows: list[KpiRow] = []
    committee = None
    for i, text in enumerate(stripped):
        committee = toimiala_committee(text) or committee
        if text != _TITLE or committee is None or document.fiscal_year is None:
            continue
        header = next((j for j in range(i + 1, min(i + 6, len(stripped))) if stripped[j].startswith("Tunnusluku")),
                      None)
        if header is None:
            findings.append(Finding(name, i + 1, "KPI table: no 'Tunnusluku' header line after the title"))
            continue
        heads = [(m.group(0), _HEADS[m.group(1).lower()], int(m.group(2))) for m in _HEAD.finditer(stripped[header])]
        reported_at = period_end(document.fiscal_year, document.period_months or 12)
        rows += _read_rows(name, stripped, header + 1, heads, document.municipality, committee, reported_at,
                           findings)
    return rows


def _read_rows(name: str, lines: list[str], start: int, heads: list[tuple[str, str, int]], municipality: str,
               committee: str, reported_at: date, findings: list[Finding]) -> list[KpiRow]:
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
        position = first.start()
        values = []
        for _ in heads:
            match = _VALUE.match(stream, position) or _VALUE.search(stream, position)
            if match is None:
                break
            qualifier = _QUALIFIER.match(stream, match.end())
            values.append((match, qualifier.group(1).strip() if qualifier else None))
            position = (qualifier.end() if qualifier else match.end())
            position += len(stream[position:]) - len(stream[position:].lstrip())
        if len(values) != len(heads) or not indicator:
            findings.append(Finding(name, where[first.start()], (
                f"KPI table: row {indicator!r} prints {len(values)} values for {len(heads)} columns")))
        for (head, kind, year), (match, qualifier) in zip(heads, values, strict=False):
            number, sign = match.group(1), match.group(2)
            rows.append(KpiRow(
                municipality=municipality,
                committee=committee,
                reported_at=reported_at,
                indicator=indicator,
                column_label=head,
                value_kind=kind,
                year=year,
                value=Decimal(number.replace(" ", "").replace("\u00a0", "").replace(",", ".")),
                unit=_unit(indicator, sign),
                qualifier=qualifier,
                printed_text=stream[match.start():match.end()].strip(),
                source_line=where[match.start()],
            ))
    return rows


def _unit(indicator: str, sign: str | None) -> str:
    if sign == "%":
        return "PCT"
    if sign == "€":
        return "EUR per inhabitant" if "/asukas" in indicator or "asukasta kohden" in indicator else "EUR"
    return "count"


def _ends(line: str) -> bool:
    """The next heading (`Riskienhallinta`, a line in capitals) ends a KPI table."""
    return line in ("Riskienhallinta",) or (len(line) > 5 and line.isupper())
