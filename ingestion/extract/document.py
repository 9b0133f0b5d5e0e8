"""Facts a report states once for all its tables: municipality, reporting period, committee headings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# "Heinolan kaupunki", "Kauhavan kaupungin", "Kuortaneen kunta": the genitive name before the word for the town.
_TOWN = re.compile(r"\b([A-ZÅÄÖ][a-zåäö-]+)n (?:kaupunki|kaupungin|kunta|kunnan)\b")
# An annual report's running title ("Tilinpäätös 2024") or an interim one ("1-6/2022", "TULOSLASKELMA 6/2022").
_ANNUAL = re.compile(r"^Tilinpäätös (\d{4})$", re.IGNORECASE)
_INTERIM = re.compile(r"\b(?:1\s*[-–]\s*)?(\d{1,2})/(\d{4})\b")
_PAGE_NUMBER = re.compile(r"^\d+\s*/\s*\d+$")
# "Elinvoimalautakunnan toimiala": a committee's own area, named in the genitive.
_TOIMIALA = re.compile(r"^(\S.*?(?:kunnan|hallituksen|valtuuston)) toimiala$")
_GENITIVE = [("kunnan", "kunta"), ("hallituksen", "hallitus"), ("valtuuston", "valtuusto")]


@dataclass(frozen=True)
class Document:
    municipality: str
    fiscal_year: int | None  # the period the report covers, for headers that print no year
    period_months: int | None
    running_lines: frozenset[str]  # page furniture: running title and page numbers


def nominative(genitive: str) -> str:
    """The committee name from its genitive form: "Elinvoimalautakunnan" → "Elinvoimalautakunta"."""
    for ending, base in _GENITIVE:
        if genitive.endswith(ending):
            return genitive[: -len(ending)] + base
    return genitive


def toimiala_committee(line: str) -> str | None:
    match = _TOIMIALA.match(line.strip())
    return nominative(match.group(1)) if match else None


def read_document(lines: list[str], municipality: str | None) -> Document:
    return Document(
        municipality or find_municipality(lines),
        *_period(lines),
        frozenset(line for line in lines if _PAGE_NUMBER.match(line) or _ANNUAL.match(line)),
    )


class MunicipalityError(ValueError):
    pass


def find_municipality(lines: list[str]) -> str:
    """The town the report speaks of as "<name>n kaupunki/kunta" most often.

    Most genitives are the name + "n" (Heinolan, Kauhavan): when the name itself also occurs in the text, that
    settles it. Otherwise Finnish morphology (Voikko, through pyvoikko) gives the place name a genitive is of:
    Lapuan → Lapua, Seinäjoen → Seinäjoki, Turun → Turku."""
    text = "\n".join(lines)
    counts = Counter(m.group(1) for m in _TOWN.finditer(text))
    ranked = [(n, name) for name, n in counts.most_common() if re.search(rf"\b{re.escape(name)}\b", text)]
    if not ranked:
        ranked = [(n, town) for name, n in counts.most_common() if (town := place_name(name + "n"))]
    if not ranked:
        raise MunicipalityError("the municipality is not named as '<name>n kaupunki/kunta' in the text")
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        raise MunicipalityError(f"the municipality is ambiguous: {ranked[0][1]} or {ranked[1][1]}")
    return ranked[0][1]


def _period(lines: list[str]) -> tuple[int | None, int | None]:
    annual = Counter(int(m.group(1)) for line in lines if (m := _ANNUAL.match(line.strip())))
    if annual:
        return annual.most_common(1)[0][0], 12
    interim = Counter((int(m.group(2)), int(m.group(1))) for line in lines for m in _INTERIM.finditer(line))
    if interim:
        return interim.most_common(1)[0][0]
    return None, None


def place_name(genitive: str) -> str | None:
    """The place name a genitive is of ("Seinäjoen" → "Seinäjoki"), or None when Voikko knows no such place."""
    import pyvoikko  # loaded only when needed: it takes seconds

    for analysis in pyvoikko.analyse(genitive.lower()):
        if getattr(analysis, "CLASS", None) == "paikannimi" and getattr(analysis, "SIJAMUOTO", None) == "omanto":
            base = analysis.BASEFORM.replace("=", "")
            return base[:1].upper() + base[1:]
    return None
