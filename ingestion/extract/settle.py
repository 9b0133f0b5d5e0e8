"""Settle each row's numbers with the report's own arithmetic.

Every way the row's tokens group into the table's columns is listed (numbers.groupings; a blankable column may be
empty); a reading survives only if the row's own identities hold (remaining = budget − actual, % = actual / budget
× 100, budget = original + changes, variance = actual − budget). Rows still read more than one way are settled
together by the table's subtotals (statements.py). If not exactly one reading survives, that is an error naming
the line and the candidates. Printed numbers are rounded, so a sum may miss by half a unit per printed number."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Problem:
    """An identity the printed numbers break (findings.py turns it into a finding of the document)."""

    line: int | None
    kind: str
    line_item: str
    column: str
    printed: str
    computed: str
    difference: str
    message: str


@dataclass
class Settled:
    table: Table
    values: list[Values]  # one per row of table.rows
    pct_decimals: dict[int, int]  # column -> decimals the percentages were rounded to
    problems: list[Problem] = field(default_factory=list)
    printed: list[Values] | None = None  # the values as printed when `values` were turned to the statement's sign


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
            # a year with no budget column (the previous year beside this one) has its % against its TP
            base = budget if budget is not None else (
                find("actual", year, 12) if column.period_months < 12 else None)
            if actual is not None and base is not None:
                identities.append(Ratio(i, actual, base))
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


def readings(row: Row, columns: list[Column], identities: list[Sum | Ratio], space_groups: bool = True
             ) -> list[Values]:
    blankable = [i for i, c in enumerate(columns) if c.blankable]
    low = len(columns) - len(blankable)
    found = []
    for numbers in groupings(row.tokens, low, len(columns), space_groups=space_groups):
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


def turned_term_signs(check: Check, values: list[Values], columns: list[Column], c: int) -> list[int]:
    """The rows (terms of the check, or its result) whose printed number in column `c`, with its sign turned,
    would make the subtotal hold."""
    found = []
    for r in (*check.terms, check.result):
        value = values[r][c]
        if value is None or value.value == 0:
            continue
        trial = list(values)
        row = list(values[r])
        row[c] = replace(value, value=-value.value)
        trial[r] = tuple(row)
        if not any(f[0] == c for f in check_failures(check, trial, columns)):
            found.append(r)
    return found


def rounding_misses(check: Check, values: list[Values], columns: list[Column]
                    ) -> list[tuple[int, Decimal, Decimal]]:
    """(column, printed, computed) where a subtotal printed in euros misses its lines by less than their rounding
    (a total off by one euro): the print holds, but it is not exact, and the reader should know."""
    misses = []
    for c, column in enumerate(columns):
        if column.measure not in ADDITIVE or column.unit != EUR:
            continue
        result = values[check.result][c]
        parts = [values[t][c] for t in check.terms]
        if result is None or all(p is None for p in parts):
            continue
        total = sum((euros(p, column) for p in parts), Decimal(0))
        if euros(result, column) != total and not any(c == f[0] for f in check_failures(check, values, columns)):
            misses.append((c, euros(result, column), total))
    return misses


def settle_table(table: Table) -> Settled:
    columns = table.columns
    candidates = []
    identities = row_identities(columns)
    problems: list[Problem] = []
    for row in table.rows:
        found = readings(row, columns, identities, table.space_groups)
        if not found:
            # the arithmetic fails for every reading: when the print alone allows one reading, the numbers are
            # kept as printed and each identity they break is a finding; otherwise nothing can be kept
            printed = readings(row, columns, [], table.space_groups)
            if len(printed) != 1:
                shown = " or ".join(_shown(values) for values in printed[:6])
                raise ExtractError(table.file, row.line, f"line {row.label!r}: no reading of "
                                   f"{' '.join(t.text for t in row.tokens)!r} as {_heads(columns)} satisfies "
                                   "the table's arithmetic" + (f" (the print reads {shown})" if printed else ""),
                                   "ambiguous" if printed else "layout")
            found = printed
            problems += row_problems(row, printed[0], columns, identities)
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
            found = [d for d in found if d is not None]
            decimals[identity.result] = min(found) if found else 2
    return Settled(table, chosen, decimals, problems)


def _heads(columns: list[Column]) -> str:
    return " | ".join(c.header for c in columns)


def _ambiguity(table: Table, candidates: list[list[Values]], i: int) -> None:
    row = table.rows[i]
    shown = [_shown(values) for values in candidates[i][:6]]
    raise ExtractError(table.file, row.line, f"line {row.label!r} reads {len(candidates[i])} ways and the "
                       f"subtotals do not single one out: {' or '.join(shown)}", "ambiguous")


def _shown(values: Values) -> str:
    return "[" + " | ".join("·" if v is None else v.text for v in values) + "]"


def _amount(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")


def row_problems(row: Row, values: Values, columns: list[Column], identities: list[Sum | Ratio]) -> list[Problem]:
    """A finding for every row identity the printed numbers break; "missing_sign" when turning the sign of one
    printed number would make it hold (a minus sign lost in print)."""
    problems = []
    for identity in identities:
        result = values[identity.result]
        if result is None:
            continue
        column = columns[identity.result]
        if isinstance(identity, Sum):
            if _sum_holds(identity, values, columns):
                continue
            computed = sum((sign * euros(values[c], columns[c]) for sign, c in identity.terms), Decimal(0))
            printed = euros(result, column)
            kind, what = "row_identity", f"{column.header} printed {result.text} but the row gives {_amount(computed)}"
        else:
            if pct_decimals(identity, values, columns) is not None:
                continue
            base = euros(values[identity.budget], columns[identity.budget])
            actual = euros(values[identity.actual], columns[identity.actual])
            if values[identity.actual] is None or values[identity.budget] is None:
                continue
            computed = (100 * actual / base).quantize(Decimal("0.01")) if base else Decimal(0)
            printed = result.value
            kind, what = "percentage", (f"{column.header} printed {result.text} but {columns[identity.actual].header} "
                                        f"/ {columns[identity.budget].header} × 100 = {_amount(computed)}")
        turned = _turned_signs(identity, values, columns)
        if turned:
            kind = "missing_sign"
            what += "; it holds if " + " or ".join(f"{columns[c].header} {values[c].text}" for c in turned) + \
                " had the other sign"
        problems.append(Problem(result.line, kind, row.label, column.header, result.text, _amount(computed),
                                _amount(printed - computed), f"line {row.label!r}: {what}"))
    return problems


def _turned_signs(identity: Sum | Ratio, values: Values, columns: list[Column]) -> list[int]:
    """The printed numbers whose sign alone, turned, makes the identity hold (a derived column last: a
    percentage printed without its sign is common, a lost minus on an amount is the likelier slip)."""
    involved = [*(c for _, c in identity.terms), identity.result] if isinstance(identity, Sum) else [
        identity.budget, identity.actual, identity.result]
    found = []
    for c in involved:
        value = values[c]
        if value is None or value.value == 0:
            continue
        trial = list(values)
        trial[c] = replace(value, value=-value.value)
        holds = _sum_holds(identity, tuple(trial), columns) if isinstance(identity, Sum) else \
            pct_decimals(identity, tuple(trial), columns) is not None
        if holds:
            found.append(c)
    return found


# ---- units and cross-table checks -------------------------------------------------------------------------------


def reconcile_units(settled: list[Settled]) -> list[tuple[Settled, ExtractError]]:
    """A table printed without a title and without a unit (a breakdown of one line of the table above it) is in
    the unit under which its first line equals that line above: 1 € or 1000 €. Returns the tables whose unit
    cannot be told, with why."""
    failed = []
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
            failed.append((item, ExtractError(
                table.file, table.rows[0].line, f"line {table.rows[0].label!r} of a table without a unit matches "
                f"the same line above at line {titled.table.rows[match].line} "
                f"{'in no unit (1 € or 1000 €)' if not fits else 'in both 1 € and 1000 €'}",
                "layout" if not fits else "ambiguous")))
            continue
        table.columns = rescaled(table.columns, fits[0])
    return failed


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


def _partial_periods(table: Table) -> set[tuple[int, int]]:
    """The year-to-date periods a table reports (minutes print the same units for 1–9 and 1–10)."""
    return {(c.fiscal_year, c.period_months) for c in table.columns if c.measure == "actual" and c.period_months < 12}


def committee_sums(settled: list[Settled]) -> list[tuple[Settled, int, str, Decimal, Decimal]]:
    """Where the service areas (or investment groups) of a committee do not add up to its total:
    (committee table, row, column header, printed total, sum of the parts)."""
    misses = []
    for total in settled:
        if total.table.section_level != "committee":
            continue
        parts = [s for s in settled if s.table.committee == total.table.committee
                 and s.table.table_kind == total.table.table_kind
                 and s.table.section_level in ("service_area", "group") and s.table.titled
                 and _partial_periods(s.table) <= _partial_periods(total.table)]
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


# ---- sign convention --------------------------------------------------------------------------------------------

def _cost_lines() -> set[str]:
    lines, todo = set(), ["toimintakulut"]
    while todo:
        code = todo.pop()
        lines.add(code)
        todo += CHILDREN.get(code, ())
    return lines


_COSTS = _cost_lines()


def normalize_cost_signs(item: Settled) -> None:
    """Some follow-ups print costs positive ("Menot 332.343") and the margin either as income − costs or as a
    net cost ("Toimintakate 200.248" = Menot − Tulot). When a table prints every cost positive and its columns
    single out one of those conventions, its costs (and a net-cost margin) are turned to the statement's sign for
    the subtotal checks; the ledger keeps the numbers as printed (`item.printed`). Mixed signs are left alone:
    a lost minus sign is a finding, not a convention."""
    rows = item.table.rows
    where = {}
    for r, row in enumerate(rows):
        if row.line_code is not None:
            where.setdefault(row.line_code, r)
    if not {"toimintakulut", "toimintakate"} <= where.keys():
        return
    income, costs, margin = where.get("toimintatuotot"), where["toimintakulut"], where["toimintakate"]
    additive = [c for c, column in enumerate(item.table.columns) if column.measure in ADDITIVE]
    # only a table that prints every cost positive has a convention to find; mixed signs are left as printed
    # (a lost minus sign is a finding, not a convention)
    signs = {item.values[r][c].value > 0 for r, row in enumerate(rows) if row.line_code in _COSTS
             for c in additive if item.values[r][c] is not None and item.values[r][c].value != 0}
    if signs != {True}:
        return
    conventions = set()
    for c in additive:
        column = item.table.columns[c]
        k, m = item.values[costs][c], item.values[margin][c]
        t = item.values[income][c] if income is not None else None
        if k is None or m is None:
            continue
        slack = _slack(k, column) + _slack(m, column) + _slack(t, column)
        income_eur = euros(t, column)
        if abs(euros(m, column) - (income_eur - euros(k, column))) <= slack:
            conventions.add("costs positive")
        if abs(euros(m, column) - (euros(k, column) - income_eur)) <= slack:
            conventions.add("net cost")
    if len(conventions) != 1:
        return
    turned = [r for r, row in enumerate(rows)
              if row.line_code in _COSTS or (conventions == {"net cost"} and row.line_code == "toimintakate")]
    item.printed = list(item.values)
    for c in additive:
        for r in turned:
            value = item.values[r][c]
            if value is not None:
                values = list(item.values[r])
                values[c] = replace(value, value=-value.value)
                item.values[r] = tuple(values)
