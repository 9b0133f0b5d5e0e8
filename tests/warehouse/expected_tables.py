"""Reads the hand-written expected report tables in tests/warehouse/expected/ (format described in each file)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

EXPECTED_DIR = Path(__file__).parent / "expected"
SCALE = {"1000": Decimal(1000), "1": Decimal(1), "pct": Decimal(1)}


@dataclass(frozen=True)
class ExpectedRow:
    line_item: str
    cells: dict[str, Decimal | None]  # rpt column (or budget_change) → value in euros / percent, None = blank


@dataclass(frozen=True)
class ExpectedTable:
    source: str
    model: str
    service_area_key: str
    fiscal_year: int
    period_months: int
    rows: tuple[ExpectedRow, ...]

    @property
    def id(self) -> str:
        return f"{self.service_area_key}:{self.model}:{self.fiscal_year}/{self.period_months}"


def printed_number(text: str, unit: str) -> Decimal | None:
    """'-1 212' → -1212, '44,70' → 44.70, '- 179' (1000 €) → -179000, '' → None."""
    text = text.replace(" ", "").replace(",", ".")
    return Decimal(text) * SCALE[unit] if text else None


def parse(path: Path) -> list[ExpectedTable]:
    tables: list[ExpectedTable] = []
    header: list[str] = []
    columns: list[tuple[str, str]] = []
    rows: list[ExpectedRow] = []

    def close() -> None:
        if header:
            model, key, year, months = header
            tables.append(ExpectedTable(path.name, model, key, int(year), int(months), tuple(rows)))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("table:"):
            close()
            header = [part.strip().split()[0] for part in line.removeprefix("table:").split("|")]
            rows = []
        elif line.startswith("columns:"):
            columns = [tuple(c.strip().split(":")) for c in line.removeprefix("columns:").split("|")]
        else:
            label, *cells = [cell.strip() for cell in line.split("|")]
            if len(cells) != len(columns):
                raise ValueError(f"{path}:{number}: {len(cells)} cells, expected {len(columns)}")
            values = {
                name: printed_number(cell, unit) for (name, unit), cell in zip(columns, cells, strict=True)
            }
            rows.append(ExpectedRow(label, values))
    close()
    return tables


def all_tables() -> list[ExpectedTable]:
    return [table for path in sorted(EXPECTED_DIR.glob("*.txt")) for table in parse(path)]
