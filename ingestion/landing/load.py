"""One landing file → its raw table, in one transaction.

Per file: sha256 → unchanged since its live load? log `unchanged` and stop (a new file is hashed in a thread while
DuckDB reads it; the hash lands in the file's log row). Otherwise log the attempt first as `failed / interrupted`
(committed, so even a killed process leaves a trace), then in ONE transaction: drop the rows of the file's previous
version, insert the new rows with their load id, number them, quarantine the rows that break a rule
(raw.rejected_rows), run the GX suites, write their results and the log row, commit. Any error rolls the whole file
back and the log row says why. Rows are stored in raw.<table>_rows; the view raw.<table> adds the log row's
lineage (schema.py)."""

from __future__ import annotations

import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion.landing import quarantine, readers, validate
from ingestion.landing.kinds import MONEY, Kind
from ingestion.landing.quarantine import q
from ingestion.landing.schema import column_types, stored
from ingestion.paths import PROJECT_DIR

Progress = Callable[[float, str], None]  # fraction of the current file read, and what is happening now


@dataclass
class LoadResult:
    source_path: str
    kind: str
    status: str  # loaded · unchanged · replaced · failed
    load_id: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str = ""
    examples: list[str] = field(default_factory=list)  # first rejected rows, "line N column: reason"


@dataclass
class _Batch:
    """What one attempt learned, kept for the log row even when the attempt fails."""

    rows_read: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    decimal_separator: str | None = None
    notes: list[str] = field(default_factory=list)
    gx: list[validate.GxResult] = field(default_factory=list)


class FileFailed(Exception):
    pass


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_load_id() -> str:
    return f"{now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def load_seed_maps(con: duckdb.DuckDBPyConnection, seeds_dir: Path = PROJECT_DIR / "seeds") -> None:
    """The account and cost-centre maps the rules check against (the same CSVs dbt seeds)."""
    for table, file in (("seed_accounts", "gl_account_map.csv"), ("seed_cost_centres", "cost_centre_map.csv")):
        path = q(str(seeds_dir / file))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv({path}, all_varchar = true)")


class Loader:
    def __init__(self, con: duckdb.DuckDBPyConnection, landing: Path, artifacts: Path) -> None:
        self.con = con
        self.landing = landing
        self.artifacts = artifacts
        self._validator: validate.Validator | None = None
        load_seed_maps(con)

    @property
    def validator(self) -> validate.Validator:
        if self._validator is None:
            self._validator = validate.Validator(self.artifacts)
        return self._validator

    def finish(self) -> str | None:
        """Data Docs for this run's validations; returns the index page, if anything was validated."""
        if self._validator is None:
            validate.wait_for_import()  # a half-finished import must not meet interpreter shutdown
            return None
        self._validator.build_docs()
        return self._validator.docs_index()

    # -- one file ---------------------------------------------------------------------------------------------

    def load_file(self, kind: Kind, path: Path, progress: Progress | None = None) -> LoadResult:
        con = self.con
        rel = path.relative_to(self.landing).as_posix()
        load_id = new_load_id()
        started = now()
        live = con.execute(
            "SELECT source_sha256 FROM raw.load_log WHERE source_path = ? AND kind = ? "
            "AND status IN ('loaded', 'replaced') ORDER BY started_at DESC, load_id DESC LIMIT 1",
            [rel, kind.name],
        ).fetchone()
        batch = _Batch()
        digest = None
        try:
            if live:  # only the hash can tell an unchanged file
                digest = readers.Digest(known=readers.sha256_of(path))
                if digest.value() == live[0]:
                    con.execute(
                        "INSERT INTO raw.load_log VALUES (?, ?, ?, ?, ?, ?, 'unchanged', 0, 0, 0, NULL, NULL, ?, NULL)",
                        [load_id, rel, live[0], kind.name, started, now(),
                         "same sha256 as the loaded version; nothing to do"],
                    )
                    return LoadResult(rel, kind.name, "unchanged", load_id)
            else:  # a new file: hash it while the GX import and the sniffing run
                digest = readers.Digest(path)
            facts = readers.file_facts(path)
            batch.encoding = facts.encoding
        except OSError as error:
            facts = None
            unreadable = f"{rel}: cannot read the file ({error.strerror or error})"
        validate.preload()
        con.execute(
            "INSERT INTO raw.load_log VALUES (?, ?, NULL, ?, ?, NULL, 'failed', NULL, NULL, NULL, ?, NULL, ?, NULL)",
            [load_id, rel, kind.name, started, batch.encoding, "interrupted before commit"],
        )
        began = False
        try:
            if facts is None or digest is None:
                raise FileFailed(unreadable)
            con.execute("BEGIN TRANSACTION")
            began = True
            result = self._load(kind, path, rel, facts, load_id, bool(live), batch, progress)
            con.execute(
                "UPDATE raw.load_log SET status = ?, finished_at = ?, rows_read = ?, rows_loaded = ?, "
                "rows_rejected = ?, source_sha256 = ?, encoding = ?, delimiter = ?, decimal_separator = ?, "
                "message = ? WHERE load_id = ?",
                [result.status, now(), result.rows_read, result.rows_loaded, result.rows_rejected, digest.value(),
                 batch.encoding, batch.delimiter, batch.decimal_separator, result.message, load_id],
            )
            self._write_gx(load_id, rel, batch.gx)
            con.execute("COMMIT")
            return result
        except (FileFailed, readers.ReadError, duckdb.Error, OSError) as error:
            if began:
                con.execute("ROLLBACK")
            if isinstance(error, OSError):
                error = FileFailed(f"{rel}: cannot read the file ({error.strerror or error})")
            message = str(error) if isinstance(error, (FileFailed, readers.ReadError)) else f"{rel}: {error}"
            try:
                sha = digest.value() if digest else None
            except OSError:
                sha = None
            con.execute(
                "UPDATE raw.load_log SET finished_at = ?, rows_read = ?, rows_loaded = 0, rows_rejected = ?, "
                "source_sha256 = ?, encoding = ?, delimiter = ?, decimal_separator = ?, message = ? WHERE load_id = ?",
                [now(), batch.rows_read, batch.rows_read, sha, batch.encoding, batch.delimiter,
                 batch.decimal_separator, message, load_id],
            )
            self._write_gx(load_id, rel, batch.gx)
            return LoadResult(rel, kind.name, "failed", load_id, batch.rows_read, 0, batch.rows_read, message)

    def _write_gx(self, load_id: str, rel: str, results: list[validate.GxResult]) -> None:
        if results:
            checked = now()
            self.con.executemany(
                "INSERT INTO raw.gx_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[load_id, rel, r.suite, r.expectation, r.column_name, r.success, r.critical, r.observed, checked]
                 for r in results],
            )

    def _load(self, kind: Kind, path: Path, rel: str, facts: readers.FileFacts, load_id: str,
              replacing: bool, batch: _Batch, progress: Progress | None) -> LoadResult:
        con = self.con
        table = f"raw.{stored(kind.table)}"
        # a report's file feeds several kinds: only this kind's earlier rows go
        con.execute(f"DELETE FROM {table} WHERE _load_id IN (SELECT load_id FROM raw.load_log WHERE source_path = ? "
                    "AND kind = ?)", [rel, kind.name])
        con.execute("DELETE FROM raw.rejected_rows WHERE source_path = ? AND load_id IN "
                    "(SELECT load_id FROM raw.load_log WHERE kind = ?)", [rel, kind.name])
        for temp in ("src", "type_rejects", "pre_rejects", "rule_rejects", "money_text"):
            con.execute(f"DROP TABLE IF EXISTS {temp}")
        con.execute(
            "CREATE TEMP TABLE type_rejects (_frame_row BIGINT, _source_row BIGINT, column_name VARCHAR, "
            "value VARCHAR, reason VARCHAR)"
        )
        con.execute("CREATE TEMP TABLE pre_rejects (rid BIGINT, source_row BIGINT, column_name VARCHAR, "
                    "value VARCHAR, reason VARCHAR)")
        if facts.size == 0:
            raise FileFailed(f"{rel}: the file is empty (0 bytes); expected a header row and data rows")
        suffix = path.suffix.lower()
        present: tuple[str, ...]
        if suffix == ".csv":
            present, ignored = self._insert_csv(kind, path, rel, facts, table, load_id, batch, progress)
        else:
            present, ignored = self._insert_frame(kind, path, rel, suffix, table, load_id, batch)
        if ignored:
            batch.notes.append(f"ignored column(s) not in the contract: {', '.join(ignored)}")
        derived = self._derive(kind, table, load_id, set(present))
        if kind.optional and batch.rows_read == 0:
            # a report without this kind of table: nothing to check, nothing of an earlier version left
            status = "replaced" if replacing else "loaded"
            return LoadResult(rel, kind.name, status, load_id, 0, 0, 0, "; ".join(batch.notes))

        if progress:
            progress(1.0, "checking rows")
        rules = quarantine.row_rules(kind, derived)
        found = self._facts(kind, table, load_id, rel, rules)
        parts = []
        flagged = [r for r in rules if found[r.name]]
        if flagged:
            parts.append(quarantine.rejects_sql(kind, table, load_id, flagged))
        if found["duplicate_keys"]:
            duplicates = f"({quarantine.duplicates_sql(kind, table, load_id)})"
            parts.append(quarantine.duplicate_rejects_sql(kind, table, load_id, duplicates))
        if found["key_clashes"]:
            parts.append(quarantine.clash_rejects_sql(kind, table, load_id))
        listed = " UNION ALL ".join(parts) or "SELECT * FROM pre_rejects WHERE false"
        con.execute(
            "CREATE TEMP TABLE rule_rejects AS SELECT * FROM pre_rejects UNION ALL "
            f"SELECT * FROM ({listed}) AS r "
            "WHERE NOT EXISTS (SELECT 1 FROM pre_rejects p WHERE p.rid = r.rid AND p.column_name = r.column_name)"
        )
        con.execute(
            "INSERT INTO raw.rejected_rows SELECT ?, ?, _source_row, column_name, value, reason FROM type_rejects "
            "UNION ALL SELECT ?, ?, source_row, column_name, value, reason FROM rule_rejects",
            [load_id, rel, load_id, rel],
        )
        refused = con.execute("SELECT count(DISTINCT rid) FROM rule_rejects").fetchone()[0]
        if refused:
            con.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rid FROM rule_rejects)")
            found = self._facts(kind, table, load_id, rel, rules)
        loaded = found["rows_loaded"]
        rejected = con.execute("SELECT count(DISTINCT _frame_row) FROM type_rejects").fetchone()[0] + refused
        examples = self._examples(rel, load_id, suffix, kind)
        if loaded + rejected != batch.rows_read:
            raise FileFailed(
                f"{rel}: counts do not reconcile: read {batch.rows_read}, loaded {loaded}, rejected {rejected}"
            )
        found["rows_unaccounted"] = batch.rows_read - loaded - rejected
        if progress:
            progress(1.0, "Great Expectations")
        batch.gx = self._run_gx(kind, table, load_id, found)
        if loaded == 0:
            why = (f"all {batch.rows_read} rows were rejected, e.g. {'; '.join(examples)}" if batch.rows_read
                   else "the file has a header but no data rows")
            raise FileFailed(f"{rel}: nothing to load: {why}")
        failed = validate.failures(batch.gx)
        if failed:
            raise FileFailed(f"{rel}: critical expectation failed: {validate.describe(failed)}")
        status = "replaced" if replacing else "loaded"
        notes = [*batch.notes]
        if rejected:
            notes.insert(0, f"{rejected} row(s) rejected, e.g. {'; '.join(examples)}")
        return LoadResult(rel, kind.name, status, load_id, batch.rows_read, loaded, rejected, "; ".join(notes), examples)

    # -- inserting ----------------------------------------------------------------------------------------------

    def _insert_csv(self, kind: Kind, path: Path, rel: str, facts: readers.FileFacts, table: str,
                    load_id: str, batch: _Batch,
                    progress: Progress | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        con = self.con
        if facts.encoding == readers.WINDOWS_1252:
            with tempfile.TemporaryDirectory(prefix="kuntatalous-") as scratch:
                copy = readers.utf8_copy(path, Path(scratch), rel)
                return self._insert_csv(kind, copy, rel, readers.FileFacts(copy.stat().st_size, "utf-8"), table,
                                        load_id, batch, progress)
        dialect = readers.sniff_csv(path, facts, kind, rel)
        batch.delimiter, batch.decimal_separator = dialect.delimiter, dialect.decimal_separator
        present = tuple(c for c in dialect.columns if not c.startswith("_ignored_"))
        con.execute("DROP TABLE IF EXISTS csv_rejects_errors")
        con.execute("DROP TABLE IF EXISTS csv_rejects_scans")
        scan = readers.csv_scan_sql(path, facts, dialect, kind, "csv_rejects")
        _with_progress(con, csv_insert_sql(kind, present, table, scan, load_id), progress)
        if facts.encoding == "utf-8" and con.execute(
            "SELECT count(*) FROM csv_rejects_errors WHERE error_type = 'INVALID ENCODING'"
        ).fetchone()[0]:
            # not UTF-8 after all (the head was): start the file over in a single-byte encoding
            con.execute(f"DELETE FROM {table} WHERE _load_id = ?", [load_id])
            batch.encoding = readers.single_byte_encoding(path)
            return self._insert_csv(kind, path, rel, readers.FileFacts(facts.size, batch.encoding), table,
                                    load_id, batch, progress)
        con.execute(number_rows_sql(table), [load_id, load_id])
        inserted = con.execute(f"SELECT count(*) FROM {table} WHERE _load_id = ?", [load_id]).fetchone()[0]
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
            self._renumber_after_gaps(table, load_id, [r[0] for r in lost])
        batch.rows_read = inserted + len(lost)
        money_present = [c for c in kind.money_columns if c in present]
        if money_present:
            self._explain_money(kind, path, facts, dialect, table, load_id, money_present)
        return present, dialect.ignored

    def _renumber_after_gaps(self, table: str, load_id: str, gaps: list[int]) -> None:
        """Shift record numbers past rows the reader refused: the k-th accepted row is record
        k + #{i: gap_i - i < k} (gap_i - i = accepted rows before the i-th refused record)."""
        con = self.con
        self._gap_table("record_gaps", gaps)
        con.execute(
            f"UPDATE {table} AS t SET _source_row = t._source_row + "
            "(SELECT count(*) FROM record_gaps g WHERE g.accepted_before < t._source_row) "
            "WHERE _load_id = ? AND _source_row > (SELECT min(accepted_before) FROM record_gaps)",
            [load_id],
        )

    def _gap_table(self, name: str, gaps: list[int]) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (accepted_before BIGINT)")
        if gaps:
            self.con.executemany(f"INSERT INTO {name} VALUES (?)", [[g - i] for i, g in enumerate(gaps, start=1)])

    def _explain_money(self, kind: Kind, path: Path, facts: readers.FileFacts, dialect: readers.CsvDialect,
                       table: str, load_id: str, money: list[str]) -> None:
        """Rare path: a money cell left NULL may be blank or may have had too many decimals. Read the text again
        (only when such rows exist) to tell which and show the value as written."""
        con = self.con
        nulls = " OR ".join(f"{m} IS NULL" for m in money)
        if not con.execute(f"SELECT count(*) FROM {table} WHERE _load_id = ? AND ({nulls})", [load_id]).fetchone()[0]:
            return
        text_dialect = readers.CsvDialect(
            dialect.delimiter, dialect.decimal_separator, None, dialect.columns, dialect.ignored, dialect.absent
        )
        text_kind = Kind(kind.name, kind.table, tuple(
            type(c)(c.name, "VARCHAR", c.required, c.aliases, c.accepted) for c in kind.columns
        ), kind.key, kind.extensions)
        con.execute("DROP TABLE IF EXISTS text_rejects_errors")
        con.execute("DROP TABLE IF EXISTS text_rejects_scans")
        scan = readers.csv_scan_sql(path, facts, text_dialect, text_kind, "text_rejects")
        con.execute(f"CREATE TEMP TABLE money_text AS SELECT {', '.join(money)} FROM {scan}")
        gaps = [r[0] - 1 for r in con.execute("SELECT DISTINCT line FROM text_rejects_errors ORDER BY 1").fetchall()]
        self._gap_table("text_gaps", gaps)
        # created inside the transaction, so its row ids start at a transaction-local base
        k = "(m.rowid - (SELECT min(rowid) FROM money_text) + 1)"
        numbered = f"SELECT {k} + (SELECT count(*) FROM text_gaps g WHERE g.accepted_before < {k}) AS n, * " \
                   "FROM money_text AS m"
        for m in money:
            con.execute(
                f"INSERT INTO pre_rejects SELECT t.rowid, t._source_row, {q(m)}, x.{m}, "
                f"{q('not ' + quarantine.EXPECTED[MONEY])} FROM {table} AS t JOIN ({numbered}) AS x "
                f"ON x.n = t._source_row WHERE t._load_id = ? AND t.{m} IS NULL AND trim(x.{m}) <> ''",
                [load_id],
            )

    def _insert_frame(self, kind: Kind, path: Path, rel: str, suffix: str, table: str, load_id: str,
                      batch: _Batch) -> tuple[tuple[str, ...], tuple[str, ...]]:
        con = self.con
        if suffix == ".xlsx":
            frame, ignored, notes = readers.read_xlsx(path, kind, rel)
            batch.notes.extend(notes)
            present = tuple(c for c in frame.column_names if c != "_source_row" and not c.startswith("_ignored_"))
            con.register("landing_frame", frame)
            source = "landing_frame"
        elif suffix == ".parquet":
            scan = readers.read_parquet_sql(path)
            try:
                names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
            except duckdb.Error as error:
                raise readers.ReadError(f"{rel}: not a readable Parquet file ({error})") from error
            names = [n for n in names if n != "file_row_number"]
            mapped, ignored, _ = readers.map_header(names, kind, rel)
            present = tuple(m for m in mapped if not m.startswith("_ignored_"))
            casts = ", ".join(f'CAST("{n}" AS VARCHAR) AS {m}' for n, m in zip(names, mapped, strict=True)
                              if not m.startswith("_ignored_"))
            source = f"(SELECT file_row_number + 1 AS _source_row, {casts} FROM {scan})"
        elif suffix in (".txt", ".pdf"):
            frame, notes = readers.read_report(path, rel, kind.table)
            batch.notes.extend(notes)
            present, ignored = tuple(c for c in frame.column_names if c != "_source_row"), ()
            con.register("landing_frame", frame)
            source = "landing_frame"
        else:
            raise readers.ReadError(f"{rel}: unsupported file type {suffix!r} for {kind.name}/")
        con.execute(f"CREATE TEMP TABLE src AS SELECT row_number() OVER () AS _frame_row, * FROM {source}")
        if suffix in (".xlsx", ".txt", ".pdf"):
            con.unregister("landing_frame")
        batch.rows_read = con.execute("SELECT count(*) FROM src").fetchone()[0]
        con.execute(f"INSERT INTO type_rejects {quarantine.type_rejects_sql(kind, list(present), 'src')}")

        def cast(name: str) -> str:
            return quarantine.cast_sql(kind.column(name), name)

        exprs = [cast(c.name) if c.name in present else absent_expr(c.name, present, cast) for c in kind.columns]
        columns = ", ".join(c.name for c in kind.columns)
        con.execute(
            f"INSERT INTO {table} ({columns}, _source_row, _load_id) "
            f"SELECT {', '.join(exprs)}, _source_row, {q(load_id)} FROM src "
            "WHERE _frame_row NOT IN (SELECT _frame_row FROM type_rejects)"
        )
        return present, ignored

    def _derive(self, kind: Kind, table: str, load_id: str, present: set[str]) -> set[str]:
        """Fill columns the file may leave out (kind.derivable); returns the ones derived."""
        con = self.con
        derived = {name for name in kind.derivable if name not in present}
        if "municipality" in derived:
            # only cost centres that belong to exactly one municipality can tell it
            con.execute(
                f"UPDATE {table} AS t SET municipality = m.municipality FROM (SELECT cost_centre, "
                "min(municipality) AS municipality FROM seed_cost_centres GROUP BY cost_centre "
                "HAVING count(DISTINCT municipality) = 1) AS m WHERE t._load_id = ? AND t.cost_centre = m.cost_centre",
                [load_id],
            )
        if "document_line" in derived:
            con.execute(
                f"UPDATE {table} AS t SET document_line = n.line FROM (SELECT rowid AS rid, row_number() OVER "
                f"(PARTITION BY document_id ORDER BY _source_row) AS line FROM {table} WHERE _load_id = ? "
                "AND document_id IS NOT NULL) AS n WHERE t.rowid = n.rid",
                [load_id],
            )
        return derived

    # -- checking -----------------------------------------------------------------------------------------------

    def _facts(self, kind: Kind, table: str, load_id: str, rel: str, rules: list[quarantine.Rule]) -> dict[str, int]:
        """Exact facts about the batch: its row count, each rule's count, duplicate keys, keys other files hold.
        One pass for the rules; the key checks only when they can find something."""
        con = self.con
        plain = [r for r in rules if not r.uses_seeds]
        warnings = validate.warning_facts(kind)
        bitmap = quarantine.line_bitmap_sql(kind, table, load_id)
        cursor = con.execute(quarantine.counts_sql(
            kind, table, load_id, [], {"any_problem": quarantine.any_problem_sql(plain), **warnings},
            repeated_keys=bitmap is None))
        found = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        if bitmap is None:
            repeated = found.pop("repeated_keys")
        else:
            repeated, wide = con.execute(bitmap).fetchone()
            if wide:  # some document has lines past 64: the hash proof decides
                repeated = con.execute(
                    f"SELECT repeated_keys FROM ({quarantine.counts_sql(kind, table, load_id, [], {}, True)})"
                ).fetchone()[0]
        if found.pop("any_problem"):
            cursor = con.execute(quarantine.counts_sql(kind, table, load_id, plain, {}))
            found.update(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        else:
            found.update({r.name: 0 for r in plain})
        if any(r.uses_seeds for r in rules):
            cursor = con.execute(quarantine.seed_counts_sql(table, load_id))
            found.update(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        found["duplicate_keys"] = con.execute(
            f"SELECT count(*) FROM ({quarantine.duplicates_sql(kind, table, load_id)})").fetchone()[0] if repeated else 0
        others = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE _load_id <> ? LIMIT 1)",
                             [load_id]).fetchone()[0]
        if others:
            others = con.execute(quarantine.clashing_hashes_sql(kind, table, load_id)).fetchone()[0]
        found["key_clashes"] = con.execute(
            f"SELECT count(*) FROM ({quarantine.clash_rejects_sql(kind, table, load_id)})"
        ).fetchone()[0] if others else 0
        types = con.execute(
            "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = ?", [stored(kind.table)]
        ).fetchone()[0]
        found["column_types_differ"] = int(types != column_types(kind.table))
        return found

    def _run_gx(self, kind: Kind, table: str, load_id: str, found: dict[str, int]) -> list[validate.GxResult]:
        profile = validate.profile_frame(found, validate.warning_facts(kind))
        sample = self.con.sql(validate.sample_sql(kind, table, load_id, found["rows_loaded"])).df()
        return self.validator.validate(kind, table, profile, sample)

    def _examples(self, rel: str, load_id: str, suffix: str, kind: Kind, limit: int = 3) -> list[str]:
        rows = self.con.execute(
            "SELECT source_row, column_name, value, reason FROM raw.rejected_rows WHERE load_id = ? "
            "ORDER BY source_row, column_name LIMIT ?",
            [load_id, limit],
        ).fetchall()
        return [f"{location(suffix, r[0])} {r[1] or ''} {_shown(r[2])}: {r[3]}".replace("  ", " ") for r in rows]


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


def absent_expr(name: str, present: tuple[str, ...], cast: Callable[[str], str]) -> str:
    if name == "fiscal_year" and "posting_date" in present:
        return f"year({cast('posting_date')})"
    return "NULL"


def location(suffix: str, source_row: int | None) -> str:
    """How a user finds the row: CSV line (header is line 1), sheet row, report text line, Parquet row."""
    if source_row is None:
        return "row ?"
    if suffix == ".csv":
        return f"line {source_row + 1}"
    if suffix == ".xlsx":
        return f"sheet row {source_row + 1}"
    if suffix in (".txt", ".pdf"):
        return f"line {source_row}"
    return f"row {source_row}"


def _shown(value: str | None) -> str:
    if value is None:
        return ""
    return repr(value if len(value) <= 60 else value[:57] + "...")


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
