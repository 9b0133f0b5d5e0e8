"""Landing files → something DuckDB can insert from.

CSV stays in DuckDB: we sniff the dialect ourselves (encoding, delimiter, decimal separator, date format, header
→ contract columns) and hand DuckDB's own parallel `read_csv` the exact column types, with `store_rejects` so a
row that does not parse is recorded, never dropped. XLSX, Parquet and reports become a table of text columns plus
the row number, cast later in SQL (see quarantine.py), so every rejected value can be shown as it was written."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ingestion.landing.kinds import MONEY, Kind

CHUNK = 1 << 23
SNIFF_BYTES = 1 << 18
DELIMITERS = (";", ",", "\t")
FINNISH_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


class ReadError(Exception):
    """The file as a whole cannot be read; the message names the file and what was expected."""


WINDOWS_1252 = "windows-1252"
# Bytes Windows-1252 uses for € – ” … and Latin-1 leaves to control characters that no text file holds
WINDOWS_ONLY = re.compile(rb"[\x80-\x9f]")


@dataclass(frozen=True)
class FileFacts:
    size: int
    encoding: str  # utf-8, latin-1 or windows-1252


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal_separator: str
    date_format: str | None  # None: ISO dates
    columns: tuple[str, ...]  # contract name per file column, "_ignored_N" for columns we do not know
    ignored: tuple[str, ...]  # header names of ignored columns, as written
    absent: tuple[str, ...]  # contract columns not in the file


def file_facts(path: Path) -> FileFacts:
    """Size, and the encoding as the file's head shows it: valid UTF-8 (a BOM is fine) or else a single-byte one.
    A file that breaks UTF-8 only further on is caught by DuckDB's reader (INVALID ENCODING) and read again."""
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    size = path.stat().st_size
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=size <= SNIFF_BYTES)  # a sample may end inside a multi-byte character
    except UnicodeDecodeError:
        return FileFacts(size, single_byte_encoding(path))
    return FileFacts(size, "utf-8")


def single_byte_encoding(path: Path) -> str:
    """Windows-1252 (what Excel on a Finnish Windows saves as CSV) when the file uses one of its € – ” bytes
    anywhere, else Latin-1 (ä, ö and å are the same bytes in both)."""
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            if WINDOWS_ONLY.search(chunk):
                return WINDOWS_1252
    return "latin-1"


def utf8_copy(path: Path, directory: Path, where: str) -> Path:
    """A Windows-1252 file as UTF-8, line for line, for DuckDB's reader (offline it reads only UTF-8, UTF-16 and
    Latin-1). A byte Windows-1252 does not define fails the file, naming its line."""
    copy = directory / f"{path.stem}.utf-8{path.suffix}"
    lines_before = 0
    with path.open("rb") as source, copy.open("wb") as target:
        while chunk := source.read(CHUNK):  # one byte, one character: a chunk never splits one
            try:
                target.write(chunk.decode("cp1252").encode("utf-8"))
            except UnicodeDecodeError as error:
                line = lines_before + chunk.count(b"\n", 0, error.start) + 1
                raise ReadError(
                    f"{where} line {line}: byte 0x{chunk[error.start]:02x} is not a character in UTF-8 or "
                    "Windows-1252; expected a text file in one of them"
                ) from error
            lines_before += chunk.count(b"\n")
    return copy


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Digest:
    """The file's sha256, computed in a thread: hashing a gigabyte takes seconds of one core, which overlap
    DuckDB's read of the CSV (the rows get the hash after the rule checks). `value()` waits for it."""

    def __init__(self, path: Path | None = None, known: str | None = None) -> None:
        self._value, self._error = known, None
        self._thread = None
        if known is None and path is not None:
            self._thread = threading.Thread(target=self._run, args=(path,), name="sha256")
            self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._value = sha256_of(path)
        except OSError as error:
            self._error = error

    def value(self) -> str:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def map_header(names: list[str], kind: Kind, where: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Header names → contract columns. Returns (column per position, ignored headers, absent contract columns)."""
    spelling = {h.casefold(): c.name for c in kind.columns for h in c.headers()}
    mapped: list[str] = []
    ignored: list[str] = []
    for position, raw in enumerate(names):
        name = spelling.get(raw.strip().casefold().replace(" ", "_"))
        if name is None:
            mapped.append(f"_ignored_{position}")
            ignored.append(raw)
        elif name in mapped:
            raise ReadError(f"{where}: column {name!r} appears twice in the header ({', '.join(names)})")
        else:
            mapped.append(name)
    absent = tuple(c.name for c in kind.columns if c.name not in mapped)
    missing = [c for c in kind.columns if c.required and c.name in absent and c.name not in kind.derivable]
    if missing:
        wanted = "; ".join(f"{c.name} (or {', '.join(c.aliases)})" if c.aliases else c.name for c in missing)
        found = " | ".join(names)
        hint = ""
        if len(names) == 1:
            hint = " — the header is a single column: columns must be separated by ';', ',' or a tab"
        raise ReadError(f"{where}: missing required column(s) {wanted}; the header has: {found}{hint}")
    return tuple(mapped), tuple(ignored), absent


def sniff_csv(path: Path, facts: FileFacts, kind: Kind, where: str) -> CsvDialect:
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    text = head.decode(facts.encoding, errors="replace").removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0].rstrip("\r")
    if not header_line.strip():
        raise ReadError(f"{where}: line 1 is empty; expected a header row with the column names")
    counts = {d: header_line.count(d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ";"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if facts.size > SNIFF_BYTES:
        rows = rows[:-1]  # the sample may end mid-row
    columns, ignored, absent = map_header(rows[0], kind, where)
    sample = rows[1:2001]

    def values(names: set[str]) -> list[str]:
        return [r[i].strip() for r in sample for i, c in enumerate(columns) if c in names and i < len(r)]

    money = values(set(kind.money_columns))
    decimal_separator = "," if any(DECIMAL_COMMA.fullmatch(v) for v in money) else "."
    dates = [v for v in values({c.name for c in kind.columns if c.type == "DATE"}) if v]
    date_format = "%d.%m.%Y" if dates and all(FINNISH_DATE.fullmatch(v) for v in dates) else None
    return CsvDialect(delimiter, decimal_separator, date_format, columns, ignored, absent)


def csv_read_type(sql_type: str) -> str:
    # Money is read with spare decimals so that a value with more than two can be refused instead of rounded.
    return "DECIMAL(18,6)" if sql_type == MONEY else sql_type


def csv_scan_sql(path: Path, facts: FileFacts, dialect: CsvDialect, kind: Kind, rejects: str) -> str:
    """`read_csv(...)` with every column typed; rows that do not parse land in temp tables `<rejects>_errors`."""
    types = {c.name: c.type for c in kind.columns}
    columns = ", ".join(
        f"'{name}': '{csv_read_type(types[name]) if name in types else 'VARCHAR'}'" for name in dialect.columns
    )
    options = [
        f"'{_sql_text(str(path))}'",
        f"delim = '{_sql_text(dialect.delimiter)}'",
        "header = true",
        "quote = '\"'",
        "escape = '\"'",
        f"columns = {{{columns}}}",
        f"encoding = '{facts.encoding}'",
        f"decimal_separator = '{dialect.decimal_separator}'",
        "store_rejects = true",
        f"rejects_table = '{rejects}_errors'",
        f"rejects_scan = '{rejects}_scans'",
        "auto_detect = false",
        "max_line_size = 1048576",
    ]
    if dialect.date_format:
        options.append(f"dateformat = '{dialect.date_format}'")
    return f"read_csv({', '.join(options)})"


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


def frame_from_rows(columns: list[str], rows: list[list[str | None]], row_numbers: list[int]) -> pa.Table:
    data = {name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(columns)}
    data["_source_row"] = pa.array(row_numbers, pa.int32())
    return pa.table(data)


def read_xlsx(path: Path, kind: Kind, where: str) -> tuple[pa.Table, tuple[str, ...], list[str]]:
    """The one sheet holding the kind's columns, as text. Other sheets are named in the notes, never guessed at."""
    import fastexcel

    try:
        workbook = fastexcel.read_excel(str(path))
    except Exception as error:  # fastexcel raises its own error types for broken zip/xml
        raise ReadError(f"{where}: not a readable XLSX workbook ({error})") from error
    matching = []
    notes = []
    for name in workbook.sheet_names:
        sheet = workbook.load_sheet(name, dtypes="string", header_row=None).to_polars()
        if sheet.height == 0:
            notes.append(f"sheet {name!r} is empty")
            continue
        header = ["" if v is None else str(v) for v in sheet.row(0)]
        try:
            mapped = map_header(header, kind, f"{where} sheet {name!r}")
        except ReadError as error:
            notes.append(f"sheet {name!r} ignored: {error}")
            continue
        matching.append((name, sheet, mapped))
    if len(matching) != 1:
        found = ", ".join(repr(m[0]) for m in matching) or "none"
        detail = "; ".join(notes)
        raise ReadError(
            f"{where}: expected exactly one sheet with the {kind.name} columns, found {found}"
            + (f" ({detail})" if detail else "")
        )
    name, sheet, (columns, ignored, _absent) = matching[0]
    rows, numbers = [], []
    for index, row in enumerate(sheet.iter_rows()):
        if index == 0 or all(v is None or str(v).strip() == "" for v in row):
            continue  # header; wholly blank rows carry nothing (like blank lines in a CSV)
        rows.append(list(row))
        numbers.append(index)  # data row n sits on sheet row n + 1
    if len(workbook.sheet_names) > 1:
        notes.insert(0, f"read sheet {name!r}")
    return frame_from_rows(list(columns), rows, numbers), ignored, notes


def read_parquet_sql(path: Path) -> str:
    return f"read_parquet('{_sql_text(str(path))}', file_row_number = true)"


def read_report(path: Path, where: str, table: str = "ledger") -> tuple[pa.Table, list[str]]:
    """A published report, extracted on the fly, as the rows of one raw table, `_source_row` = the text line (a
    PDF goal card: its page); and the extractor's notes and findings."""
    from ingestion.extract import ExtractError, extract
    from ingestion.extract.report_parts import report_part

    try:
        if table != "ledger":
            columns, rows, lines, findings = report_part(path, table)
            return frame_from_rows(columns, rows, lines), findings
        extraction = extract(path)
    except ExtractError as error:
        line = f" line {error.line}" if error.line else ""
        raise ReadError(f"{where}{line}: {error.message}") from error
    if not extraction.rows:
        raise ReadError(f"{where}: the extractor found no budget tables in the report")
    from ingestion.ledger import LEDGER_COLUMNS

    rows = extraction.rows
    data = [[None if getattr(r, c) is None else str(getattr(r, c)) for c in LEDGER_COLUMNS] for r in rows]
    return frame_from_rows(list(LEDGER_COLUMNS), data, [r.source_line for r in rows]), []
