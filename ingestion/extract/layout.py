"""What a line of a text report tells about the column it was printed in: its width and where it wrapped.

pdftotext prints the cells of a table row one after another, so the text alone does not say which column a
paragraph came from. The PDF's columns have fixed widths, though, and every wrapped line shows them: the line
fits its column, and the line with the next word would not have. Widths are measured with the metrics of a
standard sans-serif (Helvetica's advance widths, in em), close enough to the fonts reports use to compare
columns that differ by a few characters.

Lines keep their trailing space: pdftotext ends a line with a space where the PDF wrapped between words, and
leaves none where it broke a word (`Työllisyyskoordina|attori`, `TE-|toimiston`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NARROW = {"i": 222, "j": 222, "l": 222, "f": 278, "t": 278, "r": 333, " ": 278, ".": 278, ",": 278, ":": 278,
           ";": 278, "!": 278, "'": 191, '"': 355, "/": 278, "-": 333, "(": 333, ")": 333, "I": 278, "•": 350}
_WIDE = {"m": 833, "w": 722, "M": 833, "W": 944, "%": 889, "@": 1015, "C": 722, "D": 722, "G": 778, "H": 722,
         "N": 722, "O": 778, "Ö": 778, "Q": 778, "R": 722, "U": 722}
_SMALL = set("ckszvxy") | {"J"}  # 500
_CAPITAL = 667


def char_width(c: str) -> int:
    """Advance width of one character in thousandths of an em."""
    if c in _NARROW:
        return _NARROW[c]
    if c in _WIDE:
        return _WIDE[c]
    if c in _SMALL:
        return 500
    if c.isupper():
        return 611 if c in "FTZ" else _CAPITAL
    return 556  # other lower-case letters, digits and the rest


def width(text: str) -> float:
    """Printed width of `text` in em."""
    return sum(char_width(c) for c in text) / 1000


def joins_without_space(line: str) -> bool:
    """True where the PDF broke a word at this line's end (no trailing space was printed)."""
    return bool(line) and not line.endswith(" ")


def join_lines(lines: list[str]) -> str:
    """The lines of one paragraph as one string: a space where the PDF wrapped between words, none where it broke
    a word."""
    text = ""
    for i, line in enumerate(lines):
        piece = line.strip()
        if i and text and not joins_without_space(lines[i - 1]):
            text += " "
        text += piece
    return text


@dataclass(frozen=True)
class Fit:
    """Which column widths (in em) a paragraph's line breaks allow: at least `low`, less than `high`."""

    low: float
    high: float

    def cost(self, column_width: float) -> float:
        """How far the paragraph's line breaks are from being possible in a column this wide."""
        return max(0.0, self.low - column_width) + max(0.0, column_width - self.high)


def fit(lines: list[str]) -> Fit:
    """The widths a column can have to print these lines as they are broken."""
    stripped = [line.strip() for line in lines]
    low = max((width(s) for s in stripped), default=0.0)
    high = float("inf")
    for i in range(len(lines) - 1):
        if not stripped[i + 1]:
            continue
        if joins_without_space(lines[i]):
            if stripped[i].endswith("-"):
                # broken after a hyphen (`TE-|toimiston`, `-|foorumi`): the word's next part did not fit
                nxt = re.split(r"[ -]", stripped[i + 1])[0]
            else:
                # a word too long for the column, broken mid-word: its next character did not fit
                nxt = stripped[i + 1][0]
            high = min(high, width(stripped[i]) + width(nxt))
        else:
            first_word = stripped[i + 1].split(" ")[0]
            # a hyphenated compound may wrap after its hyphen: only the part up to it had to fit
            if "-" in first_word[:-1]:
                first_word = first_word[: first_word.index("-") + 1]
            high = min(high, width(stripped[i]) + width(" ") + width(first_word))
    return Fit(low, high)
