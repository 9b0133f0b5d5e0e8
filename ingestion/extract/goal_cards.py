"""Goal cards of a PDF report: the small ruled tables an annual report prints per goal (Kauhava's owner-control
goals for its companies), read from word positions and table rules.

    Tavoite                 | Toimenpide/mittari
    Taloudellinen tulos     | Vähintään nollatulos
    Arviointi                                            | Tila
    Ei toteutunut, tappio 8.941 €                        | Valmis

Each ruled row is a band between the ends of its vertical rules; a word belongs to the cell whose rules enclose
it, so a goal and its measure printed on one baseline separate by position. A bold line outside the tables is a
heading: `… tavoitteet` names the theme (Taloudelliset / Toiminnalliset tavoitteet), any other one the body the
goals are set for (the company). A card that runs over a page break continues in the first rows of the next
page. A word no cell encloses is a finding, and is kept with the nearest cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingestion.extract.goals import GoalRow
from ingestion.extract.pdf_words import Page, Word, lines_of, page_texts, read_pages
from ingestion.extract.reading_findings import Finding

_SAME_X = 2.0  # points: rules this close are one rule
_PARAGRAPH_GAP = 1.5  # a gap this many times the line spacing separates paragraphs
_LINE_SPACING = 13.5
_SPACE = 2.5  # points: a space in the body font
_PADDING = 2.0  # points: between a cell's text and its right rule
_GOAL_HEAD = ("Tavoite", "Toimenpide/mittari")
_ASSESSMENT_HEAD = ("Arviointi", "Tila")


@dataclass
class _Band:
    page: int
    y0: float
    y1: float
    xs: list[float]
    cells: list[list[Word]] = field(default_factory=list)

    stray: list[Word] = field(default_factory=list)  # words no cell's rules enclose

    def texts(self) -> list[str]:
        return [cell_text(words, self.xs[c + 1]) for c, words in enumerate(self.cells)]


@dataclass
class _Card:
    body: str
    theme: str | None
    page: int
    goal: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    assessment: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)


def cell_text(words: list[Word], right: float) -> str:
    """A cell's words as text: wrapped lines joined by a space (a hyphenation joined whole), a line broken
    before the cell's edge (the next word would have fitted) or a blank line between paragraphs by a newline."""
    paragraphs: list[str] = []
    previous: list[Word] | None = None
    for line in lines_of(words):
        text = " ".join(w.text for w in line)
        if previous is None or previous[0].y - line[0].y > _PARAGRAPH_GAP * _LINE_SPACING:
            paragraphs.append(text)
        elif previous[-1].x1 + _SPACE + (line[0].x1 - line[0].x0) < right - _PADDING:
            paragraphs.append(text)  # a line break typed in the cell, not a wrap
        elif previous[-1].hyphenated:
            paragraphs[-1] = paragraphs[-1][:-1] + text
        else:
            paragraphs[-1] += " " + text
        previous = line
    return "\n".join(paragraphs)


def _bands(page: Page) -> list[_Band]:
    spans: dict[tuple[float, float], list[float]] = {}
    for rule in page.rules:
        spans.setdefault((rule.y0, rule.y1), []).append(rule.x)
    bands = []
    for (y0, y1), xs in spans.items():
        merged: list[float] = []
        for x in sorted(xs):
            if not merged or x - merged[-1] > _SAME_X:
                merged.append(x)
        if len(merged) >= 2:
            bands.append(_Band(page.number, y0, y1, merged, [[] for _ in merged[:-1]]))
    return sorted(bands, key=lambda b: -b.y1)


def read_goal_cards(path: Path, municipality: str, fiscal_year: int,
                    findings: list[Finding] | None = None) -> list[GoalRow]:
    """Every goal card of the PDF, as raw.goals rows reported at the end of the fiscal year."""
    findings = findings if findings is not None else []
    cards: list[_Card] = []
    body: str | None = None
    theme: str | None = None
    card: _Card | None = None
    mode = None
    # pages holding cards, and the two before each (the heading naming the company may stand there)
    texts = page_texts(path)
    holding = [n for n, text in enumerate(texts, start=1) if "Toimenpide/mittari" in text or "Arviointi" in text]
    if not holding:
        return []
    wanted = {n - k for n in holding for k in (0, 1, 2) if n - k >= 1}
    for page in read_pages(path, wanted):
        bands = _bands(page)
        loose: list[Word] = []
        for word in page.words:
            band = next((b for b in bands if b.y0 < word.y < b.y1), None)
            if band is None:
                loose.append(word)
                continue
            cell = next((c for c in range(len(band.xs) - 1) if band.xs[c] - 1 <= word.middle <= band.xs[c + 1] + 1),
                        None)
            if cell is None:
                cell = min(range(len(band.xs) - 1), key=lambda c: abs((band.xs[c] + band.xs[c + 1]) / 2 - word.middle))
                band.stray.append(word)
            band.cells[cell].append(word)
        # headings and tables in print order, top to bottom
        items: list[tuple[float, object]] = [(b.y1, b) for b in bands]
        for line in lines_of(loose):
            if all(w.bold for w in line):
                items.append((line[0].y, " ".join(w.text for w in line)))
        for _, item in sorted(items, key=lambda i: -i[0]):
            if isinstance(item, str):
                if item.startswith("Tilinpäätös") or item[:1].isdigit():
                    continue  # running title, numbered chapter heading
                if item.endswith("tavoitteet"):
                    theme = item
                else:
                    body, theme = item, None
                card, mode = None, None
                continue
            texts = tuple(t.strip() for t in item.texts())
            if texts == _GOAL_HEAD:
                if body is None:
                    findings.append(Finding(path.name, page.number, "goal card before any heading naming its body"))
                card = _Card(body or "", theme, page.number)
                cards.append(card)
                mode = "goal"
            elif texts == _ASSESSMENT_HEAD and card is not None:
                mode = "assessment"
            elif card is not None and len(texts) == 2:
                for word in item.stray:
                    findings.append(Finding(path.name, page.number, (
                        f"goal card of {card.body}: {word.text!r} lies outside the cells' rules; kept in the "
                        "nearest cell")))
                left, right = (card.goal, card.measures) if mode == "goal" else (card.assessment, card.status)
                if texts[0]:
                    left.append(texts[0])
                if texts[1]:
                    right.append(texts[1])
            else:
                card, mode = None, None  # another kind of table
    rows = []
    numbers: dict[str, int] = {}
    for card in cards:
        numbers[card.body] = numbers.get(card.body, 0) + 1
        goal = "\n".join(card.goal)
        if not goal:
            findings.append(Finding(path.name, card.page, f"goal card of {card.body}: no goal text"))
        status = " ".join(card.status) or None
        rows.append(GoalRow(
            goal_id=f"{municipality[:3].upper()}-{_code(card.body)}-{fiscal_year}-G{numbers[card.body]:02d}",
            fiscal_year=fiscal_year,
            municipality=municipality,
            committee=card.body,
            level="operational",
            strategic_theme=card.theme,
            goal=goal,
            measures="\n".join(card.measures) or None,
            target=None,
            reported_at=date(fiscal_year, 12, 31),
            realization="\n".join(card.assessment) or None,
            responsible=None,
            status=status,
            source_line=card.page,
        ))
    return rows


def _code(name: str) -> str:
    """A short code for a body: the initials of its words ("Kauhavan Vesi Oy" → KVO)."""
    return "".join(w[0].upper() for w in name.replace("-", " ").split() if w[:1].isalnum())
