"""A report as lines of text: a text file as it is, a PDF through pypdfium2 in the shape `pdftotext -raw` gives.

pdftotext -raw writes the text in the PDF's content order, one printed line per line, a hyphen at a line-end
hyphenation, and a form feed before each page. PDFium's text page follows the same content order; it marks a
hyphenation with U+FFFE instead of "-" + newline and may leave a space before the line break, so both are turned
into what pdftotext prints. No system binary is needed."""

from __future__ import annotations

import re
from pathlib import Path

from ingestion.extract.errors import ExtractError

_SOFT_HYPHEN = "\ufffe"
# Invisible characters PDFs put inside numbers and words ("-\u200b16.756.130"): they carry nothing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# No-break, narrow no-break, figure and thin spaces separate thousands or columns just as a space does; the
# minus sign U+2212 is a minus.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u2212": "-"})
# C0 control characters other than tab, newline, form feed and carriage return never occur in a text report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def report_lines(path: Path) -> list[str]:
    """The report's lines (1-based line n is element n - 1), trailing spaces and form feeds removed."""
    return report_pages(path)[0]


def report_pages(path: Path) -> tuple[list[str], list[int]]:
    """The report's lines and the 1-based page of each (a form feed starts a page; a text without any is one
    page). Invisible characters are dropped and the special spaces read as spaces."""
    lines, pages, page = [], [], 1
    for line in _text(path).split("\n"):
        page += line.count("\f")
        lines.append(clean(line.replace("\f", "")))
        pages.append(page)
    return lines, pages


def printed_lines(path: Path) -> list[str]:
    """The report's lines as printed, form feeds and invisible characters removed but trailing spaces kept: in
    pdftotext's text a line ends with a space where the PDF wrapped between words and without one where it broke
    a word (the goal reader needs to tell them apart)."""
    return [_tidy(line.replace("\f", "")) for line in _text(path).split("\n")]


def clean(line: str) -> str:
    return _tidy(line).rstrip()


def _tidy(line: str) -> str:
    return _INVISIBLE.sub("", line).translate(_SPACES)


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return _pdf_text(path, data)
    return _decode(path, data)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # Finnish text saved by older Windows tools is cp1252; accept it only when it decodes cleanly.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                line = data[: error.start].count(b"\n") + 1
                raise ExtractError(
                    path.name, line, "unreadable encoding: neither UTF-8 nor Windows-1252 text"
                ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise ExtractError(path.name, line, "not a text report: binary data (control characters)")
    return text


def _pdf_text(path: Path, data: bytes) -> str:
    import pypdfium2 as pdfium  # imported here: text reports need no PDF library

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ExtractError(path.name, None, f"unreadable PDF: {error}") from None
    pages = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            text = text.replace("\r\n", "\n").replace(_SOFT_HYPHEN, "-\n")
            pages.append("\f" + "\n".join(line.rstrip() for line in text.split("\n")) + "\n")
    finally:
        pdf.close()
    text = "".join(pages)
    if not text.replace("\f", "").strip():
        raise ExtractError(path.name, None, "PDF has no text layer (a scanned image?): no text to read")
    return text.removeprefix("\f")
