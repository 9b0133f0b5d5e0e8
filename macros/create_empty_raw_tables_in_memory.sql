{#-
    The `memory` target (path ':memory:') starts with no raw schema. Give it empty raw tables with the columns of
    docs/architecture.md so every model, contract and unit test can be checked without a build file.
    On a real build file `kuntatalous ingest` owns these tables and this does nothing.
-#}
{% macro create_empty_raw_tables_in_memory() %}
    {% if target.path == ':memory:' %}
        {% set lineage %}
            _source_path varchar, _source_sha256 varchar, _source_row integer, _load_id varchar,
            _loaded_at timestamp
        {% endset %}
        create schema if not exists raw;
        create table if not exists raw.ledger (
            source_file varchar, source_line integer, municipality varchar, committee varchar, section varchar,
            section_level varchar, table_kind varchar, line_item varchar, line_order integer, measure varchar,
            fiscal_year integer, period_months integer, amount decimal(18, 2), unit varchar,
            precision decimal(18, 2), printed_text varchar, {{ lineage }}
        );
        create table if not exists raw.gl_postings (
            municipality varchar, posting_date date, fiscal_year integer, cost_centre varchar, account varchar,
            amount_eur decimal(18, 2), document_id varchar, document_line integer, description varchar,
            project varchar, {{ lineage }}
        );
        create table if not exists raw.budget_lines (
            municipality varchar, fiscal_year integer, cost_centre varchar, account varchar,
            original_budget_eur decimal(18, 2), budget_change_eur decimal(18, 2), {{ lineage }}
        );
        create table if not exists raw.goals (
            goal_id varchar, fiscal_year integer, municipality varchar, committee varchar, level varchar,
            strategic_theme varchar, goal varchar, measures varchar, target varchar, reported_at date,
            realization varchar, responsible varchar, status varchar, {{ lineage }}
        );
        create table if not exists raw.kpis (
            municipality varchar, committee varchar, reported_at date, indicator varchar, column_label varchar,
            value_kind varchar, year integer, value decimal(18, 4), unit varchar, qualifier varchar,
            printed_text varchar, source_line integer, {{ lineage }}
        );
        create table if not exists raw.risks (
            municipality varchar, committee varchar, reported_at date, risk varchar, probability integer,
            significance integer, risk_value integer, risk_value_printed boolean, mitigation varchar,
            responsible varchar, source_line integer, {{ lineage }}
        );
        create table if not exists raw.load_log (
            load_id varchar, source_path varchar, source_sha256 varchar, kind varchar, started_at timestamp,
            finished_at timestamp, status varchar, rows_read integer, rows_loaded integer, rows_rejected integer,
            encoding varchar, delimiter varchar, message varchar
        );
        create table if not exists raw.rejected_rows (
            load_id varchar, source_path varchar, source_row integer, column_name varchar, value varchar,
            reason varchar
        );
        create table if not exists raw.gx_results (
            load_id varchar, source_path varchar, suite varchar, expectation varchar, column_name varchar,
            success boolean, critical boolean, observed varchar, checked_at timestamp
        );
    {% endif %}
{% endmacro %}
