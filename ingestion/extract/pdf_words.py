"""Words and table borders of PDF pages, through pypdfium2: where each word is printed and which ruled cell
holds it. Text order alone cannot say which column a line belongs to; positions can.

A word is a run of characters on one baseline between spaces. PDFium marks a hyphenation with U+FFFE; such a
word ends with "-" and `hyphenated` is set, so the line join can drop the hyphen. Table rules are thin path
objects: a vertical one bounds cells left and right between its two ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_SOFT_HYPHEN = "\ufffe"
_BASELINE = 3.0  # points: characters this close vertically share a line
_RULE = 1.5  # points: a path object this thin is a table rule


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline, points from the page bottom
    bold: bool
    hyphenated: bool = False

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Rule:
    x: float
    y0: float
    y1: float


@dataclass
class Page:
    number: int  # 1-based
    words: list[Word]
    rules: list[Rule]  # vertical table rules


def read_pages(path: Path, first: int = 1, last: int | None = None) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(path))
    pages = []
    try:
        last = len(pdf) if last is None else min(last, len(pdf))
        for index in range(first - 1, last):
            page = pdf[index]
            textpage = page.get_textpage()
            words = _words(textpage, pdfium_c)
            rules = []
            for obj in page.get_objects():
                if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                    continue
                left, bottom, right, top = obj.get_bounds()
                if right - left <= _RULE and top - bottom > 3:
                    rules.append(Rule(round((left + right) / 2, 1), round(bottom, 1), round(top, 1)))
            textpage.close()
            page.close()
            pages.append(Page(index + 1, words, rules))
    finally:
        pdf.close()
    return pages


def _words(textpage, pdfium_c) -> list[Word]:
    words: list[Word] = []
    current: Word | None = None
    count = textpage.count_chars()
    for i in range(count):
        char = textpage.get_text_range(i, 1)
        if char in (" ", "\r", "\n", "\t", "\u00a0") or not char:
            current = None
            continue
        left, _bottom, right, _ = textpage.get_charbox(i)
        # the origin is the baseline; a box's bottom drops below it for descenders
        origin = pdfium_c.FPDFText_GetCharOrigin
        x = pdfium_c.c_double()
        y = pdfium_c.c_double()
        origin(textpage.raw, i, x, y)
        baseline = y.value
        if char == _SOFT_HYPHEN:
            if current is not None:
                current.text += "-"
                current.hyphenated = True
            current = None
            continue
        bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, i) >= 600
        if current is None or abs(baseline - current.y) > _BASELINE or left < current.x1 - 1:
            current = Word(char, left, right, baseline, bold)
            words.append(current)
        else:
            current.text += char
            current.x1 = max(current.x1, right)
    return words


def lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (-w.y, w.x0)):
        if lines and abs(lines[-1][0].y - word.y) <= _BASELINE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)
