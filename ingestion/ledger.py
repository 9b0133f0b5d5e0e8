"""The report-level ledger extract: one row per printed number (see docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

MEASURES = (
    "actual",
    "budget",
    "original_budget",
    "budget_change",
    "forecast",
    "remaining",
    "variance",
    "realization_pct",
)
UNITS = ("EUR", "1000 EUR", "PCT")
TABLE_KINDS = ("income_statement", "investments")
SECTION_LEVELS = ("municipality", "committee", "service_area", "group")


@dataclass(frozen=True)
class LedgerRow:
    source_file: str
    source_line: int  # 1-based line of the report text where the number was printed
    municipality: str
    committee: str
    section: str
    section_level: str
    table_kind: str
    line_item: str
    line_order: int
    measure: str
    fiscal_year: int
    period_months: int
    amount: Decimal  # euros (scaled from 1000 € when printed so), or percent for realization_pct
    unit: str
    precision: Decimal  # value of one step of the last printed digit, in euros (or percentage points)
    printed_text: str


LEDGER_COLUMNS = tuple(f.name for f in fields(LedgerRow))
