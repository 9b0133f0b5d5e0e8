"""Helpers for the ingest tests: a landing folder and a build file in tmp_path, loaded in-process."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.landing.ingest import ingest
from ingestion.landing.kinds import KINDS
from ingestion.landing.load import LoadResult
from tests.support import PROJECT_DIR, SEED_REPORT  # noqa: F401 (re-exported for the ingest tests)

DATA_TABLES = ("ledger", "gl_postings", "budget_lines", "goals", "rejected_rows")

GL_HEADER = "kunta;kirjauspäivä;kustannuspaikka;tili;summa;tosite;rivi;selite;projekti"
GL_ROWS = [
    "Heinola;3.1.2022;5300;4000;-2500,00;T1;1;Palkat tammikuu;",
    "Heinola;3.1.2022;5300;4100;-412,50;T1;2;Eläkekulut tammikuu;",
    "Heinola;14.2.2022;5510;3000;1234,56;T2;1;Karttatuotteet;P-1",
    "Heinola;28.6.2022;5110;3300;10000;T3;1;Valtionavustus työpaja;",
]


@dataclass
class Landing:
    root: Path
    db: Path
    artifacts: Path

    def write(self, rel: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode(encoding)
        path.write_bytes(content)
        return path

    def env(self) -> dict[str, str]:
        """Environment that points the real CLI at this landing folder and build file."""
        return {**os.environ, "KUNTATALOUS_LANDING": str(self.root), "KUNTATALOUS_BUILD_DB": str(self.db),
                "KUNTATALOUS_ARTIFACTS": str(self.artifacts)}

    def ingest(self) -> dict[str, LoadResult]:
        """Each file's result by its landing path; a report's goals, KPIs and risks as "path#report_goals"…"""
        shared = {kind.name for kind in KINDS if kind.folder}
        return {f"{r.source_path}#{r.kind}" if r.kind in shared else r.source_path: r
                for r in ingest(self.root, self.db, self.artifacts, console=None)}

    def load(self, rel: str, content: str | bytes, encoding: str = "utf-8") -> LoadResult:
        """Write one landing file, ingest, and check that its counts reconcile; the file's result."""
        self.write(rel, content, encoding)
        result = self.ingest()[rel]
        assert_reconciles(self, result)
        return result

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def snapshot(self) -> dict[str, list[tuple]]:
        """Every data table's full contents, in a stable order: equal snapshots mean nothing changed."""
        return {t: self.query(f"SELECT * FROM raw.{t} ORDER BY ALL") for t in DATA_TABLES}

    def rejected(self, rel: str) -> list[tuple]:
        return self.query(
            "SELECT source_row, column_name, value, reason FROM raw.rejected_rows WHERE source_path = ? "
            "ORDER BY source_row, column_name",
            [rel],
        )

    def log(self, rel: str) -> list[tuple]:
        return self.query(
            "SELECT status, rows_read, rows_loaded, rows_rejected, encoding, delimiter, decimal_separator, message "
            "FROM raw.load_log WHERE source_path = ? ORDER BY started_at, load_id",
            [rel],
        )


def gl_csv(rows: list[str], header: str = GL_HEADER, newline: str = "\n", end: bool = True) -> str:
    return newline.join([header, *rows]) + (newline if end else "")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_reconciles(landing: Landing, result: LoadResult) -> None:
    """rows read = loaded + rejected, in the result, the log and the tables themselves."""
    assert result.rows_read == result.rows_loaded + result.rows_rejected
    if result.status == "failed":
        return
    table = next(kind.table for kind in KINDS if kind.name == result.kind)
    loaded = landing.query(f"SELECT count(*) FROM raw.{table} WHERE _load_id = ?", [result.load_id])[0][0]
    rejected = landing.query(
        "SELECT count(DISTINCT source_row) FROM raw.rejected_rows WHERE load_id = ?", [result.load_id]
    )[0][0]
    assert (loaded, rejected) == (result.rows_loaded, result.rows_rejected)
    logged = landing.query(
        "SELECT rows_read, rows_loaded, rows_rejected FROM raw.load_log WHERE load_id = ?", [result.load_id]
    )
    assert logged == [(result.rows_read, loaded, rejected)]
