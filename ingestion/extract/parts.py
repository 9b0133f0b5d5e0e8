"""Budget parts printed as rows: the annual report's "toteutumisvertailu" per unit.

    Rakennusvalvonta              Talousarvio €   Toteutuma €   Poikkeama €
    Toimintamenot
    Alkuperäinen                        192 100
    Kv 22.4. §26 Muutos                  -4 000
    Yhteensä                            188 100       203 437       -15 337
    Toimintatulot
    Alkuperäinen                         12 000
    Yhteensä                             12 000        12 375           375
    Netto (Toimintakate)               -176 100      -191 062       -14 962

The budget is built in rows: the original, then each council amendment (zero or more, each with its decision
reference), then the total; actual and variance stand on the total line only. Costs are printed positive and
the variance is budget − actual for costs, actual − budget for income and the net (a report may use one sign
for all: either is accepted, per line, when it is the one the numbers satisfy). Identities: total budget =
original + amendments; variance as above; net = income − costs in each column. A line that the arithmetic does
not single out is unreadable; one that the print fixes but the arithmetic contradicts is a finding."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.extract import followup
from ingestion.extract.document import Document
from ingestion.extract.numbers import Printed, Token, groupings, is_numeric, unit_marks_removed
from ingestion.extract.settle import Problem
from ingestion.extract.statements import line_code
from ingestion.ledger import LedgerRow

_HEAD = re.compile(r"^(?P<title>.*?)\s*Talousarvio\s*€?\s+Toteu(?:tu)?ma\s*€?\s+Poikkeama\s*€?$")
_ORIGINAL = re.compile(r"^(?P<label>.*?)\s*Alkuperäinen$")
_CHANGE = re.compile(r"^(?P<ref>.+?)\s+Muutos$")
_TOTAL = re.compile(r"^Yhteensä$")
_CENT = Decimal("0.01")
_HALF = Decimal("0.5")


@dataclass
class PartsTable:
    file: str
    header_line: int
    page: int | None
    committee: str
    section: str
    rows: list[LedgerRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Block:
    label: str
    line: int
    original: Printed | None = None
    changes: list[tuple[str, Printed]] = field(default_factory=list)
    total: tuple[Printed, Printed, Printed] | None = None
    total_line: int = 0


def is_head(line: str) -> bool:
    return _HEAD.match(line.strip()) is not None


def find_parts_tables(file: str, lines: list[str], pages: list[int], document: Document,
                      ctx: followup.Context) -> list[PartsTable | followup.Skipped]:
    found: list[PartsTable | followup.Skipped] = []
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i].strip()) if i not in ctx.furniture else None
        if head is None:
            i += 1
            continue
        table, i = _table(file, lines, pages, i, head.group("title"), document, ctx)
        found.append(table)
    return found


def _split(line: str, number: int) -> tuple[str, tuple[Token, ...]]:
    words = line.split()
    k = len(words)
    while k > 0 and is_numeric(words[k - 1]):
        k -= 1
    return " ".join(words[:k]), tuple(Token(w, number) for w in unit_marks_removed(words[k:]))


def _table(file: str, lines: list[str], pages: list[int], i: int, title: str, document: Document,
           ctx: followup.Context) -> tuple[PartsTable | followup.Skipped, int]:
    above = next((lines[k].strip() for k in range(i - 1, max(0, i - 3) - 1, -1)
                  if lines[k].strip() and k not in ctx.furniture), "")
    section = title or above
    committee = ctx.committee_at[i] or _body_above(lines, i) or document.municipality
    period = followup.title_period(section) or followup.title_period(above)
    year = period[0] if period else document.fiscal_year
    months = period[1] if period else (document.period_months or 12)

    def skipped(line: int, kind: str, message: str) -> followup.Skipped:
        return followup.Skipped(line, committee, section, kind, message, pages[line - 1])

    if year is None:
        return skipped(i + 1, "layout", "the table's title and the document give no year"), i + 1
    blocks: list[_Block] = []
    net: tuple[str, int, tuple[Token, ...]] | None = None
    j = i + 1
    while j < len(lines):
        text = lines[j].strip()
        if j in ctx.furniture or not text:
            j += 1
            continue
        label, tokens = _split(text, j + 1)
        if not tokens and not _ORIGINAL.match(label):
            if blocks and blocks[-1].total is None:
                break  # a block left open: the table is cut
            following = next((lines[k].strip() for k in range(j + 1, min(j + 4, len(lines)))
                              if lines[k].strip() and k not in ctx.furniture), "")
            if not following.startswith("Alkuperäinen"):
                break  # a line of text after the table
            blocks.append(_Block(label, j + 1))
        elif (m := _ORIGINAL.match(label)) and tokens:
            if m.group("label"):
                blocks.append(_Block(m.group("label"), j + 1))
            if not blocks or blocks[-1].original is not None:
                break
            blocks[-1].original = _one(tokens)
        elif (m := _CHANGE.match(label)) and tokens and blocks and blocks[-1].original is not None:
            blocks[-1].changes.append((m.group("ref"), _one(tokens)))
        elif _TOTAL.match(label) and blocks and blocks[-1].total is None:
            blocks[-1].total_line = j + 1
            blocks[-1].total = tokens  # read below, with the arithmetic
        elif tokens and blocks and all(b.total is not None for b in blocks):
            net = (label, j + 1, tokens)
            j += 1
            break
        else:
            break
        j += 1
    if not blocks or any(b.original is None or b.total is None for b in blocks) or any(
            v is None for b in blocks for v in [b.original, *(c for _, c in b.changes)]):
        return skipped(i + 1, "layout", "budget parts as rows: a block without its original budget, its amounts "
                                        "or its total line (Yhteensä)"), max(j, i + 1)
    table = PartsTable(file, i + 1, pages[i], committee, section)
    order = 0
    for block in blocks:
        budget = block.original.value + sum((c.value for _, c in block.changes), Decimal(0))
        reading = _total(block, budget, table)
        if isinstance(reading, str):
            return skipped(block.total_line, "ambiguous" if "ways" in reading else "layout", reading), j
        order += 1
        table.rows.append(_row(file, block.original, table, block.label, order, "original_budget", year, 12,
                               document))
        for value, measure, m in zip(reading, ("budget", "actual", "variance"), (12, months, months), strict=True):
            table.rows.append(_row(file, value, table, block.label, order, measure, year, m, document))
        for ref, change in block.changes:
            order += 1
            table.rows.append(_row(file, change, table, f"{block.label} · {ref}", order, "budget_change", year, 12,
                                   document))
        block.total = reading
    if net is not None:
        reading = _net(net, blocks, table)
        if isinstance(reading, str):
            return skipped(net[1], "ambiguous" if "ways" in reading else "layout", reading), j
        order += 1
        for value, measure, m in zip(reading, ("budget", "actual", "variance"), (12, months, months), strict=True):
            table.rows.append(_row(file, value, table, net[0], order, measure, year, m, document))
    return table, j


def _body_above(lines: list[str], i: int) -> str | None:
    """A short line naming a body a few lines above the table ("Tekninen lautakunta")."""
    for k in range(i - 1, max(0, i - 10) - 1, -1):
        text = lines[k].strip()
        if len(text.split()) <= 4 and re.search(r"(?:lautakunta|hallitus|valtuusto|toimikunta|jaosto)$", text):
            return text
    return None


def _one(tokens: tuple[Token, ...]) -> Printed | None:
    found = list(groupings(tokens, 1, 1))
    return found[0][0] if len(found) == 1 else None


def _variance_holds(budget: Decimal, actual: Decimal, variance: Printed) -> bool:
    return variance.value in (budget - actual, actual - budget)


def _total(block: _Block, budget: Decimal, table: PartsTable) -> tuple[Printed, Printed, Printed] | str:
    tokens = block.total
    readings = list(groupings(tokens, 3, 3))
    good = [r for r in readings if r[0].value == budget and _variance_holds(r[0].value, r[1].value, r[2])]
    text = " ".join(t.text for t in tokens)
    if len(good) == 1:
        return good[0]
    if len(good) > 1:
        shown = " or ".join("[" + " | ".join(v.text for v in r) + "]" for r in good[:6])
        return f"line {block.label!r} Yhteensä {text!r} reads {len(good)} ways: {shown}"
    if len(readings) != 1:
        return f"line {block.label!r} Yhteensä {text!r}: no reading satisfies the arithmetic ({len(readings)} readings)"
    b, a, v = readings[0]
    if b.value != budget:
        table.problems.append(Problem(block.total_line, "row_identity", block.label, "Talousarvio", b.text,
                                      _amount(budget), _amount(b.value - budget),
                                      f"line {block.label!r}: total budget {b.text} but original + amendments = "
                                      f"{_amount(budget)}"))
    if not _variance_holds(b.value, a.value, v):
        table.problems.append(Problem(block.total_line, "row_identity", block.label, "Poikkeama", v.text,
                                      _amount(b.value - a.value), _amount(v.value - (b.value - a.value)),
                                      f"line {block.label!r}: Poikkeama {v.text} is neither budget − actual nor "
                                      "actual − budget"))
    return b, a, v


def _net(net: tuple[str, int, tuple[Token, ...]], blocks: list[_Block], table: PartsTable
         ) -> tuple[Printed, Printed, Printed] | str:
    label, line, tokens = net
    income = [b for b in blocks if line_code(b.label, "income_statement") == "toimintatuotot"]
    costs = [b for b in blocks if line_code(b.label, "income_statement") == "toimintakulut"]
    readings = list(groupings(tokens, 3, 3))

    def holds(r: tuple[Printed, Printed, Printed]) -> bool:
        for c in (0, 1):
            expected = sum((b.total[c].value for b in income), Decimal(0)) - sum(
                (b.total[c].value for b in costs), Decimal(0))
            if r[c].value != expected:
                return False
        return _variance_holds(r[0].value, r[1].value, r[2])

    good = [r for r in readings if holds(r)] if income and costs else []
    if len(good) == 1:
        return good[0]
    if len(good) > 1:
        return f"line {label!r} {' '.join(t.text for t in tokens)!r} reads {len(good)} ways"
    if len(readings) != 1:
        return f"line {label!r} {' '.join(t.text for t in tokens)!r}: no reading satisfies the arithmetic"
    if income and costs:
        table.problems.append(Problem(line, "subtotal", label, "", " ".join(t.text for t in tokens), "", "",
                                      f"line {label!r}: not income − costs with a variance of either sign"))
    return readings[0]


def _row(file: str, value: Printed, table: PartsTable, label: str, order: int, measure: str, year: int,
         months: int, document: Document) -> LedgerRow:
    return LedgerRow(
        source_file=file, source_line=value.line, municipality=document.municipality, committee=table.committee,
        section=table.section, section_level="service_area", table_kind="income_statement", line_item=label,
        line_order=order, measure=measure, fiscal_year=year, period_months=months,
        amount=value.value.quantize(_CENT), unit="EUR", precision=value.step.quantize(_CENT),
        printed_text=value.text)


def _amount(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")
