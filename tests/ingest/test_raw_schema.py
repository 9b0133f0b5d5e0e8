"""The raw layout: rows stored once per file's constants (raw.<table>_rows + raw.load_log), read through the view
raw.<table> with the whole lineage; a build file from before the view keeps every row and its lineage."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb
from ingest_support import GL_ROWS, Landing, gl_csv, sha256

from ingestion.landing.schema import ensure_raw_schema


def test_the_view_joins_each_row_to_its_files_log_row(tmp_path):
    landing = Landing(tmp_path / "landing", tmp_path / "b.duckdb", tmp_path / "artifacts")
    first = landing.write("gl/a.csv", gl_csv(GL_ROWS[:2]))
    second = landing.write("gl/b.csv", gl_csv(GL_ROWS[2:]))
    results = landing.ingest()
    rows = landing.query(
        "SELECT document_id, document_line, _source_path, _source_sha256, _source_row, _load_id, _loaded_at "
        "FROM raw.gl_postings ORDER BY _source_path, _source_row"
    )
    logged = dict(landing.query("SELECT load_id, finished_at FROM raw.load_log"))
    a, b = results["gl/a.csv"].load_id, results["gl/b.csv"].load_id
    assert rows == [
        ("T1", 1, "gl/a.csv", sha256(first), 1, a, logged[a]),
        ("T1", 2, "gl/a.csv", sha256(first), 2, a, logged[a]),
        ("T2", 1, "gl/b.csv", sha256(second), 1, b, logged[b]),
        ("T3", 1, "gl/b.csv", sha256(second), 2, b, logged[b]),
    ]
    stored = landing.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw' "
        "AND table_name = 'gl_postings_rows' AND column_name LIKE '\\_%' ESCAPE '\\' ORDER BY ordinal_position"
    )
    assert stored == [("_source_row",), ("_load_id",)]


def test_a_build_file_from_before_the_view_keeps_its_rows_and_lineage(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE SCHEMA raw")
    con.execute(
        "CREATE TABLE raw.load_log (load_id VARCHAR PRIMARY KEY, source_path VARCHAR NOT NULL, source_sha256 VARCHAR, "
        "kind VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL, "
        "rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, encoding VARCHAR, delimiter VARCHAR, "
        "message VARCHAR, decimal_separator VARCHAR)"
    )
    con.execute(
        "INSERT INTO raw.load_log VALUES ('L1', 'gl/old.csv', 'abc123', 'gl', TIMESTAMP '2026-01-02 10:00:00', "
        "TIMESTAMP '2026-01-02 10:00:05', 'loaded', 2, 2, 0, 'utf-8', ';', NULL, ',')"
    )
    con.execute(
        "CREATE TABLE raw.gl_postings (municipality VARCHAR, posting_date DATE, fiscal_year INTEGER, "
        "cost_centre VARCHAR, account VARCHAR, amount_eur DECIMAL(18,2), document_id VARCHAR, document_line INTEGER, "
        "description VARCHAR, project VARCHAR, _source_path VARCHAR NOT NULL, _source_sha256 VARCHAR NOT NULL, "
        "_source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL, _loaded_at TIMESTAMP NOT NULL)"
    )
    con.execute(
        "INSERT INTO raw.gl_postings VALUES "
        "('Heinola', DATE '2022-01-03', 2022, '5300', '4000', -2500.00, 'T1', 1, 'Palkat', NULL, 'gl/old.csv', "
        "'abc123', 1, 'L1', TIMESTAMP '2026-01-02 10:00:01'), "
        "('Heinola', DATE '2022-01-03', 2022, '5300', '4100', -412.50, 'T1', 2, 'Eläkekulut', NULL, 'gl/old.csv', "
        "'abc123', 2, 'L1', TIMESTAMP '2026-01-02 10:00:01')"
    )
    ensure_raw_schema(con)
    ensure_raw_schema(con)  # a second run finds the new layout and leaves it be
    assert con.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'gl_postings'"
    ).fetchone() == ("VIEW",)
    assert con.execute(
        "SELECT account, amount_eur, _source_path, _source_sha256, _source_row, _load_id, _loaded_at "
        "FROM raw.gl_postings ORDER BY _source_row"
    ).fetchall() == [
        ("4000", Decimal("-2500.00"), "gl/old.csv", "abc123", 1, "L1", datetime(2026, 1, 2, 10, 0, 5)),
        ("4100", Decimal("-412.50"), "gl/old.csv", "abc123", 2, "L1", datetime(2026, 1, 2, 10, 0, 5)),
    ]
    assert con.execute("SELECT posting_date FROM raw.gl_postings_rows LIMIT 1").fetchone() == (date(2022, 1, 3),)
    con.close()
