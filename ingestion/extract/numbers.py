"""Numbers as printed: a space separates both thousands groups and columns, so a row's tokens can be grouped
into numbers in several ways. This module lists every grouping that is valid as print; settle.py picks one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# One whitespace-separated piece of a number: a lead ("-1", "263", "0,00", "44,70") or a thousands group ("000").
_LEAD = re.compile(r"(-?)([1-9]\d{0,2}|0)(?:,(\d+))?")
_GROUP = re.compile(r"(\d{3})(?:,(\d+))?")
_NUMERIC = re.compile(r"-|-?\d+(?:,\d+)?")


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
        return next(t.line for t in self.tokens if t.text != "-")

    @property
    def step(self) -> Decimal:
        """Value of one step of the last printed digit, in the printed unit."""
        return Decimal(1).scaleb(-self.decimals)


def is_numeric(text: str) -> bool:
    """True for a piece that can belong to a number: digits, a decimal comma, or a lone minus sign."""
    return _NUMERIC.fullmatch(text) is not None


def groupings(tokens: tuple[Token, ...], low: int, high: int) -> Iterator[tuple[Printed, ...]]:
    """Every way to read `tokens` as between `low` and `high` consecutive numbers, in print order.

    A number is an optional lone "-", a lead of one to three digits (or "0"), then groups of exactly three
    digits; a decimal part ends the number."""
    n = len(tokens)

    def numbers_from(start: int) -> Iterator[tuple[int, Printed]]:
        i = start
        sign = ""
        if tokens[i].text == "-":
            sign, i = "-", i + 1
            if i >= n:
                return
        lead = _LEAD.fullmatch(tokens[i].text)
        if lead is None or (sign and lead.group(1)):
            return
        sign = sign or lead.group(1)
        digits, decimals = lead.group(2), lead.group(3)
        end = i + 1
        yield end, _printed(tokens[start:end], sign, digits, decimals)
        if digits == "0":
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
        fewest[i] = fewest[i + 1] + (text != "-" and _GROUP.fullmatch(text) is None)
        most[i] = most[i + 1] + (text != "-")

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
    text = f"{sign}{digits}.{decimals}" if decimals else f"{sign}{digits}"
    return Printed(tuple(tokens), Decimal(text), len(decimals) if decimals else 0)
