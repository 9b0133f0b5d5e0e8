"""CSV: the rows stay in DuckDB. We sniff the dialect ourselves (delimiter, decimal separator, date format, header →
contract columns) and hand DuckDB's own parallel `read_csv` the exact column types, with `store_rejects` so a row
that does not parse is recorded, never dropped. A Windows-1252 file is read from a UTF-8 copy."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.landing import quarantine, readers
from ingestion.landing.formats.base import Inserted, LoadContext, Progress, absent_expr
from ingestion.landing.kinds import MONEY, Kind
from ingestion.landing.readers import FileFacts, ReadError
from ingestion.sqltext import q

DELIMITERS = (";", ",", "\t")
FINNISH_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal_separator: str
    date_format: str | None  # None: ISO dates
    columns: tuple[str, ...]  # contract name per file column, "_ignored_N" for columns we do not know
    ignored: tuple[str, ...]  # header names of ignored columns, as written
    absent: tuple[str, ...]  # contract columns not in the file


class Csv:
    suffixes = (".csv",)

    def location(self, source_row: int) -> str:
        return f"line {source_row + 1}"  # the header is line 1

    def insert(self, ctx: LoadContext) -> Inserted:
        con, facts = ctx.con, ctx.facts
        if facts.encoding == readers.WINDOWS_1252:
            with tempfile.TemporaryDirectory(prefix="kuntatalous-") as scratch:
                copy = utf8_copy(ctx.path, Path(scratch), ctx.where)
                return self.insert(dataclasses.replace(ctx, path=copy, facts=FileFacts(copy.stat().st_size, "utf-8")))
        dialect = sniff_csv(ctx.path, facts, ctx.kind, ctx.where)
        ctx.attempt.delimiter, ctx.attempt.decimal_separator = dialect.delimiter, dialect.decimal_separator
        present = tuple(c for c in dialect.columns if not c.startswith("_ignored_"))
        con.execute("DROP TABLE IF EXISTS csv_rejects_errors")
        con.execute("DROP TABLE IF EXISTS csv_rejects_scans")
        scan = csv_scan_sql(ctx.path, facts, dialect, ctx.kind, "csv_rejects")
        _with_progress(con, csv_insert_sql(ctx.kind, present, ctx.table, scan, ctx.load_id), ctx.progress)
        if facts.encoding == "utf-8" and con.execute(
            "SELECT count(*) FROM csv_rejects_errors WHERE error_type = 'INVALID ENCODING'"
        ).fetchone()[0]:
            # not UTF-8 after all (the head was): start the file over in a single-byte encoding
            con.execute(f"DELETE FROM {ctx.table} WHERE _load_id = ?", [ctx.load_id])
            ctx.attempt.encoding = readers.single_byte_encoding(ctx.path)
            return self.insert(dataclasses.replace(ctx, facts=FileFacts(facts.size, ctx.attempt.encoding)))
        con.execute(number_rows_sql(ctx.table), [ctx.load_id, ctx.load_id])
        inserted = con.execute(f"SELECT count(*) FROM {ctx.table} WHERE _load_id = ?", [ctx.load_id]).fetchone()[0]
        # DuckDB reports lines; with one line per record (no line breaks inside quotes) record = line - 1.
        con.execute(
            "INSERT INTO type_rejects SELECT line - 1, line - 1, column_name, "
            "coalesce(NULLIF(regexp_extract(error_message, 'Could not convert string \"(.*)\" to', 1), ''), csv_line), "
            f"{_csv_reason_sql()} FROM csv_rejects_errors WHERE error_type <> 'MISSING COLUMNS'"
        )
        # DuckDB lists a short row once per missing column; one entry per row says it better
        con.execute(
            "INSERT INTO type_rejects SELECT line - 1, line - 1, NULL, any_value(csv_line), "
            "'the row is incomplete: ' || min(CAST(regexp_extract(error_message, 'Found: ([0-9]+)', 1) AS INTEGER)) "
            "|| ' of ' || max(regexp_extract(error_message, 'Columns: ([0-9]+)', 1)) "
            "|| ' fields (file cut short, or another delimiter on this line)' "
            "FROM csv_rejects_errors WHERE error_type = 'MISSING COLUMNS' GROUP BY line"
        )
        lost = con.execute("SELECT DISTINCT _frame_row FROM type_rejects ORDER BY 1").fetchall()
        if lost:
            _renumber_after_gaps(ctx, [r[0] for r in lost])
        ctx.attempt.rows_read = inserted + len(lost)
        money_present = [c for c in ctx.kind.money_columns if c in present]
        if money_present:
            _explain_money(ctx, dialect, money_present)
        return Inserted(present, dialect.ignored)


def utf8_copy(path: Path, directory: Path, where: str) -> Path:
    """A Windows-1252 file as UTF-8, line for line, for DuckDB's reader (offline it reads only UTF-8, UTF-16 and
    Latin-1). A byte Windows-1252 does not define fails the file, naming its line."""
    copy = directory / f"{path.stem}.utf-8{path.suffix}"
    lines_before = 0
    with path.open("rb") as source, copy.open("wb") as target:
        while chunk := source.read(readers.CHUNK):  # one byte, one character: a chunk never splits one
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


def sniff_csv(path: Path, facts: FileFacts, kind: Kind, where: str) -> CsvDialect:
    with path.open("rb") as f:
        head = f.read(readers.SNIFF_BYTES)
    text = head.decode(facts.encoding, errors="replace").removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0].rstrip("\r")
    if not header_line.strip():
        raise ReadError(f"{where}: line 1 is empty; expected a header row with the column names")
    counts = {d: header_line.count(d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ";"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if facts.size > readers.SNIFF_BYTES:
        rows = rows[:-1]  # the sample may end mid-row
    columns, ignored, absent = readers.map_header(rows[0], kind, where)
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
        q(str(path)),
        f"delim = {q(dialect.delimiter)}",
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


def csv_insert_sql(kind: Kind, present: tuple[str, ...], table: str, scan: str, load_id: str) -> str:
    """The typed insert of a CSV's rows, numbered 0 until `number_rows_sql` (bench/ingest.py times it alone)."""
    exprs = []
    for c in kind.columns:
        if c.name in present:
            # money was read with six decimals: a value that needs more than two is refused, not rounded
            exprs.append(f"CASE WHEN {c.name} = round({c.name}, 2) THEN CAST({c.name} AS {MONEY}) END"
                         if c.type == MONEY else c.name)
        else:
            exprs.append(absent_expr(c.name, present, lambda name: name))
    columns = ", ".join(c.name for c in kind.columns)
    return f"INSERT INTO {table} ({columns}, _source_row, _load_id) SELECT {', '.join(exprs)}, 0, {q(load_id)} FROM {scan}"


def number_rows_sql(table: str) -> str:
    """Parameters: the load id twice. DuckDB's CSV reader gives no row numbers, and numbering inside the insert
    (row_number() OVER ()) runs the whole read on one thread; but rows are appended in file order, so their row
    ids in this transaction count records (header excluded)."""
    return (f"UPDATE {table} SET _source_row = rowid - (SELECT min(rowid) FROM {table} WHERE _load_id = ?) + 1 "
            "WHERE _load_id = ?")


def _renumber_after_gaps(ctx: LoadContext, gaps: list[int]) -> None:
    """Shift record numbers past rows the reader refused: the k-th accepted row is record
    k + #{i: gap_i - i < k} (gap_i - i = accepted rows before the i-th refused record)."""
    _gap_table(ctx.con, "record_gaps", gaps)
    ctx.con.execute(
        f"UPDATE {ctx.table} AS t SET _source_row = t._source_row + "
        "(SELECT count(*) FROM record_gaps g WHERE g.accepted_before < t._source_row) "
        "WHERE _load_id = ? AND _source_row > (SELECT min(accepted_before) FROM record_gaps)",
        [ctx.load_id],
    )


def _gap_table(con: duckdb.DuckDBPyConnection, name: str, gaps: list[int]) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (accepted_before BIGINT)")
    if gaps:
        con.executemany(f"INSERT INTO {name} VALUES (?)", [[g - i] for i, g in enumerate(gaps, start=1)])


def _explain_money(ctx: LoadContext, dialect: CsvDialect, money: list[str]) -> None:
    """Rare path: a money cell left NULL may be blank or may have had too many decimals. Read the text again
    (only when such rows exist) to tell which and show the value as written."""
    con, table = ctx.con, ctx.table
    nulls = " OR ".join(f"{m} IS NULL" for m in money)
    if not con.execute(f"SELECT count(*) FROM {table} WHERE _load_id = ? AND ({nulls})", [ctx.load_id]).fetchone()[0]:
        return
    text_dialect = dataclasses.replace(dialect, date_format=None)
    kind = ctx.kind
    text_kind = Kind(kind.name, kind.table, tuple(
        dataclasses.replace(c, type="VARCHAR") for c in kind.columns
    ), kind.key, kind.extensions)
    con.execute("DROP TABLE IF EXISTS text_rejects_errors")
    con.execute("DROP TABLE IF EXISTS text_rejects_scans")
    scan = csv_scan_sql(ctx.path, ctx.facts, text_dialect, text_kind, "text_rejects")
    con.execute(f"CREATE TEMP TABLE money_text AS SELECT {', '.join(money)} FROM {scan}")
    gaps = [r[0] - 1 for r in con.execute("SELECT DISTINCT line FROM text_rejects_errors ORDER BY 1").fetchall()]
    _gap_table(con, "text_gaps", gaps)
    # created inside the transaction, so its row ids start at a transaction-local base
    k = "(m.rowid - (SELECT min(rowid) FROM money_text) + 1)"
    numbered = f"SELECT {k} + (SELECT count(*) FROM text_gaps g WHERE g.accepted_before < {k}) AS n, * " \
               "FROM money_text AS m"
    for m in money:
        con.execute(
            f"INSERT INTO pre_rejects SELECT t.rowid, t._source_row, {q(m)}, x.{m}, "
            f"{q('not ' + quarantine.EXPECTED[MONEY])} FROM {table} AS t JOIN ({numbered}) AS x "
            f"ON x.n = t._source_row WHERE t._load_id = ? AND t.{m} IS NULL AND trim(x.{m}) <> ''",
            [ctx.load_id],
        )


def _csv_reason_sql() -> str:
    return (
        "CASE error_type "
        "WHEN 'CAST' THEN 'not ' || CASE WHEN error_message LIKE '%DATE%' THEN "
        f"{q(quarantine.EXPECTED['DATE'])} WHEN error_message LIKE '%DECIMAL%' THEN {q(quarantine.EXPECTED[MONEY])} "
        f"WHEN error_message LIKE '%INTEGER%' THEN {q(quarantine.EXPECTED['INTEGER'])} ELSE 'the expected type' END "
        "WHEN 'TOO MANY COLUMNS' THEN 'the row has more fields than the header (' || error_message || '): "
        "a delimiter inside an unquoted value?' "
        "ELSE lower(CAST(error_type AS VARCHAR)) || ': ' || error_message END"
    )


def _with_progress(con: duckdb.DuckDBPyConnection, sql: str, progress: Progress | None) -> None:
    """Run a long statement; a watcher thread reports DuckDB's own progress estimate."""
    if progress is None:
        con.execute(sql)
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.2):
            value = con.query_progress()
            if value >= 0:
                progress(min(value, 100.0) / 100.0, "reading")

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        con.execute(sql)
    finally:
        done.set()
        watcher.join()
    progress(1.0, "read")
