"""Finnish number formatting: `1 234 567 €`, `44,7 %`, spaces grouping thousands as in the printed report."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

SPACE = " "
MINUS = "-"


def _group(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return SPACE.join(parts)


def number(value: Decimal | float | None, decimals: int = 0) -> str:
    """`-1234567.4` -> `-1 234 567`; rounding half away from zero like the printed report."""
    if value is None:
        return ""
    try:
        d = Decimal(str(value))
    except ArithmeticError:
        return ""
    if d.is_nan():
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    d = d.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = sign + _group(whole)
    if decimals:
        text += "," + frac.ljust(decimals, "0")[:decimals]
    return text


def eur(value: Decimal | float | None) -> str:
    """Euros without cents, `1 234 567 €`."""
    text = number(value)
    return f"{text}{SPACE}€" if text else ""


def pct(value: Decimal | float | None, decimals: int = 1) -> str:
    """Percent with a decimal comma, `44,7 %`."""
    text = number(value, decimals)
    return f"{text}{SPACE}%" if text else ""

