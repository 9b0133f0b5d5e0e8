{#-
    GENERATED from ingestion/landing/kinds.py by `python -m ingestion.landing.schema`: do not edit.
    The `memory` target (path ':memory:') starts with no raw schema: give it the raw tables `kuntatalous
    ingest` creates, empty, so every model, contract and unit test can be checked without a build file.
    On a real build file ingest owns these tables and this does nothing.
-#}
{% macro create_empty_raw_tables_in_memory() %}
    {% if target.path == ':memory:' %}
        CREATE SCHEMA IF NOT EXISTS raw;
        CREATE TABLE IF NOT EXISTS raw.load_log (load_id VARCHAR PRIMARY KEY, source_path VARCHAR NOT NULL,
            source_sha256 VARCHAR, kind VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
            status VARCHAR NOT NULL, rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER,
            encoding VARCHAR, delimiter VARCHAR, message VARCHAR, decimal_separator VARCHAR);
        CREATE TABLE IF NOT EXISTS raw.rejected_rows (load_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL,
            source_row INTEGER, column_name VARCHAR, value VARCHAR, reason VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS raw.extract_findings (load_id VARCHAR NOT NULL,
            source_path VARCHAR NOT NULL, source_row INTEGER, page INTEGER, committee VARCHAR, section VARCHAR,
            table_outcome VARCHAR NOT NULL, kind VARCHAR NOT NULL, line_item VARCHAR, column_name VARCHAR,
            printed VARCHAR, computed VARCHAR, difference VARCHAR, message VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS raw.gx_results (load_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL,
            suite VARCHAR NOT NULL, expectation VARCHAR NOT NULL, column_name VARCHAR,
            success BOOLEAN NOT NULL, critical BOOLEAN NOT NULL, observed VARCHAR,
            checked_at TIMESTAMP NOT NULL);
        CREATE TABLE IF NOT EXISTS raw.ledger_rows (source_file VARCHAR, source_line INTEGER,
            municipality VARCHAR, committee VARCHAR, section VARCHAR, section_level VARCHAR,
            table_kind VARCHAR, line_item VARCHAR, line_order INTEGER, measure VARCHAR, fiscal_year INTEGER,
            period_months INTEGER, amount DECIMAL(18,2), unit VARCHAR, precision DECIMAL(18,2),
            printed_text VARCHAR, _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.ledger AS SELECT r.source_file, r.source_line, r.municipality, r.committee, r.section,
            r.section_level, r.table_kind, r.line_item, r.line_order, r.measure, r.fiscal_year,
            r.period_months, r.amount, r.unit, r.precision, r.printed_text, l.source_path AS _source_path,
            l.source_sha256 AS _source_sha256, r._source_row, r._load_id,
            l.finished_at AS _loaded_at FROM raw.ledger_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
        CREATE TABLE IF NOT EXISTS raw.goals_rows (goal_id VARCHAR, fiscal_year INTEGER, municipality VARCHAR,
            committee VARCHAR, level VARCHAR, strategic_theme VARCHAR, goal VARCHAR, measures VARCHAR,
            target VARCHAR, reported_at DATE, realization VARCHAR, responsible VARCHAR, status VARCHAR,
            _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.goals AS SELECT r.goal_id, r.fiscal_year, r.municipality, r.committee, r.level,
            r.strategic_theme, r.goal, r.measures, r.target, r.reported_at, r.realization, r.responsible,
            r.status, l.source_path AS _source_path, l.source_sha256 AS _source_sha256, r._source_row,
            r._load_id,
            l.finished_at AS _loaded_at FROM raw.goals_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
        CREATE TABLE IF NOT EXISTS raw.kpis_rows (municipality VARCHAR, committee VARCHAR, reported_at DATE,
            indicator VARCHAR, column_label VARCHAR, value_kind VARCHAR, year INTEGER, value DECIMAL(18,4),
            unit VARCHAR, qualifier VARCHAR, printed_text VARCHAR, source_line INTEGER,
            _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.kpis AS SELECT r.municipality, r.committee, r.reported_at, r.indicator, r.column_label,
            r.value_kind, r.year, r.value, r.unit, r.qualifier, r.printed_text, r.source_line,
            l.source_path AS _source_path, l.source_sha256 AS _source_sha256, r._source_row, r._load_id,
            l.finished_at AS _loaded_at FROM raw.kpis_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
        CREATE TABLE IF NOT EXISTS raw.risks_rows (municipality VARCHAR, committee VARCHAR, reported_at DATE,
            risk VARCHAR, probability INTEGER, significance INTEGER, risk_value INTEGER,
            risk_value_printed BOOLEAN, mitigation VARCHAR, responsible VARCHAR, source_line INTEGER,
            _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.risks AS SELECT r.municipality, r.committee, r.reported_at, r.risk, r.probability,
            r.significance, r.risk_value, r.risk_value_printed, r.mitigation, r.responsible, r.source_line,
            l.source_path AS _source_path, l.source_sha256 AS _source_sha256, r._source_row, r._load_id,
            l.finished_at AS _loaded_at FROM raw.risks_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
        CREATE TABLE IF NOT EXISTS raw.gl_postings_rows (municipality VARCHAR, posting_date DATE,
            fiscal_year INTEGER, cost_centre VARCHAR, account VARCHAR, amount_eur DECIMAL(18,2),
            document_id VARCHAR, document_line INTEGER, description VARCHAR, project VARCHAR,
            _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.gl_postings AS SELECT r.municipality, r.posting_date, r.fiscal_year, r.cost_centre,
            r.account, r.amount_eur, r.document_id, r.document_line, r.description, r.project,
            l.source_path AS _source_path, l.source_sha256 AS _source_sha256, r._source_row, r._load_id,
            l.finished_at AS _loaded_at FROM raw.gl_postings_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
        CREATE TABLE IF NOT EXISTS raw.budget_lines_rows (municipality VARCHAR, fiscal_year INTEGER,
            cost_centre VARCHAR, account VARCHAR, original_budget_eur DECIMAL(18,2),
            budget_change_eur DECIMAL(18,2), _source_row INTEGER NOT NULL, _load_id VARCHAR NOT NULL);
        CREATE VIEW raw.budget_lines AS SELECT r.municipality, r.fiscal_year, r.cost_centre, r.account,
            r.original_budget_eur, r.budget_change_eur, l.source_path AS _source_path,
            l.source_sha256 AS _source_sha256, r._source_row, r._load_id,
            l.finished_at AS _loaded_at FROM raw.budget_lines_rows AS r JOIN raw.load_log AS l ON l.load_id = r._load_id;
    {% endif %}
{% endmacro %}
