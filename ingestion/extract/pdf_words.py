"""Words and table borders of PDF pages, through pypdfium2: where each word is printed and which ruled cell
holds it. Text order alone cannot say which column a line belongs to; positions can.

A word is a run of characters on one baseline between spaces. PDFium marks a hyphenation with U+FFFE; such a
word ends with "-" and `hyphenated` is set, so the line join can drop the hyphen. Table rules are thin path
objects: a vertical one bounds cells left and right between its two ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_SOFT_HYPHEN = "\ufffe"
_BASELINE = 3.0  # points: words whose baselines are this close share a line
_SAME_LINE = 5.0  # points: a character's box bottom this far from its word's first one starts a new word
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


def page_texts(path: Path) -> list[str]:
    """Each page's text (cheap: one call a page), to choose the pages worth reading word by word."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def read_pages(path: Path, numbers: set[int] | None = None) -> list[Page]:
    """Words and vertical rules of the pages numbered in `numbers` (1-based; all pages when None)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(pdf)):
            if numbers is not None and index + 1 not in numbers:
                continue
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
    """Words from the page's characters. Boxes are read for every character; the baseline and weight only for a
    word's first one (PDFium calls are the cost here)."""
    words: list[Word] = []
    current: Word | None = None
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the basic plane: read them one by one
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
    x, y = pdfium_c.c_double(), pdfium_c.c_double()
    bottom_of_current = 0.0
    for i, char in enumerate(text):
        if char in (" ", "\r", "\n", "\t", "\u00a0"):
            current = None
            continue
        if char == _SOFT_HYPHEN:
            if current is not None:
                current.text += "-"
                current.hyphenated = True
            current = None
            continue
        left, bottom, right, _ = textpage.get_charbox(i)
        # a box's bottom drops below the baseline for descenders (p, y, j): a new line is further away than that
        if current is None or abs(bottom - bottom_of_current) > _SAME_LINE or left < current.x1 - 1:
            pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
            bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, i) >= 600
            current = Word(char, left, right, y.value, bold)
            bottom_of_current = bottom
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
