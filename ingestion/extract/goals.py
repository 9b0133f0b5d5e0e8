"""Goal registers of a text report: the strategic goals (Strateginen päämäärä · Toimialan tavoite · Toteuma · Tila)
and the operational goal register (Tavoite · Mittari ja tavoitetaso · Toteuma 31.3. · Toteuma 30.6. · Vastuu ·
Tila), as rows in the raw.goals layout (docs/architecture.md). A table starts at its header line, which names
its columns and reporting dates, and ends at the next heading; goal_columns.py settles which printed paragraph
belongs to which cell. Goal ids: the committee's code in seeds/service_areas.csv, the year, S (strategic) or O
(operational) and the table order (HEI-ELV-2022-O01)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ingestion.extract.document import read_document, toimiala_committee
from ingestion.extract.goal_columns import GoalColumn, InterleavedTable, paragraphs
from ingestion.extract.reading_findings import Finding
from ingestion.paths import SEEDS_DIR

_DATE = re.compile(r"Toteuma (\d{1,2})\.(\d{1,2})\.")
_YEAR = re.compile(r"\b(20\d\d)\b")
# A line that ends a table: a heading in capitals, or the title of the next table.
_TITLES = {"Tunnusluvut", "Riskienhallinta"}
_HEADING = re.compile(r"^[A-ZÅÄÖ0-9 /\-,.()]{6,}$")


@dataclass(frozen=True)
class GoalRow:
    goal_id: str
    fiscal_year: int
    municipality: str
    committee: str
    level: str
    strategic_theme: str | None
    goal: str
    measures: str | None
    target: str | None
    reported_at: date
    realization: str | None
    responsible: str | None
    status: str | None
    source_line: int  # first line of the goal cell


GOAL_COLUMNS = tuple(GoalRow.__dataclass_fields__)[:-1]


@dataclass
class GoalTables:
    rows: list[GoalRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _header(line: str, year: int | None) -> tuple[str, list[GoalColumn], int] | None:
    """A goal table's header line → (level, columns, fiscal year), or None."""
    text = line.strip()
    if not text.endswith("Tila") or "Toteuma" not in text:
        return None
    found = _YEAR.search(text)
    fiscal = int(found.group(1)) if found else year
    if fiscal is None:
        return None
    columns: list[GoalColumn] = []
    level = "operational"
    if text.startswith("Strateginen päämäärä"):
        level = "strategic"
        columns.append(GoalColumn("theme"))
    columns.append(GoalColumn("goal"))
    if "Mittari" in text:
        columns.append(GoalColumn("measures"))
    for day, month in _DATE.findall(text):
        columns.append(GoalColumn("realization", date(fiscal, int(month), int(day))))
    if re.search(r"\bVastuu\b", text):
        columns.append(GoalColumn("responsible"))
    columns.append(GoalColumn("status"))
    return level, columns, fiscal


def _ends_table(line: str) -> bool:
    text = line.strip()
    return text in _TITLES or bool(_HEADING.match(text) and any(c.isalpha() for c in text))


@cache
def committee_codes() -> dict[tuple[str, str], str]:
    """(municipality, committee) → the committee's code in seeds/service_areas.csv (e.g. HEI-ELV)."""
    with open(SEEDS_DIR / "service_areas.csv", encoding="utf-8") as handle:
        return {(r["municipality"], r["committee"]): r["code"] for r in csv.DictReader(handle)
                if r["section_level"] == "committee"}


def goal_id_prefix(municipality: str, committee: str, fiscal_year: int) -> str:
    code = committee_codes().get((municipality, committee))
    if code is None:  # a committee the seeds do not know yet: its first letters
        code = f"{municipality[:3].upper()}-{committee[:3].upper()}"
    return f"{code}-{fiscal_year}"


def read_goal_tables(name: str, lines: list[str], municipality: str | None = None) -> GoalTables:
    """Every goal table of a text report (`lines` as printed, trailing spaces kept)."""
    stripped = [line.rstrip() for line in lines]
    document = read_document(stripped, municipality)
    result = GoalTables()
    committee = None
    counters: dict[str, int] = {}
    i = 0
    while i < len(lines):
        committee = toimiala_committee(stripped[i]) or committee
        header = _header(lines[i], document.fiscal_year)
        if header is None or committee is None:
            i += 1
            continue
        level, columns, fiscal = header
        end = i + 1
        while end < len(lines) and not _ends_table(lines[end]) and _header(lines[end], fiscal) is None:
            end += 1
        table = InterleavedTable(name, level, columns, paragraphs(lines[i + 1:end], i + 2))
        prefix = goal_id_prefix(document.municipality, committee, fiscal)
        letter = "S" if level == "strategic" else "O"
        kinds = [c.kind for c in table.content]
        dates = [c.reported_at for c in table.content if c.kind == "realization"]
        for row in table.read(result.findings):
            counters[prefix + letter] = counters.get(prefix + letter, 0) + 1
            goal_id = f"{prefix}-{letter}{counters[prefix + letter]:02d}"
            goal = row.cell(kinds.index("goal"))
            if goal is None:
                result.findings.append(Finding(name, row.line, f"goal table: {goal_id} prints no goal text"))
                goal = ""
            measures = row.cell(kinds.index("measures")) if "measures" in kinds else None
            responsible = row.responsible.text if row.responsible is not None and not row.responsible.empty else None
            for c, column in enumerate(table.content):
                if column.kind != "realization":
                    continue
                result.rows.append(GoalRow(
                    goal_id=goal_id,
                    fiscal_year=fiscal,
                    municipality=document.municipality,
                    committee=committee,
                    level=level,
                    strategic_theme=row.theme,
                    goal=goal,
                    measures=measures,
                    target=None,  # measure and target level are one printed cell, kept whole in measures
                    reported_at=column.reported_at,
                    realization=row.cell(c),
                    responsible=responsible,
                    # the one Tila column is the state at the latest reporting date
                    status=row.status if column.reported_at == max(dates) else None,
                    source_line=row.line,
                ))
        i = end
    return result
