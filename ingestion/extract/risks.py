"""Risk tables of a report (`Riskienhallinta`: Tunnistettu riski · Riskiarvo · Hallintakeino · Vastuu).

    Koronan vaikutukset Todennäköisyys: 2
    Merkittävyys: 3

    Varasuunnitelmat, kustannusten hallinta,
    ennakointi.

A row opens with the risk's name and its probability on one line (they share a baseline), the significance
below; the cells after it, in column order, are the mitigation and the responsible (lines of spaces are empty
cells). The risk value is the product of the two when the table does not print it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingestion.extract.document import read_document, toimiala_committee
from ingestion.extract.goal_columns import paragraphs
from ingestion.extract.kpis import period_end
from ingestion.extract.reading_findings import Finding

_TITLE = "Riskienhallinta"
_PROBABILITY = re.compile(r"Todennäköisyys:\s*(\d)")
_SIGNIFICANCE = re.compile(r"Merkittävyys:\s*(\d)")
_VALUE = re.compile(r"Riskiarvo:\s*(\d{1,2})")


@dataclass(frozen=True)
class RiskRow:
    municipality: str
    committee: str
    reported_at: date
    risk: str
    probability: int  # 1–5
    significance: int  # 1–5
    risk_value: int  # probability × significance
    risk_value_printed: bool  # False: computed here because the table prints only the two factors
    mitigation: str | None
    responsible: str | None
    source_line: int


RISK_COLUMNS = tuple(RiskRow.__dataclass_fields__)


def read_risk_tables(name: str, lines: list[str], municipality: str | None = None,
                     findings: list[Finding] | None = None) -> list[RiskRow]:
    findings = findings if findings is not None else []
    document = read_document([line.rstrip() for line in lines], municipality)
    rows: list[RiskRow] = []
    committee = None
    for i, line in enumerate(lines):
        committee = toimiala_committee(line.strip()) or committee
        if line.strip() != _TITLE or committee is None or document.fiscal_year is None:
            continue
        header = next((j for j in range(i + 1, min(i + 6, len(lines))) if lines[j].startswith("Tunnistettu riski")),
                      None)
        if header is None:
            findings.append(Finding(name, i + 1, "risk table: no 'Tunnistettu riski' header line after the title"))
            continue
        end = header + 1
        while end < len(lines) and not _ends(lines[end].strip()):
            end += 1
        reported_at = period_end(document.fiscal_year, document.period_months or 12)
        rows += _read_rows(name, paragraphs(lines[header + 1:end], header + 2), document.municipality, committee,
                           reported_at, findings)
    return rows


def _read_rows(name: str, paras, municipality: str, committee: str, reported_at: date,
               findings: list[Finding]) -> list[RiskRow]:
    rows: list[RiskRow] = []
    current: dict | None = None

    def close() -> None:
        if current is None:
            return
        cells = current["cells"]
        if len(cells) > 2:
            findings.append(Finding(name, current["line"], (
                f"risk table: {current['risk']!r} prints {len(cells)} cells after its risk value; "
                "the first is kept as the mitigation, the last as the responsible")))
        probability, significance = current["probability"], current["significance"]
        printed = current["value"]
        if printed is not None and printed != probability * significance:
            findings.append(Finding(name, current["line"], (
                f"risk table: {current['risk']!r} prints risk value {printed} but "
                f"{probability} × {significance} = {probability * significance}; the printed value is kept")))
        rows.append(RiskRow(
            municipality=municipality,
            committee=committee,
            reported_at=reported_at,
            risk=current["risk"],
            probability=probability,
            significance=significance,
            risk_value=printed if printed is not None else probability * significance,
            risk_value_printed=printed is not None,
            mitigation=cells[0] if cells else None,
            responsible=cells[-1] if len(cells) > 1 else None,
            source_line=current["line"],
        ))

    for para in paras:
        if para.empty:
            continue
        text = para.text
        opening = _PROBABILITY.search(text)
        if opening is not None:
            close()
            significance = _SIGNIFICANCE.search(text)
            value = _VALUE.search(text)
            if significance is None:
                findings.append(Finding(name, para.first, f"risk table: {text!r} prints no Merkittävyys"))
                current = None
                continue
            current = {"risk": text[: opening.start()].strip(), "probability": int(opening.group(1)),
                       "significance": int(significance.group(1)), "value": int(value.group(1)) if value else None,
                       "line": para.first, "cells": []}
        elif current is not None:
            current["cells"].append(text)
        else:
            findings.append(Finding(name, para.first, f"risk table: {text[:60]!r} before any risk row"))
    close()
    return rows


def _ends(line: str) -> bool:
    return len(line) > 5 and line.isupper()
