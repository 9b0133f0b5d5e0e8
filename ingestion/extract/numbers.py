"""Numbers as printed: a space separates both thousands groups and columns, so a row's tokens can be grouped
into numbers in several ways. This module lists every grouping that is valid as print; settle.py picks one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# One whitespace-separated piece of a number: a lead ("-1", "263", "0,00", "44,70") or a thousands group ("000").
_LEAD = re.compile(r"([-+]?)([1-9]\d{0,2}|0)(?:,(\d+))?")
_GROUP = re.compile(r"(\d{3})(?:,(\d+))?")
# A number that is whole in one piece and takes no space-separated groups: thousands marked by dots
# ("-16.756.130", "10.100,97"), or digits printed without any separator ("240525").
_WHOLE = re.compile(r"([-+]?)([1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{3,})(?:,(\d+))?")
_NUMERIC = re.compile(r"[-+]|[-+]?\d+(?:\.\d{3})*(?:,\d+)?")
_UNIT_MARK = re.compile(r"(?<=\d)(?:€|%)$")


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # 1-based line of the report text


@dataclass(frozen=True)
class Printed:
    """One number as printed: its tokens, its value in the printed unit, and how many decimals it shows."""

    tokens: tuple[Token, ...]
    value: Decimal
    decimals: int

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def line(self) -> int:
        """The line holding the digits (a minus sign may stand alone on the line above)."""
        return next(t.line for t in self.tokens if t.text not in ("-", "+"))

    @property
    def step(self) -> Decimal:
        """Value of one step of the last printed digit, in the printed unit."""
        return Decimal(1).scaleb(-self.decimals)


def is_numeric(text: str) -> bool:
    """True for a piece that can belong to a number: digits with thousands dots and a decimal comma, a lone
    sign, or a unit mark (€, %) alone or after the digits."""
    return text in ("€", "%") or _NUMERIC.fullmatch(_UNIT_MARK.sub("", text)) is not None


def unit_marks_removed(texts: list[str]) -> list[str]:
    """The number pieces without the unit marks printed beside them ("89,6 %", "1.200 €", "72%")."""
    return [_UNIT_MARK.sub("", t) for t in texts if t not in ("€", "%")]


def groupings(tokens: tuple[Token, ...], low: int, high: int, *, space_groups: bool = True
              ) -> Iterator[tuple[Printed, ...]]:
    """Every way to read `tokens` as between `low` and `high` consecutive numbers, in print order.

    A number is an optional lone sign, then either one piece with dotted thousands (or 4+ bare digits), or a
    lead of one to three digits (or "0") followed by groups of exactly three digits when spaces separate
    thousands (`space_groups`: false for a table that marks thousands with dots); a decimal part ends it."""
    n = len(tokens)

    def numbers_from(start: int) -> Iterator[tuple[int, Printed]]:
        i = start
        sign = ""
        if tokens[i].text in ("-", "+"):
            sign, i = tokens[i].text, i + 1
            if i >= n:
                return
        whole = _WHOLE.fullmatch(tokens[i].text)
        if whole is not None:
            if not (sign and whole.group(1)):
                yield i + 1, _printed(tokens[start:i + 1], sign or whole.group(1), whole.group(2).replace(".", ""),
                                      whole.group(3))
            return
        lead = _LEAD.fullmatch(tokens[i].text)
        if lead is None or (sign and lead.group(1)):
            return
        sign = sign or lead.group(1)
        digits, decimals = lead.group(2), lead.group(3)
        end = i + 1
        yield end, _printed(tokens[start:end], sign, digits, decimals)
        if digits == "0" or not space_groups:
            return
        while decimals is None and end < n:
            group = _GROUP.fullmatch(tokens[end].text)
            if group is None:
                return
            digits, decimals = digits + group.group(1), group.group(2)
            end += 1
            yield end, _printed(tokens[start:end], sign, digits, decimals)

    # bounds on how many numbers tokens[i:] can make: each piece that cannot continue a number starts one;
    # at most every piece but a lone minus starts one
    fewest, most = [0] * (n + 1), [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        text = tokens[i].text
        lone_sign = text in ("-", "+")
        fewest[i] = fewest[i + 1] + (not lone_sign and (not space_groups or _GROUP.fullmatch(text) is None))
        most[i] = most[i + 1] + (not lone_sign)

    starting: dict[int, list[tuple[int, Printed]]] = {}  # the numbers that can start at each piece

    def walk(start: int, taken: tuple[Printed, ...]) -> Iterator[tuple[Printed, ...]]:
        if start == n:
            if low <= len(taken) <= high:
                yield taken
            return
        if len(taken) + fewest[start] > high or len(taken) + most[start] < low:
            return
        if start not in starting:
            starting[start] = list(numbers_from(start))
        for end, number in starting[start]:
            yield from walk(end, (*taken, number))

    yield from walk(0, ())


def _printed(tokens: tuple[Token, ...], sign: str, digits: str, decimals: str | None) -> Printed:
    sign = "-" if sign == "-" else ""
    text = f"{sign}{digits}.{decimals}" if decimals else f"{sign}{digits}"
    return Printed(tuple(tokens), Decimal(text), len(decimals) if decimals else 0)
