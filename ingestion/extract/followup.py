"""Budget follow-up tables anywhere in a long document (meeting minutes, annual reports): a line of column heads
(heads.py), a title above it, rows of a label and numbers under it.

Minutes interleave such tables with other agenda items, so a table is found by its head line alone; everything
else is skipped. Running page headers and footers ("Lapuan kaupunki Pöytäkirja 10/2024 24 (35)",
"Hyvinvointilautakunta 14.11.2024") fall inside tables at page breaks: they are recognised as the lines that
repeat at the top or bottom of many pages and are never rows.

Who reports: the committee is the one the title names in the genitive ("Hyvinvointilautakunnan talousarvion
toteutuminen"), else the one in the head line's title cell ("YMPÄRISTÖLAUTAKUNTA"), else the one the agenda item
names ("… / hyvinvointilautakunta"), else the body whose minutes these are (the running header)."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass

from ingestion.extract import heads
from ingestion.extract.document import Document, nominative
from ingestion.extract.numbers import Token, groupings, is_numeric, unit_marks_removed
from ingestion.extract.settle import Problem
from ingestion.extract.tables import Row, Table

_BODY = re.compile(r"\b([A-ZÅÄÖa-zåäö-]*(?:lautakunta|hallitus|valtuusto|toimikunta|jaosto))\b")
_BODY_GENITIVE = re.compile(r"^([A-ZÅÄÖa-zåäö-]*(?:lautakunnan|hallituksen|valtuuston|toimikunnan|jaoston))\b")
_ITEM = re.compile(r"^§\s*\d+\s*$")
_RANGE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.?(?:\d{4})?\s*[-–]\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
_MONTHS = re.compile(r"\b1\s*[-–]\s*(\d{1,2})\s*/\s*(\d{4})\b")
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR_ONLY = re.compile(r"\b(?:v\.|vuode(?:lta|n)|vuonna)\s*(\d{4})\b")
_DOTTED = re.compile(r"\d\.\d{3}\b")
_EDGE = 3  # lines at the top and bottom of a page where running headers and footers stand


@dataclass
class Context:
    """What the document says once for all its follow-up tables."""

    furniture: set[int]  # indices of running header/footer lines
    committee_at: list[str | None]  # the agenda item's (or the minutes') body at each line


def context(lines: list[str], pages: list[int]) -> Context:
    furniture = running_lines(lines, pages)
    body = _minutes_body(lines, furniture)
    committee_at: list[str | None] = []
    current = body
    for i, line in enumerate(lines):
        if _ITEM.match(line.strip()):
            title = " ".join(lines[k].strip() for k in range(i + 1, min(i + 3, len(lines))))
            named = [m.group(1) for m in _BODY.finditer(title.split("/", 1)[1])] if "/" in title else []
            current = named[0][:1].upper() + named[0][1:] if named else body
        committee_at.append(current)
    return Context(furniture, committee_at)


def running_lines(lines: list[str], pages: list[int]) -> set[int]:
    """Lines that repeat (digits aside) at the top or bottom of at least a third of the pages."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip():
            by_page.setdefault(pages[i], []).append(i)
    if len(by_page) < 3:
        return set()
    edges = {page: indices[:_EDGE] + indices[-_EDGE:] for page, indices in by_page.items()}
    signature = {i: re.sub(r"\d+", "#", " ".join(lines[i].split())) for ids in edges.values() for i in ids}
    counts = Counter(sig for ids in edges.values() for sig in {signature[i] for i in ids})
    common = {sig for sig, n in counts.items() if n >= max(3, len(by_page) // 3)}
    return {i for ids in edges.values() for i in ids if signature[i] in common}


def _minutes_body(lines: list[str], furniture: set[int]) -> str | None:
    names = Counter(m.group(1) for i in furniture for m in [_BODY.match(lines[i].strip())] if m)
    return names.most_common(1)[0][0] if names else None


def title_period(text: str) -> tuple[int, int] | None:
    """(year, months) a title says its table covers: "ajalta 1.1.-30.9.2024", "1–9/2024", "31.3.2022", "v. 2021"."""
    if m := _RANGE.search(text):
        return _months(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _MONTHS.search(text):
        return int(m.group(2)), int(m.group(1))
    if m := _DATE.search(text):
        return _months(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _YEAR_ONLY.search(text):
        return int(m.group(1)), 12
    return None


def _months(day: int, month: int, year: int) -> tuple[int, int] | None:
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    return year, month if day >= last else month - 1


@dataclass
class Skipped:
    """A head line whose table cannot be read: why, and where."""

    line: int
    committee: str
    section: str
    kind: str
    message: str
    page: int | None


def follow_up_table(file: str, lines: list[str], pages: list[int], i: int, head: heads.HeadLine, last_end: int,
                    document: Document, ctx: Context) -> tuple[Table | Skipped | None, int]:
    """The table under the head line at `i` (or why it cannot be read) and the index of the line after it."""
    title_index = _title_line(lines, i, last_end, ctx)
    title = lines[title_index].strip() if title_index is not None else ""
    period = title_period(title) or _period_above(lines, i, last_end, ctx)
    committee = _committee(title, head.title, ctx.committee_at[i])
    kind = "investments" if "investoin" in f"{title} {head.title} {_heading_above(lines, title_index, ctx)}".lower() \
        else "income_statement"
    section, level = _section(title, committee, kind)
    where = (i + 1, committee or "", section, pages[i])
    try:
        columns = heads.columns(head, period, document.fiscal_year)
    except heads.HeadError as error:
        return Skipped(*where[:3], "layout", f"unreadable column head: {error}", pages[i]), i + 1
    rows, end, problem = _rows(file, lines, i + 1, columns, kind, ctx)
    if problem is not None:
        return Skipped(*where[:3], "layout", problem, pages[i]), max(end, i + 1)
    if not rows or (kind == "income_statement" and all(r.line_code is None for r in rows)):
        return None, i + 1  # heads over rows that are no budget lines (or over nothing)
    if committee is None:
        return Skipped(*where[:3], "layout", "no committee named by the title, the agenda item or the minutes",
                       pages[i]), end
    space_groups = not any(_DOTTED.search(t.text) for r in rows for t in r.tokens)
    table = Table(file, i + 1, columns, rows, document.municipality, committee, section, level, kind, True,
                  space_groups=space_groups, follow_up=True, page=pages[i])
    table.problems = _period_problems(head, columns, period, title, i + 1)
    return table, end


def _title_line(lines: list[str], i: int, last_end: int, ctx: Context) -> int | None:
    for k in range(i - 1, max(last_end, i - 4) - 1, -1):
        text = lines[k].strip()
        if not text or k in ctx.furniture:
            continue
        words = text.split()
        if text.endswith(":") or (len(words) <= 12 and not text.endswith((".", ","))
                                  and not is_numeric(words[-1])):
            return k
        return None
    return None


def _heading_above(lines: list[str], title_index: int | None, ctx: Context) -> str:
    """A heading in capitals just above the title ("INVESTOINNIT")."""
    if title_index is None:
        return ""
    for k in range(title_index - 1, max(0, title_index - 3) - 1, -1):
        text = lines[k].strip()
        if text and k not in ctx.furniture:
            return text if text.isupper() else ""
    return ""


def _period_above(lines: list[str], i: int, last_end: int, ctx: Context) -> tuple[int, int] | None:
    """The period of a title a few lines up that covers several tables ("… toteutuminen ajalta 1.1.-30.9.2024
    toimialoittain:" over the units' tables)."""
    for k in range(i - 1, max(0, i - 40) - 1, -1):
        text = lines[k]
        if k in ctx.furniture or _ITEM.match(text.strip()):
            if _ITEM.match(text.strip()):
                return None
            continue
        if re.search(r"toteu|talousarvi", text, re.IGNORECASE) and (found := title_period(text)):
            return found
    return None


def _committee(title: str, head_title: str, item: str | None) -> str | None:
    if m := _BODY_GENITIVE.match(title):
        name = nominative(m.group(1))
        return name[:1].upper() + name[1:]
    if m := _BODY.search(head_title):
        return m.group(1).capitalize()
    return item


def _section(title: str, committee: str | None, kind: str) -> tuple[str, str]:
    """A unit's table is titled by a lower-case line ending in a colon ("opetustoiminta:"); the rest are the
    committee's own tables (its operating economy, its investments)."""
    text = title.rstrip(":").strip()
    if (title.endswith(":") and text[:1].islower() and len(text.split()) <= 6
            and not re.search(r"toteu|talousarvi|investoin", text, re.IGNORECASE)):
        return text, "service_area"
    return committee or text, "committee"


def _rows(file: str, lines: list[str], start: int, columns: list, kind: str, ctx: Context
          ) -> tuple[list[Row], int, str | None]:
    """Rows from `start` to the first line that is none (furniture lines skipped); a problem when a row's
    numbers cannot make the table's columns."""
    rows: list[Row] = []
    low = sum(1 for c in columns if not c.blankable)
    j = start
    while j < len(lines):
        text = lines[j].strip()
        if j in ctx.furniture or (not text and not rows):
            j += 1
            continue
        if not text or heads.read_head_line(text) is not None:
            break
        words = text.split()
        k = len(words)
        while k > 0 and is_numeric(words[k - 1]):
            k -= 1
        label, pieces = " ".join(words[:k]), unit_marks_removed(words[k:])
        if not label or not pieces:
            break
        tokens = tuple(Token(w, j + 1) for w in pieces)
        dotted = any(_DOTTED.search(w) for w in pieces)
        if not any(True for _ in groupings(tokens, low, len(columns), space_groups=not dotted)):
            # too few numbers: a sentence ending in a number ("… vuodelta 2023") after the table
            if len(pieces) >= low:
                return rows, j, (f"line {j + 1} {label!r}: numbers {' '.join(pieces)!r} do not make "
                                 f"{low}–{len(columns)} columns ({' | '.join(c.header for c in columns)})")
            break
        rows.append(Row(label, j + 1, tokens, kind))
        j += 1
    return rows, j, None


def _period_problems(head: heads.HeadLine, columns: list, period: tuple[int, int] | None, title: str,
                     line: int) -> list[Problem]:
    if period is None:
        return []
    problems = []
    for h, column in zip([h for h in head.heads], columns, strict=True):
        if column.measure == "actual" and h.months is not None and column.fiscal_year == period[0] \
                and column.period_months != period[1]:
            problems.append(Problem(line, "period", "", column.header, h.text, f"{period[1]} months", "",
                                    f"column {h.text!r} says {column.period_months} months but the title "
                                    f"{title!r} says {period[1]}"))
    return problems


def find_follow_up_tables(file: str, lines: list[str], pages: list[int], document: Document,
                          ctx: Context | None = None) -> list[Table | Skipped]:
    """Every follow-up table of the document, in print order, and every head line whose table is unreadable."""
    ctx = ctx or context(lines, pages)
    found: list[Table | Skipped] = []
    i, last_end = 0, 0
    while i < len(lines):
        head = heads.head_line_at(lines, i) if i not in ctx.furniture else None
        if head is None:
            i += 1
            continue
        table, end = follow_up_table(file, lines, pages, i, head, last_end, document, ctx)
        if table is not None:
            found.append(table)
            last_end = end
        i = max(end, i + 1)
    return found
