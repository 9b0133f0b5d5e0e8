"""Row-level rules, as SQL over DuckDB: which rows of a batch go to raw.rejected_rows, and why.

Two phases. Text → type (only for XLSX/Parquet/report frames; CSV is typed by DuckDB's reader): `cast_sql` and
`type_rejects_sql`. Then rules on the typed rows of the batch (`rule_sql`): required values, vocabularies,
ranges, fiscal year against the posting date, accounts and cost centres known to the seeds, unique keys within
the file and against rows other files already loaded. Each rule yields (rid, source_row, column, value, reason)."""

from __future__ import annotations

from ingestion.kinds import MONEY, Column, Kind

SEEDS_ACCOUNTS = "seeds/gl_account_map.csv"
SEEDS_COST_CENTRES = "seeds/cost_centre_map.csv"
EXPECTED = {
    MONEY: "a euro amount with at most two decimals, like -1234.56 or -1234,56",
    "INTEGER": "a whole number",
    "DATE": "a date like 2022-06-30 or 30.6.2022",
}
YEAR_RANGE = (1990, 2100)
INTEGER_RANGES = {
    "fiscal_year": YEAR_RANGE,
    "period_months": (1, 12),
    "document_line": (1, 2_000_000_000),
    "line_order": (1, 100_000),
    "source_line": (1, 2_000_000_000),
}


def q(value: str) -> str:
    """An SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def cast_sql(column: Column, text: str) -> str:
    """Text as written → the raw column's type; NULL when it does not fit (the type phase reports those)."""
    if column.type == MONEY:
        v = f"replace(replace(trim({text}), ' ', ''), chr(160), '')"
        return (
            f"CASE WHEN regexp_full_match({v}, '-?[0-9]+([.,][0-9]{{1,2}})?') "
            f"THEN CAST(replace({v}, ',', '.') AS {MONEY}) END"
        )
    if column.type == "INTEGER":
        return (
            f"CASE WHEN regexp_full_match(trim({text}), '-?[0-9]{{1,9}}([.][0]+)?') "
            f"THEN CAST(CAST(trim({text}) AS DECIMAL(18,6)) AS INTEGER) END"
        )
    if column.type == "DATE":
        t = f"trim({text})"
        return (
            f"coalesce(TRY_CAST({t} AS DATE), CAST(try_strptime({t}, '%d.%m.%Y') AS DATE), "
            f"CASE WHEN regexp_full_match({t}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} 00:00:00(\\.0+)?') "
            f"THEN TRY_CAST(left({t}, 10) AS DATE) END)"
        )
    return f"NULLIF({text}, '')"


def type_rejects_sql(kind: Kind, present: list[str], source: str) -> str:
    """Rows of a text frame whose value is written but does not fit the column's type."""
    parts = []
    for name in present:
        column = kind.column(name)
        if column.type == "VARCHAR":
            continue
        parts.append(
            f"SELECT _frame_row, _source_row, {q(name)} AS column_name, {name} AS value, "
            f"{q('not ' + EXPECTED[column.type])} AS reason FROM {source} "
            f"WHERE {name} IS NOT NULL AND trim({name}) <> '' AND ({cast_sql(column, name)}) IS NULL"
        )
    if not parts:
        return f"SELECT _frame_row, _source_row, NULL AS column_name, NULL AS value, NULL AS reason FROM {source} WHERE false"
    return " UNION ALL ".join(parts)


def rule_sql(kind: Kind, table: str, load_id: str, path: str, derived: set[str], max_abs: int) -> list[str]:
    """One SELECT per rule over this batch's rows (`table` filtered to the load id); columns
    rid, source_row, column_name, value, reason."""
    batch = f"(SELECT rowid AS rid, * FROM {table} WHERE _load_id = {q(load_id)})"
    rules = []

    def rule(column: str | None, value: str, reason: str, where: str, source: str = batch) -> None:
        col = q(column) if column else "NULL"
        rules.append(
            f"SELECT rid, _source_row AS source_row, {col} AS column_name, CAST({value} AS VARCHAR) AS value, "
            f"{reason} AS reason FROM {source} AS b WHERE {where}"
        )

    for c in kind.columns:
        if c.required:
            if c.name in derived:
                why = {
                    "municipality": f"the file has no municipality column and the cost centre is not in {SEEDS_COST_CENTRES}",
                    "document_line": "the file has no document_line column and the row has no document_id",
                }.get(c.name, "could not be derived")
                rule(c.name, "NULL", q(why), f"{c.name} IS NULL")
            else:
                rule(c.name, "NULL", q("required value is missing"), f"{c.name} IS NULL")
        if c.accepted:
            allowed = ", ".join(q(v) for v in c.accepted)
            rule(c.name, c.name, q("not one of: " + ", ".join(c.accepted)), f"{c.name} NOT IN ({allowed})")
        if c.type == MONEY:
            rule(
                c.name,
                c.name,
                q(f"outside the plausible range ±{max_abs:,} €".replace(",", " ")),
                f"abs({c.name}) > {max_abs}",
            )
        if c.type == "INTEGER" and c.name in INTEGER_RANGES:
            low, high = INTEGER_RANGES[c.name]
            rule(c.name, c.name, q(f"outside {low}–{high}"), f"{c.name} NOT BETWEEN {low} AND {high}")

    names = {c.name for c in kind.columns}
    if {"posting_date", "fiscal_year"} <= names:
        rule(
            "fiscal_year",
            "fiscal_year",
            "'fiscal year ' || fiscal_year || ' does not match the posting date ' || posting_date",
            "fiscal_year <> year(posting_date)",
        )
        low, high = YEAR_RANGE
        rule("posting_date", "posting_date", q(f"outside the years {low}–{high}"),
             f"year(posting_date) NOT BETWEEN {low} AND {high}")
    if {"reported_at", "fiscal_year"} <= names:
        rule(
            "reported_at",
            "reported_at",
            "'reported ' || reported_at || ', outside fiscal year ' || fiscal_year || ' and the spring after it'",
            "year(reported_at) NOT BETWEEN fiscal_year AND fiscal_year + 1",
        )
    if "account" in names:
        rule(
            "account",
            "account",
            f"'account ' || account || ' is not in {SEEDS_ACCOUNTS} for ' || municipality",
            "municipality IS NOT NULL AND account IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM seed_accounts s WHERE s.municipality = b.municipality AND s.account = b.account)",
        )
    if "cost_centre" in names:
        rule(
            "cost_centre",
            "cost_centre",
            f"'cost centre ' || cost_centre || ' is not in {SEEDS_COST_CENTRES} for ' || municipality",
            "municipality IS NOT NULL AND cost_centre IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM seed_cost_centres s WHERE s.municipality = b.municipality "
            "AND s.cost_centre = b.cost_centre)",
        )
    rules.extend(_key_rules(kind, batch, table, load_id, path))
    return rules


def _key_rules(kind: Kind, batch: str, table: str, load_id: str, path: str) -> list[str]:
    key = ", ".join(kind.key)
    described = ", ".join(kind.key)
    not_null = " AND ".join(f"{k} IS NOT NULL" for k in kind.key)
    joined = " AND ".join(f"b.{k} = d.{k}" for k in kind.key)
    # Every copy is refused: which of two identical document lines is the real one is for the sender to say.
    within = (
        f"SELECT b.rid, b._source_row AS source_row, {q(kind.key[-1])} AS column_name, "
        f"CAST(b.{kind.key[-1]} AS VARCHAR) AS value, "
        f"'duplicate: rows ' || d.rows || ' have the same {described}' AS reason "
        f"FROM {batch} AS b JOIN (SELECT {key}, string_agg(CAST(_source_row AS VARCHAR), ', ' "
        f"ORDER BY _source_row) AS rows FROM {batch} WHERE {not_null} GROUP BY {key} HAVING count(*) > 1) AS d "
        f"ON {joined}"
    )
    elsewhere = (
        f"SELECT b.rid, b._source_row AS source_row, {q(kind.key[-1])} AS column_name, "
        f"CAST(b.{kind.key[-1]} AS VARCHAR) AS value, "
        f"'already loaded from ' || d._source_path || ' row ' || d._source_row || ' (same {described})' AS reason "
        f"FROM {batch} AS b JOIN (SELECT {key}, min(_source_path) AS _source_path, min(_source_row) AS _source_row "
        f"FROM {table} WHERE _load_id <> {q(load_id)} AND _source_path <> {q(path)} GROUP BY {key}) AS d "
        f"ON {joined}"
    )
    return [within, elsewhere]
