"""Lapua's follow-up tables typed by hand from the published PDFs (tests/extract/lapua_expected/, how and where in
SURVEY.md) against what `kuntatalous extract` reads from the same PDFs: every printed number exactly, every printed
contradiction a finding. The expected values were read off the page images by a person, never taken from the
extractor."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest
from tests_extract_support import PROJECT_DIR

from tests.support import kuntatalous

EXPECTED = Path(__file__).parent / "lapua_expected"
LAPUA_CANDIDATES = (PROJECT_DIR.parent / "shared" / "data" / "lapua", Path("/work/shared/data/lapua"))
LANDING_REPORTS = PROJECT_DIR / "data" / "landing" / "reports"
MUNICIPALITY = "Lapua"


@dataclass(frozen=True)
class Cell:
    page: int
    row_label: str
    column: str
    printed: str
    value: Decimal | None


@dataclass(frozen=True)
class Table:
    file: str
    document: str
    page: int
    table: str
    fiscal_year: int
    period_months: int
    title: str
    kind: str  # operating / unit / investments
    cells: tuple[Cell, ...]

    @property
    def committee(self) -> str:
        """The body whose minutes these are: the document's folder, as published."""
        return self.document.split("/")[0].replace("_", " ")

    def columns(self) -> list[str]:
        return list(dict.fromkeys(c.column for c in self.cells))

    def __str__(self) -> str:
        return f"{self.file} ({self.table} p.{self.page})"


def _tables() -> list[Table]:
    tables = []
    with (EXPECTED / "tables.csv").open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            with (EXPECTED / rec["file"]).open(encoding="utf-8", newline="") as cells_file:
                cells = tuple(
                    Cell(int(c["page"]), c["row_label"], c["column"], c["printed"],
                         Decimal(c["value"]) if c["value"] else None)
                    for c in csv.DictReader(cells_file))
            tables.append(Table(rec["file"], rec["document"], int(rec["page"]), rec["table"],
                                int(rec["fiscal_year"]), int(rec["period_months"]), rec["title_as_printed"],
                                rec["kind"], cells))
    return tables


def _findings() -> list[dict[str, str]]:
    with (EXPECTED / "findings.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


TABLES = _tables()
FINDINGS = _findings()
DOCUMENTS = sorted({t.document for t in TABLES})
# a short ASCII id per document for test names: the prefix of its tables' files (`ympla-2024-10-29`)
DOCUMENT_IDS = {t.document: t.file.split("__")[0] for t in TABLES}


# --- column heads → ledger measures -------------------------------------------------------------------------------
# `TA 2024`, `TA 24`, `Talousarvio 2022` → budget of the year; `TP 2023` → actual of the whole previous year;
# `Tot. 09/2024`, `TOT 09/2024`, `Toteutuma 30.6.2022`, `Toteuma 31.12.2023`, `Toteutuma 2021` → actual to date;
# a percentage head → realization_pct of the nearest actual column to its left (the previous year's % is its actual
# to date against its TP, the current year's against TA).
_BUDGET = re.compile(r"^(?:TA|Talousarvio)\s*(\d{2}|\d{4})$")
_FULL_YEAR_ACTUAL = re.compile(r"^(?:TP|Toteutuma|Toteuma)\s*(\d{4})$")
_ACTUAL_MONTH = re.compile(r"^(?:Tot\.?|TOT)\s*(\d{1,2})/(\d{4})$")
_ACTUAL_DATE = re.compile(r"^(?:Toteutuma|Toteuma)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def measures(columns: list[str]) -> dict[str, tuple[str, int, int]]:
    """Column head → (measure, fiscal_year, period_months); percentage heads may repeat, so they are keyed by
    position as `<head>#<index>`."""
    out: dict[str, tuple[str, int, int]] = {}
    last_actual: tuple[str, int, int] | None = None
    for index, head in enumerate(columns):
        if m := _BUDGET.match(head):
            out[head] = ("budget", _year(m[1]), 12)
        elif m := _FULL_YEAR_ACTUAL.match(head):
            out[head] = last_actual = ("actual", int(m[1]), 12)
        elif m := _ACTUAL_MONTH.match(head):
            out[head] = last_actual = ("actual", int(m[2]), int(m[1]))
        elif m := _ACTUAL_DATE.match(head):
            out[head] = last_actual = ("actual", int(m[3]), int(m[2]))
        elif "%" in head:
            if last_actual is None:
                raise ValueError(f"percentage column {head!r} has no actual column to its left")
            out[f"{head}#{index}"] = ("realization_pct", last_actual[1], last_actual[2])
        else:
            raise ValueError(f"unknown column head {head!r}")
    return out


def _row_heads(table: Table) -> list[str]:
    """The column heads in print order, repeats included (read off the first row)."""
    first = table.cells[0].row_label
    return [c.column for c in table.cells if c.row_label == first]


def cell_measures(table: Table) -> list[tuple[Cell, tuple[str, int, int]]]:
    """Each cell with its measure; the cells of a row come in print order, so position tells repeated heads apart."""
    heads = _row_heads(table)
    by_head = measures(heads)
    out = []
    for index, cell in enumerate(table.cells):
        position = index % len(heads)
        head = heads[position]
        if cell.column != head:
            raise ValueError(f"{table}: cell {index} is under {cell.column!r}, expected {head!r}")
        out.append((cell, by_head.get(head) or by_head[f"{head}#{position}"]))
    return out


# --- labels -------------------------------------------------------------------------------------------------------
def norm(label: str) -> str:
    """A label for comparison: no footnote marks, no trailing colon, no invisible characters, one space, any case."""
    text = label.replace("\u200b", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\*+\)?", "", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(":").strip()
    return text.casefold()


# --- the documents and the CLI ------------------------------------------------------------------------------------
def lapua_pdf(document: str) -> Path:
    for root in LAPUA_CANDIDATES:
        if (root / document).is_file():
            return root / document
    name = Path(document).name
    if LANDING_REPORTS.is_dir():
        for path in LANDING_REPORTS.rglob("*.pdf"):
            if path.name == name:
                return path
    pytest.fail(f"the Lapua document is missing: {document} (looked in {', '.join(map(str, LAPUA_CANDIDATES))} "
                f"and {LANDING_REPORTS})")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    ledger: tuple[dict[str, str], ...]
    findings: tuple[dict[str, str], ...]
    findings_written: bool


@cache
def extracted(document: str, out_dir: str) -> Run:
    """`kuntatalous extract <pdf> -o out.csv --findings findings.csv`, once per document per session."""
    pdf = lapua_pdf(document)
    stem = re.sub(r"[^\w.-]+", "_", Path(document).stem)
    out, findings = Path(out_dir) / f"{stem}.csv", Path(out_dir) / f"{stem}.findings.csv"
    result = kuntatalous("extract", str(pdf), "-o", str(out), "--findings", str(findings), env=dict(os.environ),
                         check=False)

    def read(path: Path) -> tuple[dict[str, str], ...]:
        if not path.is_file():
            return ()
        with path.open(encoding="utf-8", newline="") as handle:
            return tuple(csv.DictReader(handle))

    return Run(result.returncode, result.stdout, result.stderr, read(out), read(findings), findings.is_file())


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("lapua_extract"))


def _read_or_fail(document: str, out_dir: str) -> Run:
    run = extracted(document, out_dir)
    if run.returncode not in (0, 1) or not run.ledger:
        pytest.fail(f"kuntatalous extract read nothing from {document} (exit {run.returncode}):\n"
                    f"{run.stderr.strip()[-2000:]}")
    return run


# --- the checks ---------------------------------------------------------------------------------------------------
def _matches(row: dict[str, str], table: Table, cell: Cell, measure: tuple[str, int, int]) -> bool:
    if (row["measure"], int(row["fiscal_year"]), int(row["period_months"])) != measure:
        return False
    if norm(row["line_item"]) != norm(cell.row_label):
        return False
    if norm(row["committee"]) != norm(table.committee):
        return False
    if table.kind == "investments":
        return row["table_kind"] == "investments"
    if row["table_kind"] == "investments":
        return False
    if table.kind == "unit":
        return norm(row["section"]) == norm(table.table)
    return norm(table.table) in (norm(row["section"]), norm(row["committee"])) and \
        row["section_level"] == "committee"


def _printed_again(run: Run, table: Table, cell: Cell, measure: tuple[str, int, int]) -> bool:
    """A number the document printed earlier under another row label lands once, under that label: the ledger holds
    it under the label the `relabelled` finding names, and the finding holds this print exactly."""
    for finding in run.findings:
        if (finding["kind"], norm(finding["line_item"]), finding["printed"], int(finding["page"] or 0)) != (
                "relabelled", norm(cell.row_label), cell.printed, cell.page):
            continue
        first = [r for r in run.ledger if f"under the label {r['line_item']!r}" in finding["message"]
                 and _matches(r, table, Cell(cell.page, r["line_item"], cell.column, cell.printed, cell.value),
                              measure)]
        if any(Decimal(r["amount"]) == cell.value for r in first):
            return True
    return False


def _describe(cell: Cell, measure: tuple[str, int, int]) -> str:
    what, year, months = measure
    return (f"row {cell.row_label!r} column {cell.column!r} on p.{cell.page} (printed {cell.printed!r} = "
            f"{cell.value}; ledger {what} {year} {months} kk)")


@pytest.mark.parametrize("table", TABLES, ids=[t.file.removesuffix(".csv") for t in TABLES])
def test_every_hand_typed_number_is_read_exactly(table, out_dir):
    run = _read_or_fail(table.document, out_dir)
    problems = []
    for cell, measure in cell_measures(table):
        if cell.value is None:
            continue
        found = [r for r in run.ledger if _matches(r, table, cell, measure)]
        if not found and _printed_again(run, table, cell, measure):
            continue
        if not found:
            near = [r for r in run.ledger if norm(r["line_item"]) == norm(cell.row_label)
                    and (r["measure"], int(r["fiscal_year"]), int(r["period_months"])) == measure]
            hint = "; ".join(f"{r['committee']} / {r['section']} ({r['section_level']}, {r['table_kind']}) = "
                             f"{r['amount']}" for r in near[:5])
            problems.append(f"{_describe(cell, measure)}: no ledger row"
                            + (f" — same line and measure under: {hint}" if hint else ""))
        elif not any(Decimal(r["amount"]) == cell.value for r in found):
            problems.append(f"{_describe(cell, measure)}: ledger has "
                            f"{', '.join(r['amount'] for r in found)}")
        elif any(r["municipality"] != MUNICIPALITY for r in found):
            problems.append(f"{_describe(cell, measure)}: municipality "
                            f"{sorted({r['municipality'] for r in found})}, expected {MUNICIPALITY!r}")
    assert not problems, f"{table} — {table.title}:\n  " + "\n  ".join(problems)


def _finding_text(row: dict[str, str]) -> str:
    return " | ".join(v for v in row.values() if v).casefold()


@pytest.mark.parametrize("document", DOCUMENTS, ids=[DOCUMENT_IDS[d] for d in DOCUMENTS])
def test_every_printed_contradiction_is_a_finding(document, out_dir):
    run = _read_or_fail(document, out_dir)
    expected = [f for f in FINDINGS if f["document"] == document]
    if expected:
        assert run.returncode == 1, (f"{document}: {len(expected)} printed contradictions, yet extract exited "
                                     f"{run.returncode} (1 = read with findings)")
    assert run.findings_written, f"{document}: no findings file written with --findings"
    name = Path(document).name.casefold()
    rows = [(_finding_text(r), r) for r in run.findings]
    mine = [(text, r) for text, r in rows if name in text]
    used: set[int] = set()
    missing = []
    for finding in expected:
        label = norm(finding["row_label"])
        candidates = [i for i, (text, _) in enumerate(mine) if label in norm(text) and i not in used]
        # prefer a finding that also names the table (two units of one document can fail on the same line)
        named = [i for i in candidates if norm(finding["table"]) in norm(mine[i][0])]
        pick = (named or candidates or [None])[0]
        if pick is None:
            missing.append(f"p.{finding['page']} {finding['table']} / {finding['row_label']} / "
                           f"{finding['column']}: {finding['what']}")
        else:
            used.add(pick)
    assert not missing, (f"{document}: {len(missing)} of {len(expected)} printed contradictions are not in the "
                         f"findings ({len(mine)} findings name this document):\n  " + "\n  ".join(missing))


# --- the hand-typed files themselves (these hold today: they check the transcription, not the extractor) --------
def _number(printed: str) -> Decimal:
    text = printed.replace(" ", "").replace("%", "").replace(".", "").replace(",", ".")
    return Decimal(text)


@pytest.mark.parametrize("table", TABLES, ids=[t.file.removesuffix(".csv") for t in TABLES])
def test_transcription_is_complete_and_consistent(table):
    heads = _row_heads(table)
    labels = list(dict.fromkeys(c.row_label for c in table.cells))
    assert len(table.cells) == len(heads) * len(labels), f"{table}: every cell of every row, blank ones included"
    for cell, (what, year, months) in cell_measures(table):
        assert cell.value == (_number(cell.printed) if cell.printed else None), f"{table}: {cell}"
        assert cell.page in (table.page, table.page + 1), f"{table}: {cell}"
        if what == "actual" and year == table.fiscal_year:
            assert months == table.period_months, f"{table}: head {cell.column!r} against the title's period"
    assert lapua_pdf(table.document).is_file()


def _identity_failures(table: Table) -> set[str]:
    """Row labels where the printed table contradicts itself: a Toimintakate that is not the sum of its parts, an
    actual whose sign differs from its base (TA or TP), or a percentage that is not |actual / base| × 100 as
    rounded in print (the percentages are printed unsigned)."""
    heads = _row_heads(table)
    grid = {(c.row_label, i % len(heads)): c.value for i, c in enumerate(table.cells)}
    labels = list(dict.fromkeys(c.row_label for c in table.cells))
    by_norm = {norm(label): label for label in labels}
    failures = set()
    for i, head in enumerate(heads):
        if "%" in head:
            continue
        value = {norm(label): grid[(label, i)] for label in labels}
        if {"toimintatuotot", "toimintakulut", "toimintakate"} <= value.keys():
            total = value["toimintatuotot"] + value["toimintakulut"]
        elif {"menot", "tulot", "toimintakate"} <= value.keys():
            total = value["menot"] - value["tulot"] if value["menot"] > 0 else value["menot"] + value["tulot"]
        else:
            continue
        if total != value["toimintakate"]:
            failures.add(by_norm["toimintakate"])
    for label in labels:
        for i, head in enumerate(heads):
            if "%" not in head:
                continue
            actual, base, printed = grid[(label, i - 1)], grid[(label, i - 2)], grid[(label, i)]
            if base == 0:
                continue
            if actual != 0 and (actual > 0) != (base > 0):
                failures.add(label)
            step = Decimal(1).scaleb(printed.as_tuple().exponent)
            if abs(actual / base * 100).quantize(step, ROUND_HALF_UP) != printed:
                failures.add(label)
    return failures


@pytest.mark.parametrize("table", TABLES, ids=[t.file.removesuffix(".csv") for t in TABLES])
def test_every_failed_identity_of_the_transcription_is_an_expected_finding(table):
    listed = {f["row_label"] for f in FINDINGS if f["document"] == table.document and f["table"] == table.table}
    unlisted = sorted(_identity_failures(table) - listed)
    assert not unlisted, f"{table}: printed contradictions on these rows are missing from findings.csv: {unlisted}"
