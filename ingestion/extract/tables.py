"""Find the budget tables in a report's lines: their header, title, committee, and rows (label + number tokens).

A row is a label followed by number pieces. A label may wrap onto the next line ("Aineet, tarvikkeet ja tava-" +
"rat …"), numbers may continue on lines of their own (a minus sign alone on a line, as pdftotext prints some cells),
and a label followed only by "-" is a heading inside the table ("TOIMINTATUOTOT -"), not a number. The table ends
at the first line that is none of these."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ingestion.extract import headers, heads
from ingestion.extract.document import Document, toimiala_committee
from ingestion.extract.errors import ExtractError
from ingestion.extract.headers import Column, HeaderError
from ingestion.extract.numbers import Token, groupings, is_numeric, unit_marks_removed
from ingestion.extract.statements import INVESTMENT_LINES, line_code, normal_label

_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+(\S.*)$")
_BUDGET_FOLLOW_UP = "talousarvion toteutuminen"
_TOTAL = re.compile(r"^(.+?)\s+yhteensä$", re.IGNORECASE)


@dataclass
class Row:
    label: str
    line: int
    tokens: tuple[Token, ...]
    kind: str | None = None  # the table's kind when it was known before its rows (follow-up tables)

    @cached_property
    def line_code(self) -> str | None:
        return line_code(self.label, self.kind)


@dataclass
class Table:
    file: str
    header_line: int
    columns: list[Column]
    rows: list[Row]
    municipality: str
    committee: str
    section: str
    section_level: str
    table_kind: str
    titled: bool  # False: continues the titled table before it (a breakdown of one of its lines)
    space_groups: bool = True  # False when the table marks thousands with dots: a space then only parts columns
    follow_up: bool = False  # found by followup.py (a table of the generic head-line layout)
    page: int | None = None
    problems: list = field(default_factory=list)  # findings known before settling (settle.Problem)


def find_tables(file: str, lines: list[str], document: Document, notes: list[str],
                unreadable: list[ExtractError] | None = None) -> list[Table]:
    """The budget tables, in print order; a header whose rows are not income-statement or investment lines
    (a financing table, say) is skipped with a note. A table that cannot be read is added to `unreadable` and
    the search goes on after its head (without `unreadable`, the error is raised)."""
    tables: list[Table] = []
    committee: str | None = None
    i, last_end = 0, 0
    while i < len(lines):
        text = lines[i].strip()
        committee = toimiala_committee(text) or committee
        if heads.head_line_at(lines, i) is not None:
            i += 1  # a follow-up table's head line: followup.py reads it
            continue
        try:
            if headers.is_year_header(text):
                table, end = _year_table(file, lines, i, last_end, document, committee)
            elif headers.is_phrase_header_line(text):
                table, end = _phrase_table(file, lines, i, last_end, document, committee, tables)
            else:
                i += 1
                continue
        except ExtractError as error:
            if unreadable is None:
                raise
            unreadable.append(error)
            i += 1
            continue
        if isinstance(table, str):
            notes.append(f"{file}:{i + 1}: {table}")
        if not isinstance(table, Table):
            i = end
            continue
        if table.section_level == "committee":
            committee = table.committee
        tables.append(table)
        i = last_end = end
    return tables


# ---- headers and titles ------------------------------------------------------------------------------------------


_Found = tuple[Table | str | None, int]  # the table (or why it was skipped) and the line after it


def _year_table(file: str, lines: list[str], i: int, last_end: int, document: Document,
                committee: str | None) -> _Found:
    text = lines[i].strip()
    j = _next_text_line(lines, i + 1)
    if j is None:
        raise ExtractError(file, i + 1, "the file ends after a table's first header line (truncated?)")
    try:
        columns = headers.year_columns(text[headers.year_head_start(text):], lines[j])
    except HeaderError as error:
        raise ExtractError(file, i + 1, f"unreadable column header: {error}") from None
    title = text[: headers.year_head_start(text)].strip()
    previous = _previous_text_line(lines, i, last_end, document)
    if previous is not None and (not title or title[0].islower() or re.search(r"\s(ja|JA)$", lines[previous])):
        title = f"{lines[previous].strip()} {title}".strip()
    if not title:
        raise ExtractError(file, i + 1, "a table without a title (the first header cell is empty)")
    rows, end = _rows(file, lines, j + 1, columns)
    kind = _kind(rows)
    if kind is None:
        return _skipped(rows, lines[j + 1: j + 2]), end
    own = toimiala_committee(title)
    total = _TOTAL.match(title)
    if own:
        committee, level = own, "committee"
    elif kind == "investments" and total and committee and committee.lower().startswith(total.group(1).lower()):
        level = "committee"
    else:
        level = "group" if kind == "investments" else "service_area"
    if committee is None:
        raise ExtractError(file, i + 1, f"table {title!r} comes before any committee heading ('… toimiala')")
    return Table(file, i + 1, columns, rows, document.municipality, committee, title, level, kind, True), end


def _phrase_table(file: str, lines: list[str], i: int, last_end: int, document: Document, committee: str | None,
                  tables: list[Table]) -> _Found:
    k = i
    while k < len(lines) and headers.is_phrase_header_line(lines[k]):
        k += 1
    try:
        columns = headers.phrase_columns(lines[i:k], document.fiscal_year or 0, document.period_months or 12)
    except HeaderError:
        return None, k  # header words that make no budget table (e.g. a lone "Toteutuma" in the text)
    if document.fiscal_year is None:
        raise ExtractError(file, i + 1, "the column header prints no year and the report states no period "
                                        "(no 'Tilinpäätös YYYY' nor 'M/YYYY')")
    previous = _previous_text_line(lines, i, last_end, document)
    title = lines[previous].strip() if previous is not None and _is_heading(lines[previous]) else None
    rows, end = _rows(file, lines, k, columns)
    kind = _kind(rows)
    if kind is None:
        return _skipped(rows, lines[k: k + 1]), max(end, k)
    titled = True
    if title is None:
        if not tables:
            raise ExtractError(file, i + 1, "a table without a title")
        before = tables[-1]
        committee, section, level, titled = before.committee, rows[0].label, before.section_level, False
    elif normal_label(title) == _BUDGET_FOLLOW_UP and previous > 0:
        committee = section = lines[previous - 1].strip()
        level = "committee"
    elif numbered := _NUMBERED_HEADING.match(title):
        committee, section, level = document.municipality, numbered.group(1), "municipality"
    else:
        if committee is None:
            raise ExtractError(file, i + 1, f"table {title!r} comes before any committee's table")
        section, level = title, "service_area"
    return Table(file, i + 1, columns, rows, document.municipality, committee, section, level, kind, titled), end


def _is_heading(line: str) -> bool:
    """A title line: words, not a sentence and not a row of numbers ("Verovuosi 2024 9,10 26 440 2,8%")."""
    words = line.split()
    return (bool(words) and any(ch.isalpha() for ch in line) and not line.rstrip().endswith((".", "%", ":"))
            and not is_numeric(words[-1]))


def _next_text_line(lines: list[str], start: int) -> int | None:
    return next((j for j in range(start, len(lines)) if lines[j].strip()), None)


def _previous_text_line(lines: list[str], i: int, last_end: int, document: Document) -> int | None:
    """The nearest non-blank line above `i` that is not page furniture nor part of the table before."""
    for j in range(i - 1, last_end - 1, -1):
        text = lines[j].strip()
        if text and text not in document.running_lines:
            return j
    return None


def _kind(rows: list[Row]) -> str | None:
    codes = [r.line_code for r in rows]
    if any(code in INVESTMENT_LINES for code in codes):
        return "investments"
    if not codes or codes[0] is None:
        return None
    return "income_statement"


def _skipped(rows: list[Row], first: list[str]) -> str:
    line = rows[0].label if rows else (first[0].strip() if first else "")
    return f"table skipped: its first line {line!r} is no income-statement or investment line"


# ---- rows -------------------------------------------------------------------------------------------------------


def _split(line: str, number: int) -> tuple[str, list[Token]]:
    """A line as (label, trailing number pieces)."""
    words = line.split()
    k = len(words)
    while k > 0 and is_numeric(words[k - 1]):
        k -= 1
    return " ".join(words[:k]), [Token(w, number) for w in unit_marks_removed(words[k:])]


def _is_number_line(line: str) -> bool:
    words = line.split()
    return bool(words) and all(is_numeric(w) for w in words)


def join_label(first: str, rest: str) -> str:
    """A label wrapped over two lines: a hyphenated word is joined ("tava-" + "rat"), a compound's hyphen before
    "ja" is kept ("Kiinteistö-" + "ja"), otherwise a space."""
    if first.endswith("-") and first[-2:-1].isalpha() and not re.match(r"(ja|tai)\b", rest):
        return first[:-1] + rest
    return f"{first} {rest}"


def _rows(file: str, lines: list[str], start: int, columns: list[Column]) -> tuple[list[Row], int]:
    """The table's rows from `start`, and the index of the first line after the table."""
    low = sum(1 for c in columns if not c.blankable)
    rows: list[Row] = []
    headings: list[tuple[str, int]] = []
    j = start
    while j < len(lines) and not lines[j].strip() and not rows and not headings:
        j += 1
    while True:
        if j >= len(lines):
            raise ExtractError(file, j, "the file ends inside a table (truncated?)")
        line = lines[j]
        if not line.strip():
            break
        label, tokens = _split(line, j + 1)
        if not label:  # numbers no row above could take (a page number, a stray figure): the table has ended
            break
        if tokens and all(t.text == "-" for t in tokens):
            headings.append((label, j + 1))
            j += 1
            continue
        first_line = j
        if not tokens:
            if j + 1 >= len(lines):
                raise ExtractError(file, j + 1, "the file ends inside a table row (truncated?)")
            following = lines[j + 1].strip()
            if _is_number_line(following):
                pass  # the numbers follow on lines of their own
            elif following[:1].islower() and _split(following, j + 2)[1]:
                rest, tokens = _split(following, j + 2)
                label = join_label(label, rest)
                j += 1
            else:
                break
        row = Row(label, first_line + 1, tuple(tokens))
        j += 1
        following = []  # lines of numbers only: the row's cells continued, or something after the table
        while j + len(following) < len(lines) and _is_number_line(lines[j + len(following)]):
            following.append(tuple(Token(w, j + len(following) + 1) for w in lines[j + len(following)].split()))
        # take the most continuation lines that still read as the row (a page number "12" after it does not)
        for taken in range(len(following), -1, -1):
            tokens = row.tokens + tuple(t for part in following[:taken] for t in part)
            if any(groupings(tokens, low, len(columns))):
                row.tokens, j = tokens, j + taken
                break
        else:
            if row.line_code is not None and rows:
                raise ExtractError(file, row.line, f"line {row.label!r} has numbers {_text(row)!r} that do not "
                                                   f"make {low}–{len(columns)} columns (truncated or damaged row?)")
            j = first_line
            break
        rows.append(row)
    closing = {normal_label(r.label) for r in rows}
    for heading, number in headings:
        if normal_label(heading) not in closing:
            raise ExtractError(file, number, f"heading {heading!r} is never closed by its total line "
                                             "(truncated table?)")
    return rows, j


def _text(row: Row) -> str:
    return " ".join(t.text for t in row.tokens)
