"""One landing file → its raw table, in one transaction.

Per file: sha256 → unchanged since its live load? log `unchanged` and stop (a new file is hashed in a thread while
DuckDB reads it; the hash lands in the file's log row). Otherwise log the attempt first as `failed / interrupted`
(committed, so even a killed process leaves a trace), then in ONE transaction: drop the rows of the file's previous
version, insert the new rows with their load id, number them, quarantine the rows that break a rule
(raw.rejected_rows), run the GX suites, write their results and the log row, commit. Any error rolls the whole file
back and the log row says why. Rows are stored in raw.<table>_rows; the view raw.<table> adds the log row's
lineage (schema.py). How the rows get in depends on the file's format (formats/); everything else is the same for
every format and happens here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion.landing import formats, quarantine, readers, validate
from ingestion.landing.formats import Attempt, Format, LoadContext, Progress
from ingestion.landing.kinds import Kind
from ingestion.landing.schema import column_types, stored
from ingestion.paths import ACCOUNT_MAP, COST_CENTRE_MAP
from ingestion.sqltext import q


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


class FileFailed(Exception):
    pass


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_load_id() -> str:
    return f"{now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def load_seed_maps(con: duckdb.DuckDBPyConnection) -> None:
    """The account and cost-centre maps the rules check against (the same CSVs dbt seeds)."""
    for table, file in (("seed_accounts", ACCOUNT_MAP), ("seed_cost_centres", COST_CENTRE_MAP)):
        path = q(str(file))
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
        batch = Attempt()
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
            ctx = LoadContext(con, kind, path, rel, facts, f"raw.{stored(kind.table)}", load_id, batch, progress)
            result = self._load(ctx, replacing=bool(live))
            con.execute(
                "UPDATE raw.load_log SET status = ?, finished_at = ?, rows_read = ?, rows_loaded = ?, "
                "rows_rejected = ?, source_sha256 = ?, encoding = ?, delimiter = ?, decimal_separator = ?, "
                "message = ? WHERE load_id = ?",
                [result.status, now(), result.rows_read, result.rows_loaded, result.rows_rejected, digest.value(),
                 batch.encoding, batch.delimiter, batch.decimal_separator, result.message, load_id],
            )
            self._write_gx(load_id, rel, batch.gx)
            if kind.folder is None:  # a report's goals, KPIs and risks share its file: the findings are its own
                self._write_findings(load_id, rel, batch.findings)
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

    def _write_findings(self, load_id: str, rel: str, findings: list) -> None:
        """A report's findings (identities its printed numbers break, tables that cannot be read), in the load's
        transaction: they come and go with its numbers."""
        self.con.execute("DELETE FROM raw.extract_findings WHERE source_path = ?", [rel])
        if findings:
            self.con.executemany(
                "INSERT INTO raw.extract_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[load_id, rel, f.source_line, f.page, f.committee, f.section, f.table_outcome, f.kind, f.line_item,
                  f.column, f.printed, f.computed, f.difference, f.message] for f in findings],
            )

    def _write_gx(self, load_id: str, rel: str, results: list[validate.GxResult]) -> None:
        if results:
            checked = now()
            self.con.executemany(
                "INSERT INTO raw.gx_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[load_id, rel, r.suite, r.expectation, r.column_name, r.success, r.critical, r.observed, checked]
                 for r in results],
            )

    def _load(self, ctx: LoadContext, replacing: bool) -> LoadResult:
        con, kind, table, load_id, rel, batch = ctx.con, ctx.kind, ctx.table, ctx.load_id, ctx.where, ctx.attempt
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
        if ctx.facts.size == 0:
            raise FileFailed(f"{rel}: the file is empty (0 bytes); expected a header row and data rows")
        fmt = formats.for_path(ctx.path, rel)
        inserted = fmt.insert(ctx)
        if inserted.ignored:
            batch.notes.append(f"ignored column(s) not in the contract: {', '.join(inserted.ignored)}")
        derived = self._derive(ctx, set(inserted.present))
        if kind.optional and batch.rows_read == 0:
            # a report without this kind of table: nothing to check, nothing of an earlier version left
            status = "replaced" if replacing else "loaded"
            return LoadResult(rel, kind.name, status, load_id, 0, 0, 0, "; ".join(batch.notes))

        if ctx.progress:
            ctx.progress(1.0, "checking rows")
        rules = quarantine.row_rules(kind, derived)
        found = self._facts(ctx, rules)
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
            found = self._facts(ctx, rules)
        loaded = found["rows_loaded"]
        rejected = con.execute("SELECT count(DISTINCT _frame_row) FROM type_rejects").fetchone()[0] + refused
        examples = self._examples(ctx, fmt)
        if loaded + rejected != batch.rows_read:
            raise FileFailed(
                f"{rel}: counts do not reconcile: read {batch.rows_read}, loaded {loaded}, rejected {rejected}"
            )
        found["rows_unaccounted"] = batch.rows_read - loaded - rejected
        if batch.nothing_to_extract is not None and batch.rows_read == 0:
            # minutes without a (readable) budget table: loaded as such, with their findings, not a failure
            status = "replaced" if replacing else "loaded"
            return LoadResult(rel, kind.name, status, load_id, 0, 0, 0, batch.nothing_to_extract, [])
        if ctx.progress:
            ctx.progress(1.0, "Great Expectations")
        batch.gx = self._run_gx(ctx, found)
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

    def _derive(self, ctx: LoadContext, present: set[str]) -> set[str]:
        """Fill columns the file may leave out (kind.derivable); returns the ones derived."""
        con, kind, table, load_id = ctx.con, ctx.kind, ctx.table, ctx.load_id
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

    def _facts(self, ctx: LoadContext, rules: list[quarantine.Rule]) -> dict[str, int]:
        """Exact facts about the batch: its row count, each rule's count, duplicate keys, keys other files hold.
        One pass for the rules; the key checks only when they can find something."""
        con, kind, table, load_id = ctx.con, ctx.kind, ctx.table, ctx.load_id
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

    def _run_gx(self, ctx: LoadContext, found: dict[str, int]) -> list[validate.GxResult]:
        profile = validate.profile_frame(found, validate.warning_facts(ctx.kind))
        sample = self.con.sql(validate.sample_sql(ctx.kind, ctx.table, ctx.load_id, found["rows_loaded"])).df()
        return self.validator.validate(ctx.kind, ctx.table, profile, sample)

    def _examples(self, ctx: LoadContext, fmt: Format, limit: int = 3) -> list[str]:
        """The first rejected rows, as a user finds them in the file."""
        rows = self.con.execute(
            "SELECT source_row, column_name, value, reason FROM raw.rejected_rows WHERE load_id = ? "
            "ORDER BY source_row, column_name LIMIT ?",
            [ctx.load_id, limit],
        ).fetchall()
        return [
            f"{'row ?' if r[0] is None else fmt.location(r[0])} {r[1] or ''} {_shown(r[2])}: {r[3]}".replace("  ", " ")
            for r in rows
        ]


def _shown(value: str | None) -> str:
    if value is None:
        return ""
    return repr(value if len(value) <= 60 else value[:57] + "...")
