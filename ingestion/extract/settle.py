"""Settle each row's numbers with the report's own arithmetic.

Every way the row's tokens group into the table's columns is listed (numbers.groupings; a blankable column may be
empty); a reading survives only if the row's own identities hold (remaining = budget − actual, % = actual / budget
× 100, budget = original + changes, variance = actual − budget). Rows still read more than one way are settled
together by the table's subtotals (statements.py). If not exactly one reading survives, that is an error naming
the line and the candidates. Printed numbers are rounded, so a sum may miss by half a unit per printed number."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from ingestion.extract.errors import ExtractError
from ingestion.extract.headers import ADDITIVE, EUR, KEUR, PCT, Column, rescaled
from ingestion.extract.numbers import Printed, groupings
from ingestion.extract.statements import CHILDREN, RESULTS
from ingestion.extract.tables import Row, Table

Values = tuple[Printed | None, ...]
_HALF = Decimal("0.5")
_MAX_COMBINATIONS = 1 << 16


@dataclass(frozen=True)
class Sum:
    """column `result` = Σ sign × column, within the rounding of every printed number involved."""

    result: int
    terms: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Ratio:
    """column `result` = 100 × actual / budget, printed 0 when the budget is 0."""

    result: int
    actual: int
    budget: int


@dataclass
class Settled:
    table: Table
    values: list[Values]  # one per row of table.rows
    pct_decimals: dict[int, int]  # column -> decimals the percentages were rounded to


@dataclass(frozen=True)
class Check:
    """A subtotal identity across rows: rows[result] = Σ rows[terms]; complete when every term line is printed."""

    result: int
    terms: tuple[int, ...]
    complete: bool
    name: str


def euros(value: Printed | None, column: Column) -> Decimal:
    return Decimal(0) if value is None else value.value * column.scale


def _slack(value: Printed | None, column: Column) -> Decimal:
    return Decimal(0) if value is None else _HALF * value.step * column.scale


# ---- row identities ---------------------------------------------------------------------------------------------


def row_identities(columns: list[Column]) -> list[Sum | Ratio]:
    def find(measure: str, year: int, period: int | None = None) -> int | None:
        return next((i for i, c in enumerate(columns) if c.measure == measure and c.fiscal_year == year
                     and (period is None or c.period_months == period)), None)

    identities: list[Sum | Ratio] = []
    for i, column in enumerate(columns):
        year = column.fiscal_year
        budget = find("budget", year)
        if column.measure == "budget":
            original, change = find("original_budget", year), find("budget_change", year)
            if original is not None and change is not None:
                identities.append(Sum(i, ((1, original), (1, change))))
        elif column.measure == "variance":
            actual = find("actual", year)
            if actual is not None and budget is not None:
                identities.append(Sum(i, ((1, actual), (-1, budget))))
        elif column.measure == "remaining":
            actual = find("actual", year, column.period_months)
            if actual is not None and budget is not None:
                identities.append(Sum(i, ((1, budget), (-1, actual))))
        elif column.measure == "realization_pct":
            actual = find("actual", year, column.period_months)
            if actual is not None and budget is not None:
                identities.append(Ratio(i, actual, budget))
    return identities


def _sum_holds(identity: Sum, values: Values, columns: list[Column]) -> bool:
    result = values[identity.result]
    if result is None:
        return True
    total = sum((sign * euros(values[c], columns[c]) for sign, c in identity.terms), Decimal(0))
    slack = _slack(result, columns[identity.result]) + sum(
        (_slack(values[c], columns[c]) for _, c in identity.terms), Decimal(0))
    return abs(euros(result, columns[identity.result]) - total) <= slack


def pct_decimals(identity: Ratio, values: Values, columns: list[Column]) -> int | None:
    """How many decimals the printed percentage was rounded to (a report may print 44,73 as "44,70"), or None
    when it is not actual / budget × 100 at any rounding."""
    printed, actual, budget = values[identity.result], values[identity.actual], values[identity.budget]
    if printed is None or actual is None or budget is None:
        return printed.decimals if printed is not None else 0
    a, b = euros(actual, columns[identity.actual]), euros(budget, columns[identity.budget])
    digits = printed.text.replace("-", "").replace(" ", "")
    if b == 0:
        return printed.decimals if printed.value == 0 else None
    exact = 100 * a / b
    # how far the printed actual and budget may be from the amounts the percentage was computed from
    error = 100 * (_slack(actual, columns[identity.actual]) / abs(b)
                   + abs(a) * _slack(budget, columns[identity.budget]) / (b * b))
    decimals = printed.decimals
    while True:
        if abs(printed.value - exact) <= _HALF * Decimal(1).scaleb(-decimals) + error:
            return decimals
        if decimals == 0 or not digits.endswith("0"):
            return None
        digits, decimals = digits[:-1], decimals - 1


def readings(row: Row, columns: list[Column], identities: list[Sum | Ratio]) -> list[Values]:
    blankable = [i for i, c in enumerate(columns) if c.blankable]
    low = len(columns) - len(blankable)
    found = []
    for numbers in groupings(row.tokens, low, len(columns)):
        for blanks in itertools.combinations(blankable, len(columns) - len(numbers)):
            taken = iter(numbers)
            values = tuple(None if i in blanks else next(taken) for i in range(len(columns)))
            if all(_sum_holds(x, values, columns) if isinstance(x, Sum) else
                   pct_decimals(x, values, columns) is not None for x in identities):
                found.append(values)
    return found


# ---- subtotals across rows --------------------------------------------------------------------------------------


def table_checks(table: Table) -> list[Check]:
    codes = [row.line_code for row in table.rows]
    where = {}
    for i, code in enumerate(codes):
        if code is not None:
            where.setdefault(code, i)
    checks = []
    for relation in (CHILDREN, RESULTS):
        for parent, parts in relation.items():
            present = [where[p] for p in parts if p in where]
            if parent in where and present:
                checks.append(Check(where[parent], tuple(present), len(present) == len(parts), parent))
    if codes[0] is not None and len(codes) > 1 and all(code is None for code in codes[1:]):
        # a breakdown table: its first line and the lines that make it up (Verotulot: Kunnan tulovero, …)
        checks.append(Check(0, tuple(range(1, len(codes))), True, codes[0]))
    return checks


def check_failures(check: Check, values: list[Values], columns: list[Column]) -> list[tuple[int, Decimal, Decimal]]:
    """(column, printed, computed) for every additive column where the subtotal misses its lines."""
    failures = []
    for c, column in enumerate(columns):
        if column.measure not in ADDITIVE:
            continue
        result = values[check.result][c]
        parts = [values[t][c] for t in check.terms]
        if result is None or all(p is None for p in parts):
            continue
        total = sum((euros(p, column) for p in parts), Decimal(0))
        slack = _slack(result, column) + sum((_slack(p, column) for p in parts), Decimal(0))
        if abs(euros(result, column) - total) > slack:
            failures.append((c, euros(result, column), total))
    return failures


def settle_table(table: Table) -> Settled:
    columns = table.columns
    candidates = []
    identities = row_identities(columns)
    for row in table.rows:
        found = readings(row, columns, identities)
        if not found:
            raise ExtractError(table.file, row.line, f"line {row.label!r}: no reading of "
                               f"{' '.join(t.text for t in row.tokens)!r} as {_heads(columns)} satisfies "
                               "the table's arithmetic")
        candidates.append(found)
    ambiguous = [i for i, found in enumerate(candidates) if len(found) > 1]
    chosen = [found[0] for found in candidates]
    if ambiguous:
        checks = [c for c in table_checks(table) if {c.result, *c.terms} & set(ambiguous)]
        combinations = 1
        for i in ambiguous:
            combinations *= len(candidates[i])
        if combinations > _MAX_COMBINATIONS:
            _ambiguity(table, candidates, ambiguous[0])
        survivors = []
        for pick in itertools.product(*(candidates[i] for i in ambiguous)):
            trial = list(chosen)
            for i, values in zip(ambiguous, pick, strict=True):
                trial[i] = values
            if all(not check_failures(c, trial, columns) for c in checks):
                survivors.append(trial)
        if len(survivors) != 1:
            undecided = next(i for i in ambiguous if len({tuple(s[i]) for s in survivors}) != 1) \
                if survivors else ambiguous[0]
            _ambiguity(table, candidates, undecided)
        chosen = survivors[0]
    decimals = {}
    for identity in row_identities(columns):
        if isinstance(identity, Ratio):
            found = [pct_decimals(identity, values, columns) for values in chosen]
            decimals[identity.result] = min(found) if found else 2
    return Settled(table, chosen, decimals)


def _heads(columns: list[Column]) -> str:
    return " | ".join(c.header for c in columns)


def _ambiguity(table: Table, candidates: list[list[Values]], i: int) -> None:
    row = table.rows[i]
    shown = ["[" + " | ".join("·" if v is None else v.text for v in values) + "]" for values in candidates[i][:6]]
    raise ExtractError(table.file, row.line, f"line {row.label!r} reads {len(candidates[i])} ways and the "
                       f"subtotals do not single one out: {' or '.join(shown)}")


# ---- units and cross-table checks -------------------------------------------------------------------------------


def reconcile_units(settled: list[Settled]) -> None:
    """A table printed without a title and without a unit (a breakdown of one line of the table above it) is in
    the unit under which its first line equals that line above: 1 € or 1000 €."""
    for index, item in enumerate(settled):
        table = item.table
        if table.titled or any(c.unit == KEUR for c in table.columns):
            continue
        titled = next((s for s in reversed(settled[:index]) if s.table.titled), None)
        code = table.rows[0].line_code
        if titled is None or code is None:
            continue
        match = next((r for r, row in enumerate(titled.table.rows) if row.line_code == code), None)
        if match is None:
            continue
        fits = [unit for unit in (EUR, KEUR)
                if _same_line(rescaled(table.columns, unit), item.values[0], titled.table.columns,
                              titled.values[match])]
        if len(fits) != 1:
            raise ExtractError(table.file, table.rows[0].line, f"line {table.rows[0].label!r} of a table without "
                               f"a unit matches the same line above at line {titled.table.rows[match].line} "
                               f"{'in no unit (1 € or 1000 €)' if not fits else 'in both 1 € and 1000 €'}")
        table.columns = rescaled(table.columns, fits[0])


def _same_line(columns: list[Column], values: Values, other_columns: list[Column], other: Values) -> bool:
    compared = 0
    for c, column in enumerate(columns):
        if column.unit == PCT or values[c] is None:
            continue
        o = next((k for k, oc in enumerate(other_columns) if (oc.measure, oc.fiscal_year, oc.period_months)
                  == (column.measure, column.fiscal_year, column.period_months)), None)
        if o is None or other[o] is None:
            continue
        slack = _slack(values[c], column) + _slack(other[o], other_columns[o])
        if abs(euros(values[c], column) - euros(other[o], other_columns[o])) > slack:
            return False
        compared += 1
    return compared > 0


def committee_sums(settled: list[Settled]) -> list[tuple[Settled, int, str, Decimal, Decimal]]:
    """Where the service areas (or investment groups) of a committee do not add up to its total:
    (committee table, row, column header, printed total, sum of the parts)."""
    misses = []
    for total in settled:
        if total.table.section_level != "committee":
            continue
        parts = [s for s in settled if s.table.committee == total.table.committee
                 and s.table.table_kind == total.table.table_kind
                 and s.table.section_level in ("service_area", "group") and s.table.titled]
        if not parts:
            continue
        for r, row in enumerate(total.table.rows):
            for c, column in enumerate(total.table.columns):
                if column.measure not in ADDITIVE or total.values[r][c] is None:
                    continue
                found, slack, seen = Decimal(0), _slack(total.values[r][c], column), 0
                for part in parts:
                    k = next((k for k, pc in enumerate(part.table.columns)
                              if (pc.measure, pc.fiscal_year, pc.period_months)
                              == (column.measure, column.fiscal_year, column.period_months)), None)
                    p = next((p for p, prow in enumerate(part.table.rows)
                              if prow.line_code is not None and prow.line_code == row.line_code), None)
                    if k is not None and p is not None:
                        seen += 1
                        found += euros(part.values[p][k], part.table.columns[k])
                        slack += _slack(part.values[p][k], part.table.columns[k])
                if seen and row.line_code is not None and abs(euros(total.values[r][c], column) - found) > slack:
                    misses.append((total, r, column.header, euros(total.values[r][c], column), found))
    return misses
