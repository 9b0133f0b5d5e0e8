"""Helpers shared by the extract tests (not a test module)."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
HEINOLA = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"
KAUHAVA_DIR = Path("/work/shared/data/kauhava_tp2024")
for candidate in (PROJECT_DIR.parent / "shared" / "data" / "kauhava_tp2024", KAUHAVA_DIR):
    if candidate.is_dir():
        KAUHAVA_DIR = candidate
        break
KAUHAVA_TEXT = KAUHAVA_DIR / "Kauhava-Tilinpaatos-2024.raw.txt"
KAUHAVA_PDF = KAUHAVA_DIR / "Kauhava-Tilinpaatos-2024.pdf"
EXPECTED = Path(__file__).parent / "expected"

# Heinola's column heads → (measure, year, months, unit, scale), as docs/architecture.md maps them
HEINOLA_COLUMNS = {
    "TP 2021": ("actual", 2021, 12, "1000 EUR", 1000),
    "TOT 2021 6 kk": ("actual", 2021, 6, "1000 EUR", 1000),
    "TA 2022 +muutos": ("budget", 2022, 12, "EUR", 1),
    "TOT 2022 6 kk": ("actual", 2022, 6, "EUR", 1),
    "Jäljellä": ("remaining", 2022, 6, "EUR", 1),
    "TOT-22 %": ("realization_pct", 2022, 6, "PCT", 1),
    "TP Ennuste": ("forecast", 2022, 12, "EUR", 1),
}


def expected_rows(fixture: str) -> set[tuple]:
    """A hand-written table (one printed row per line, each number as printed in its column) as ledger tuples."""
    rows = set()
    with (EXPECTED / fixture).open(encoding="utf-8") as handle:
        for order, record in enumerate(csv.DictReader(handle), start=1):
            for head, (measure, year, months, unit, scale) in HEINOLA_COLUMNS.items():
                printed = record.get(head)
                if not printed:
                    continue
                value = Decimal(printed.replace(" ", "").replace(",", "."))
                if unit == "PCT":
                    precision = Decimal("0.10")
                else:
                    precision = Decimal(scale)
                rows.add((int(record["source_line"]), record["line_item"], order, measure, year, months,
                          (value * scale).quantize(Decimal("0.01")), unit, precision.quantize(Decimal("0.01")),
                          printed))
    return rows


def tables_of(rows) -> dict[tuple[str, int], dict[tuple[str, int, int], Decimal]]:
    """(section, line_order) → {(measure, year, months): amount}."""
    tables: dict = defaultdict(dict)
    for r in rows:
        tables[(r.section, r.line_order)][(r.measure, r.fiscal_year, r.period_months)] = r.amount
    return tables

LAPUA_DIR = Path("/work/shared/data/lapua")
for candidate in (PROJECT_DIR.parent / "shared" / "data" / "lapua", LAPUA_DIR):
    if candidate.is_dir():
        LAPUA_DIR = candidate
        break
