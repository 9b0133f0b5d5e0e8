"""The cells of a goal table printed by pdftotext: which paragraph belongs to which column and row.

pdftotext prints a table row column by column: each cell's paragraphs, then the next cell's, down to the Tila.
An empty cell is a line holding one space per empty cell. A row that runs over a page break continues after its
Tila, again column by column (cells that ended before the break print nothing there), starting with a line that
begins with a space. So the paragraphs between two Tila cells are the continuation of one row followed by the
cells of the next, in column order; which paragraph ends which cell is what this module settles:

- every cell of a row prints at least one paragraph (or its empty-cell line); columns never go back;
- a paragraph that starts in lower case continues the paragraph before it in its column (a fragment cut by a
  page break or a blank line the PDF put in);
- `Mittari` opens the measures, never a goal;
- each column has one width (layout.py): the line breaks of its paragraphs must fit it. The widths are not
  printed; they are estimated from the table itself, alternating between placing the paragraphs and measuring
  the columns until neither changes.

When a second placement explains the line breaks (almost) as well as the chosen one, the cell is not certain:
that becomes a finding naming the goal, the column and the line, and the chosen reading still lands."""


from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ingestion.extract.layout import Fit, fit, join_lines, width
from ingestion.extract.reading_findings import Finding

STATUSES = ("Toteutuu", "Toteutuu osittain", "Ei toteudu", "Ei tietoa")  # Tila as a goal table prints it
_SENTENCE_END = re.compile(r"[.!?)]\s*$")
# Costs (in em of line width) of readings the layout does not forbid but makes unlikely.
_FORBIDDEN = 50.0
_MEASURE_OPENS = 0.5  # a measures paragraph that does not open with "Mittari"
_CUT_WITHOUT_BREAK = 1.0  # a lower-case page-break fragment continuing a cell that had ended (or ended early)
_CAPITAL_CONTINUATION = 0.3  # a cut cell continued by a paragraph that starts with a capital
_CUT_UNCONTINUED = 1.0  # a cell cut mid-sentence by the page break that gets no continuation
_MERGED_FRAGMENT = 0.3  # a lower-case paragraph kept inside its cell rather than opening the next
_UNFINISHED = 0.2  # a realization paragraph of its own that does not end a sentence
_SPAN_TOLERANCE = 3  # lines: cells of one row differ this much in where their text starts and ends
_UNCERTAIN = 0.5  # a second reading this close to the best one is a finding


# -- the text as tokens ------------------------------------------------------------------------------------------

@dataclass
class Para:
    """A run of printed lines (raw, trailing space kept) that pdftotext printed together."""

    first: int  # 1-based line number
    lines: list[str]
    empty: int = 0  # an empty-cell line: how many empty cells it stands for
    joined: bool = False  # continues the paragraph before it in its cell (set when placed)
    forced: int | None = None  # the content column it must go to (the halves of a line holding two cells)

    @cached_property
    def text(self) -> str:
        return join_lines(self.lines)

    @cached_property
    def space_led(self) -> bool:
        return bool(self.lines) and self.lines[0].startswith(" ") and bool(self.lines[0].strip())

    @cached_property
    def lower(self) -> bool:
        return self.text[:1].islower()

    @cached_property
    def fit(self) -> Fit:
        return fit(self.lines)

    @cached_property
    def status(self) -> str | None:
        return self.text if self.text in STATUSES else None


def paragraphs(lines: list[str], start: int) -> list[Para]:
    """Lines (line `start` first) → paragraphs: blank lines separate them, a line led by a space (where pdftotext
    resumes after a page break) opens one, a line of spaces only is an empty-cell marker."""
    out: list[Para] = []
    current: Para | None = None
    for offset, line in enumerate(lines):
        number = start + offset
        if not line:
            current = None
        elif not line.strip():
            out.append(Para(number, [], empty=len(line)))
            current = None
        elif current is None or line.startswith(" "):
            current = Para(number, [line])
            out.append(current)
        else:
            current.lines.append(line)
    return out


@dataclass(frozen=True)
class GoalColumn:
    kind: str  # theme · goal · measures · realization · responsible · status
    reported_at: date | None = None  # realization columns


@dataclass
class _Row:
    line: int
    cells: list[list[Para]]  # paragraphs of each content column, in print order
    responsible: Para | None = None
    status: str | None = None
    theme: str | None = None
    spans: list[int] | None = None  # printed lines of each cell on the row's first page

    def cell(self, c: int) -> str | None:
        """A cell's text: its paragraphs joined by a newline, a lower-case paragraph continuing the one before."""
        texts: list[str] = []
        previous: Para | None = None
        for para in self.cells[c]:
            if para.empty:
                continue
            if previous is not None and texts and para.joined:
                joiner = "" if not previous.lines[-1].endswith(" ") else " "
                texts[-1] += joiner + para.text
            else:
                texts.append(para.text)
            previous = para
        return "\n".join(texts) or None


@dataclass(frozen=True)
class _Slot:
    column: int  # content column
    continuation: bool  # the continuation of the row before (may stay empty) or a row's own cell (may not)


@dataclass
class _Segment:
    """The paragraphs between two Tila cells: the continuation of one row, then the cells of the next."""

    paras: list[Para]
    slots: list[_Slot]
    row: _Row | None  # the row these paragraphs open (None: continuation only)
    before: _Row | None  # the row a continuation continues
    block: int = 0  # the theme block (strategic table) the row is printed in


class InterleavedTable:
    def __init__(self, file: str, level: str, columns: list[GoalColumn], paras: list[Para]) -> None:
        self.file = file
        self.level = level
        self.content = [c for c in columns if c.kind in ("goal", "measures", "realization")]
        self.has_responsible = any(c.kind == "responsible" for c in columns)
        self.paras = paras
        self.kinds = [c.kind for c in self.content]

    def read(self, findings: list[Finding]) -> list[_Row]:
        segments, themes = self._segments(findings)
        widths = self._estimate_widths(segments)
        rows: list[_Row] = []
        for segment in segments:
            placement = self._best(segment, widths)
            for i, para in enumerate(segment.paras):
                alternative = self._best(segment, widths, forbid=(i, placement.slots[i]))
                if alternative.cost - placement.cost < _UNCERTAIN:
                    slot = segment.slots[placement.slots[i]]
                    other = segment.slots[alternative.slots[i]]
                    findings.append(Finding(self.file, para.first, (
                        f"goal table: {para.text[:60]!r} placed in {self._slot_name(slot)}, but placing it in "
                        f"{self._slot_name(other)} explains the line breaks almost as well "
                        f"(misfit {placement.cost:.2f} vs {alternative.cost:.2f} em)")))
            previous_slot = -1
            for para, s in zip(segment.paras, placement.slots, strict=True):
                slot = segment.slots[s]
                first = s != previous_slot
                previous_slot = s
                para.joined = self._joins(para, slot, first, segment)
                last = self._last(segment, slot) if first and slot.continuation else None
                # "Mittari" always opens a new measure: no doubt there
                if last is not None and not para.lower and _ended(last) and not para.text.startswith("Mittari"):
                    what = "continues" if para.joined else "opens a new paragraph after"
                    findings.append(Finding(self.file, para.first, (
                        f"goal table: the page break falls after a full sentence; {para.text[:40]!r} {what} "
                        f"{last.text[-40:]!r} in {self._slot_name(slot)}"
                        + (" (printed as one paragraph elsewhere)" if para.joined else ""))))
                target = segment.before if slot.continuation else segment.row
                assert target is not None
                target.cells[slot.column].append(para)
            if segment.row is not None:
                rows.append(segment.row)
                segment.row.theme = themes.get(segment.block) if self.level == "strategic" else None
        return rows

    def _slot_name(self, slot: _Slot) -> str:
        column = self.content[slot.column]
        name = column.kind if column.reported_at is None else f"realization {column.reported_at}"
        return f"{name} ({'continued from the page before' if slot.continuation else 'row'})"

    # -- segments

    def _segments(self, findings: list[Finding]) -> tuple[list[_Segment], dict[int, str]]:
        themes: dict[int, str] = {}
        chunks: list[list[Para]] = [[]]
        statuses: list[Para] = []
        for para in self.paras:
            if any(line.strip().startswith("•") for line in para.lines):
                themes[len(statuses)] = " ".join(line.strip() for line in para.lines)
                continue
            if para.status is not None and not para.space_led:
                statuses.append(para)
                chunks.append([])
            else:
                chunks[-1].append(para)
        segments: list[_Segment] = []
        previous: _Row | None = None
        block = 0
        chunk_block: list[int] = []
        for n, chunk in enumerate(chunks):
            chunk_block.append(block)
            paras = list(chunk)
            continues = False
            if n > 0 and paras and paras[0].empty == 1:
                paras = paras[1:]  # the line that closes a row that did not run over a page
            elif n > 0 and paras and paras[0].space_led:
                continues = previous is not None
            last = n == len(chunks) - 1
            # an empty template row prints one line of blanks, one per cell (after a continuation, if any)
            template = not last and bool(paras) and paras[-1].empty > 1
            if template:
                paras = paras[:-1]
            slots = [_Slot(c, True) for c in range(len(self.content))] if continues else []
            row = None
            if not last and not template:
                responsible = paras.pop() if self.has_responsible and paras else None
                row = _Row(paras[0].first if paras else statuses[n].first, [[] for _ in self.content],
                           responsible, statuses[n].status)
                slots += [_Slot(c, False) for c in range(len(self.content))]
            if self.level == "strategic":
                paras = self._split_merged(paras, findings)
            if slots:
                segments.append(_Segment(paras, slots, row, previous, block))
            if template:
                block += 1
            if row is not None:
                previous = row
        # a theme is printed inside the block it names
        return segments, {chunk_block[k]: text for k, text in themes.items()}

    def _split_merged(self, paras: list[Para], findings: list[Finding]) -> list[Para]:
        """pdftotext puts a goal and the first line of its realization on one line when they share a baseline;
        such a line is wider than any column. Split it before the realization's first capitalised word."""
        widest = sorted(width(line.strip()) for p in self.paras for line in p.lines)
        if not widest:
            return paras
        typical = widest[int(len(widest) * 0.8)]
        out: list[Para] = []
        for para in paras:
            wide = [k for k, line in enumerate(para.lines) if width(line.strip()) > 1.35 * typical]
            if not wide:
                out.append(para)
                continue
            k = wide[0]
            line = para.lines[k]
            words = line.strip().split(" ")
            cuts = [j for j in range(1, len(words)) if words[j][:1].isupper()]
            if len(cuts) != 1:
                findings.append(Finding(self.file, para.first + k, (
                    f"goal table: line {line.strip()!r} holds two cells; "
                    f"{'no' if not cuts else len(cuts)} capitalised word(s) where the second may start, "
                    "split at the first")))
            if not cuts:
                out.append(para)
                continue
            cut = cuts[0]
            left = Para(para.first, [*para.lines[:k], " ".join(words[:cut]) + " "])
            right = Para(para.first + k, [" ".join(words[cut:]) + " ", *para.lines[k + 1:]])
            left.forced, right.forced = 0, len(self.content) - 1
            out += [left, right]
        return out

    # -- widths

    def _estimate_widths(self, segments: list[_Segment]) -> list[float]:
        """Column widths that explain the line breaks best: alternate placing and measuring from a few starts."""
        lows = sorted(p.fit.low for s in segments for p in s.paras if not p.empty)
        if not lows:
            return [0.0] * len(self.content)
        best: tuple[float, list[float]] | None = None
        q = lows[int(len(lows) * 0.9)]
        n = len(self.content)
        starts = [[q] * n, [q * (0.8 + 0.4 * c / max(n - 1, 1)) for c in range(n)],
                  [q * (1.2 - 0.4 * c / max(n - 1, 1)) for c in range(n)]]
        for widths in starts:
            for _ in range(8):
                placements = [self._best(s, widths) for s in segments]
                fitted = self._fit_widths(segments, placements, widths)
                if fitted == widths:
                    break
                widths = fitted
            total = sum(self._best(s, widths).cost for s in segments)
            if best is None or total < best[0] - 1e-9:
                best = (total, widths)
        assert best is not None
        return best[1]

    def _fit_widths(self, segments: list[_Segment], placements: list[_Placement], old: list[float]) -> list[float]:
        fits: list[list[Fit]] = [[] for _ in self.content]
        for segment, placement in zip(segments, placements, strict=True):
            for para, s in zip(segment.paras, placement.slots, strict=True):
                if not para.empty:
                    fits[segment.slots[s].column].append(para.fit)
        widths = []
        for c, column_fits in enumerate(fits):
            if not column_fits:
                widths.append(old[c])
                continue
            candidates = sorted({f.low for f in column_fits} | {f.high - 0.001 for f in column_fits
                                                                  if f.high != float("inf")})
            widths.append(round(min(candidates, key=lambda w: (sum(f.cost(w) for f in column_fits), w)), 3))
        return widths

    # -- placement

    @staticmethod
    def _last(segment: _Segment, slot: _Slot) -> Para | None:
        """The paragraph a continuation slot's first paragraph may continue (None while the widths are
        estimated: the rows are not filled yet)."""
        if segment.before is None:
            return None
        cell = [p for p in segment.before.cells[slot.column] if not p.empty]
        return cell[-1] if cell else None

    def _joins(self, para: Para, slot: _Slot, first: bool, segment: _Segment) -> bool:
        """Whether the paragraph continues the one before it in its cell rather than opening a new one."""
        if para.text.startswith("Mittari"):
            return False
        if first and slot.continuation:
            last = self._last(segment, slot)
            return last is not None and (para.lower or not _ended(last) or _printed_whole(last, para, self.paras))
        return para.lower and not first

    def _cost(self, para: Para, slot: _Slot, first: bool, segment: _Segment, widths: list[float]) -> float:
        if para.empty:
            return 0.0 if first else _FORBIDDEN
        if para.forced is not None and para.forced != slot.column:
            return _FORBIDDEN
        kind = self.kinds[slot.column]
        cost = para.fit.cost(widths[slot.column])
        opens_measure = para.text.startswith("Mittari")
        if opens_measure and kind != "measures":
            cost += _FORBIDDEN
        joins = self._joins(para, slot, first, segment)
        if kind == "measures" and not joins and not opens_measure:
            cost += _MEASURE_OPENS
        last = self._last(segment, slot) if first and slot.continuation else None
        if last is not None:
            cut = not _ended(last) and self._reaches_page_end(segment.before, slot.column)
            if para.lower and not cut:
                cost += _CUT_WITHOUT_BREAK
            elif cut and opens_measure:
                cost += self._uncontinued(slot)
            elif cut and not para.lower:
                cost += _CAPITAL_CONTINUATION
        if para.lower and first and not slot.continuation:
            cost += _FORBIDDEN
        elif para.lower and not first:
            cost += _MERGED_FRAGMENT
        if kind == "realization" and not joins and not _ended(para):
            cost += _UNFINISHED
        return cost

    def _skip(self, slot: _Slot, segment: _Segment) -> float:
        """Cost of leaving a slot empty: a row's own cells never are; a continuation is expected only of a
        cell the page break cut mid-sentence."""
        if not slot.continuation:
            return float("inf")
        last = self._last(segment, slot)
        if last is None or _ended(last) or not self._reaches_page_end(segment.before, slot.column):
            return 0.0
        return self._uncontinued(slot)

    def _uncontinued(self, slot: _Slot) -> float:
        # a goal is often a title without a full stop; a cut measure or realization almost never ends so
        return _CUT_UNCONTINUED / 2 if self.kinds[slot.column] == "goal" else _CUT_UNCONTINUED

    @staticmethod
    def _reaches_page_end(row: _Row, column: int) -> bool:
        """Whether a cell printed about as many lines as the row's longest cell: only such a cell can have been
        cut by the page break (the text has no positions; cells start together at the row's top)."""
        if row.spans is None:  # asked once the row's own cells are placed, before its continuation
            printed = [[p for p in cell if not p.empty] for cell in row.cells]
            row.spans = [c[-1].first + len(c[-1].lines) - c[0].first if c else 0 for c in printed]
        return row.spans[column] >= max(row.spans) - _SPAN_TOLERANCE

    def _best(self, segment: _Segment, widths: list[float], forbid: tuple[int, int] | None = None) -> _Placement:
        """The cheapest placement of the segment's paragraphs in its slots (columns in order, every row slot
        filled, a continuation slot may stay empty); `forbid` = (paragraph, slot) excluded."""
        paras, slots = segment.paras, segment.slots
        n, m = len(paras), len(slots)
        inf = float("inf")
        if n == 0:
            return _Placement(sum(self._skip(slot, segment) for slot in slots), [])

        skips = [self._skip(slot, segment) for slot in slots]

        def skipped(a: int, b: int) -> float:  # cost of leaving slots a..b-1 empty
            return sum(skips[a:b])

        # cost[i][j]: best cost with paragraph i in slot j
        cost = [[inf] * m for _ in range(n)]
        back = [[-1] * m for _ in range(n)]
        for j in range(m):
            if forbid != (0, j):
                cost[0][j] = skipped(0, j) + self._cost(paras[0], slots[j], True, segment, widths)
        for i in range(1, n):
            for j in range(m):
                if forbid == (i, j):
                    continue
                best, arg = inf, -1
                if cost[i - 1][j] < inf and not paras[i - 1].empty:
                    c = cost[i - 1][j] + self._cost(paras[i], slots[j], False, segment, widths)
                    if c < best:
                        best, arg = c, j
                for k in range(j):
                    if cost[i - 1][k] < inf:
                        c = cost[i - 1][k] + skipped(k + 1, j) + self._cost(paras[i], slots[j], True, segment, widths)
                        if c < best:
                            best, arg = c, k
                cost[i][j], back[i][j] = best, arg
        end, total = -1, inf
        for j in range(m):
            c = cost[n - 1][j] + skipped(j + 1, m)
            if c < total:
                end, total = j, c
        if end < 0:
            return _Placement(inf, [0] * n)
        placed = [0] * n
        j = end
        for i in range(n - 1, -1, -1):
            placed[i] = j
            j = back[i][j]
        return _Placement(total, placed)


def _ended(para: Para) -> bool:
    """Whether a paragraph's printed text ends a sentence."""
    return bool(_SENTENCE_END.search(para.text))


def _printed_whole(before: Para, after: Para, paras: list[Para]) -> bool:
    """Whether the end of `before` and the start of `after` are printed as one paragraph elsewhere in the table
    (reports repeat a realization at a later date): then a page break split one paragraph, not two."""
    seam = f"{before.text[-40:]} {after.text[:40]}"
    return any(seam in p.text for p in paras if p is not before and p is not after)


@dataclass
class _Placement:
    cost: float
    slots: list[int]  # slot of each paragraph
