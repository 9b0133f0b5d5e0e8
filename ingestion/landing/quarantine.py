"""Row-level rules, as SQL over DuckDB: which rows of a batch go to raw.rejected_rows, and why.

Two phases. Text → type (only for XLSX/Parquet/report frames; CSV is typed by DuckDB's reader): `cast_sql` and
`type_rejects_sql`. Then rules on the typed rows of the batch (`row_rules`): required values, vocabularies,
ranges, fiscal year against the posting date, accounts and cost centres known to the seeds, unique keys within
the file and against rows other files already loaded. Rules are counted first in one pass over the batch (the
counts are also the batch profile GX checks); only rules that found something are run again to list their rows."""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.landing.kinds import MONEY, VALUE, Column, Kind
from ingestion.paths import ACCOUNT_MAP, COST_CENTRE_MAP, PROJECT_DIR
from ingestion.sqltext import q

SEEDS_ACCOUNTS = ACCOUNT_MAP.relative_to(PROJECT_DIR).as_posix()
SEEDS_COST_CENTRES = COST_CENTRE_MAP.relative_to(PROJECT_DIR).as_posix()
EXPECTED = {
    MONEY: "a euro amount with at most two decimals, like -1234.56 or -1234,56",
    VALUE: "a number with at most four decimals, like 42.95 or 42,95",
    "BOOLEAN": "true or false",
    "INTEGER": "a whole number",
    "DATE": "a date like 2022-06-30 or 30.6.2022",
}
YEAR_RANGE = (1990, 2100)
INTEGER_RANGES = {
    "fiscal_year": YEAR_RANGE,
    "year": YEAR_RANGE,
    "probability": (1, 5),
    "significance": (1, 5),
    "risk_value": (1, 25),
    "period_months": (1, 12),
    "document_line": (1, 2_000_000_000),
    "line_order": (1, 100_000),
    "source_line": (1, 2_000_000_000),
}


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
    if column.type == VALUE:
        v = f"replace(replace(trim({text}), ' ', ''), chr(160), '')"
        return (
            f"CASE WHEN regexp_full_match({v}, '-?[0-9]+([.,][0-9]{{1,4}})?') "
            f"THEN CAST(replace({v}, ',', '.') AS {VALUE}) END"
        )
    if column.type == "BOOLEAN":
        return f"CASE lower(trim({text})) WHEN 'true' THEN true WHEN 'false' THEN false END"
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


@dataclass(frozen=True)
class Rule:
    """A per-row rule: its count over the batch is a profile fact; rows meeting `condition` are refused."""

    name: str
    column: str | None
    condition: str  # SQL over the batch row `b` (joined to the seed maps as `sa`, `sc`)
    value: str
    reason: str

    @property
    def uses_seeds(self) -> bool:
        return "sa." in self.condition or "sc." in self.condition


def row_rules(kind: Kind, derived: set[str]) -> list[Rule]:
    rules: list[Rule] = []
    for c in kind.columns:
        if c.required:
            why = {
                "municipality": f"the file has no municipality column and the cost centre is not in {SEEDS_COST_CENTRES}",
                "document_line": "the file has no document_line column and the row has no document_id",
            }.get(c.name, "could not be derived") if c.name in derived else "required value is missing"
            rules.append(Rule(f"missing__{c.name}", c.name, f"b.{c.name} IS NULL", "NULL", q(why)))
        if c.accepted:
            allowed = ", ".join(q(v) for v in c.accepted)
            rules.append(Rule(f"out_of_vocabulary__{c.name}", c.name, f"b.{c.name} NOT IN ({allowed})", f"b.{c.name}",
                              q("not one of: " + ", ".join(c.accepted))))
        if c.type == MONEY:
            bound = f"{kind.max_abs:,}".replace(",", " ")
            rules.append(Rule(f"out_of_range__{c.name}", c.name, f"abs(b.{c.name}) > {kind.max_abs}", f"b.{c.name}",
                              q(f"outside the plausible range ±{bound} €")))
        if c.type == "INTEGER" and c.name in INTEGER_RANGES:
            low, high = INTEGER_RANGES[c.name]
            rules.append(Rule(f"out_of_range__{c.name}", c.name, f"b.{c.name} NOT BETWEEN {low} AND {high}",
                              f"b.{c.name}", q(f"outside {low}–{high}")))
    names = {c.name for c in kind.columns}
    if {"posting_date", "fiscal_year"} <= names:
        rules.append(Rule("fiscal_year_mismatch", "fiscal_year", "b.fiscal_year <> year(b.posting_date)", "b.fiscal_year",
                          "'fiscal year ' || b.fiscal_year || ' does not match the posting date ' || b.posting_date"))
        low, high = YEAR_RANGE
        rules.append(Rule("out_of_range__posting_date", "posting_date",
                          f"year(b.posting_date) NOT BETWEEN {low} AND {high}", "b.posting_date",
                          q(f"outside the years {low}–{high}")))
    if {"reported_at", "fiscal_year"} <= names:
        rules.append(Rule("reported_outside_year", "reported_at",
                          "year(b.reported_at) NOT BETWEEN b.fiscal_year AND b.fiscal_year + 1", "b.reported_at",
                          "'reported ' || b.reported_at || ', outside fiscal year ' || b.fiscal_year "
                          "|| ' and the spring after it'"))
    if "account" in names:
        rules.append(Rule("unknown_account", "account",
                          "sa.account IS NULL AND b.account IS NOT NULL AND b.municipality IS NOT NULL", "b.account",
                          f"'account ' || b.account || ' is not in {SEEDS_ACCOUNTS} for ' || b.municipality"))
        rules.append(Rule("unknown_cost_centre", "cost_centre",
                          "sc.cost_centre IS NULL AND b.cost_centre IS NOT NULL AND b.municipality IS NOT NULL",
                          "b.cost_centre",
                          f"'cost centre ' || b.cost_centre || ' is not in {SEEDS_COST_CENTRES} for ' || b.municipality"))
    return rules


def batch_from(kind: Kind, table: str, load_id: str) -> str:
    """The batch's rows, with the seed maps joined for the account and cost-centre rules (keys unique there)."""
    sql = f"FROM {table} AS b"
    if "account" in {c.name for c in kind.columns}:
        sql += (" LEFT JOIN seed_accounts AS sa ON sa.municipality = b.municipality AND sa.account = b.account"
                " LEFT JOIN seed_cost_centres AS sc ON sc.municipality = b.municipality"
                " AND sc.cost_centre = b.cost_centre")
    return f"{sql} WHERE b._load_id = {q(load_id)}"


def counts_sql(kind: Kind, table: str, load_id: str, rules: list[Rule], extra: dict[str, str],
               repeated_keys: bool = False) -> str:
    """One pass over the batch: its row count, how many rows each rule would refuse, and the `extra` counts;
    with `repeated_keys`, rows minus distinct key hashes — 0 proves the keys unique; anything else is checked
    exactly (a 64-bit hash collision can only send a batch to the exact check, never let a duplicate through)."""
    conditions = {**{r.name: r.condition for r in rules}, **extra}
    counts = "".join(f", count(*) FILTER (WHERE {condition}) AS {name}" for name, condition in conditions.items())
    if repeated_keys:
        keyed = " AND ".join(f"b.{k} IS NOT NULL" for k in kind.key)
        key = ", ".join(f"b.{k}" for k in kind.key)
        counts += (f", count(*) FILTER (WHERE {keyed}) - count(DISTINCT hash({key})) FILTER (WHERE {keyed}) "
                   "AS repeated_keys")
    return f"SELECT count(*) AS rows_loaded{counts} FROM {table} AS b WHERE b._load_id = {q(load_id)}"


def line_bitmap_sql(kind: Kind, table: str, load_id: str) -> str | None:
    """A cheaper exact proof that the batch's keys are unique, for keys ending in a line number (GL postings):
    per group of the other key columns, OR together one bit per line 1–64. n rows setting n distinct bits have n
    distinct lines, so `repeated` = rows − bits set = 0 proves the group unique; groups with a line outside 1–64
    are counted in `wide` and sent to the hash proof. Groups are formed by a hash of the other columns: documents
    sharing a hash only merge, and a merged group's rows − bits is at least each part's, so a repeated line always
    shows (a collision can only send the batch to the exact check). Cheaper than a distinct count over every row.
    None when the key does not end in an integer."""
    *prefix, last = kind.key
    if not prefix or kind.column(last).type != "INTEGER":
        return None
    keyed = " AND ".join(f"{k} IS NOT NULL" for k in kind.key)
    return (
        "SELECT coalesce(sum(n - bit_count(bits)) FILTER (WHERE NOT wide), 0) AS repeated, "
        "count(*) FILTER (WHERE wide) AS wide "
        f"FROM (SELECT count(*) AS n, bool_or({last} NOT BETWEEN 1 AND 64) AS wide, "
        f"bit_or(CASE WHEN {last} BETWEEN 1 AND 64 THEN CAST(1 AS UBIGINT) << ({last} - 1) END) AS bits "
        f"FROM {table} WHERE _load_id = {q(load_id)} AND {keyed} GROUP BY hash({', '.join(prefix)}))"
    )


def any_problem_sql(rules: list[Rule]) -> str:
    """One condition true for a row any of the rules would refuse: a clean batch is proven clean in one pass,
    and the rules are counted one by one only when it is not."""
    return " OR ".join(f"({r.condition})" for r in rules) or "false"


def seed_counts_sql(table: str, load_id: str) -> str:
    """Rows with an account or cost centre the seeds do not know, counted over the batch's distinct pairs."""
    return (
        "SELECT coalesce(sum(n) FILTER (WHERE sa.account IS NULL AND g.account IS NOT NULL "
        "AND g.municipality IS NOT NULL), 0) AS unknown_account, "
        "coalesce(sum(n) FILTER (WHERE sc.cost_centre IS NULL AND g.cost_centre IS NOT NULL "
        "AND g.municipality IS NOT NULL), 0) AS unknown_cost_centre "
        f"FROM (SELECT municipality, account, cost_centre, count(*) AS n FROM {table} WHERE _load_id = {q(load_id)} "
        "GROUP BY ALL) AS g "
        "LEFT JOIN seed_accounts AS sa ON sa.municipality = g.municipality AND sa.account = g.account "
        "LEFT JOIN seed_cost_centres AS sc ON sc.municipality = g.municipality AND sc.cost_centre = g.cost_centre"
    )


def clashing_hashes_sql(kind: Kind, table: str, load_id: str) -> str:
    """Batch rows whose key hash another file holds: 0 proves no clash; anything else is checked exactly.
    (The file's earlier version is deleted by then, so every other load id is another file.)"""
    key = f"hash({', '.join(kind.key)})"
    return (f"SELECT count(*) FROM {table} WHERE _load_id = {q(load_id)} AND {key} IN "
            f"(SELECT {key} FROM {table} WHERE _load_id <> {q(load_id)})")


def rejects_sql(kind: Kind, table: str, load_id: str, rules: list[Rule]) -> str:
    """The refused rows of the given rules: rid, source_row, column_name, value, reason."""
    return " UNION ALL ".join(
        f"SELECT b.rowid AS rid, b._source_row AS source_row, {q(r.column) if r.column else 'NULL'} AS column_name, "
        f"CAST({r.value} AS VARCHAR) AS value, {r.reason} AS reason {batch_from(kind, table, load_id)} "
        f"AND {r.condition}"
        for r in rules
    )


def duplicates_sql(kind: Kind, table: str, load_id: str) -> str:
    """Keys that occur more than once in the batch, with the rows they occur on."""
    key = ", ".join(kind.key)
    not_null = " AND ".join(f"{k} IS NOT NULL" for k in kind.key)
    return (f"SELECT {key}, string_agg(CAST(_source_row AS VARCHAR), ', ' ORDER BY _source_row) AS rows "
            f"FROM {table} WHERE _load_id = {q(load_id)} AND {not_null} GROUP BY {key} HAVING count(*) > 1")


def duplicate_rejects_sql(kind: Kind, table: str, load_id: str, duplicates: str) -> str:
    # Every copy is refused: which of two identical document lines is the real one is for the sender to say.
    last = kind.key[-1]
    joined = " AND ".join(f"b.{k} = d.{k}" for k in kind.key)
    return (f"SELECT b.rowid AS rid, b._source_row AS source_row, {q(last)} AS column_name, "
            f"CAST(b.{last} AS VARCHAR) AS value, "
            f"'duplicate: rows ' || d.rows || ' have the same {', '.join(kind.key)}' AS reason "
            f"FROM {table} AS b JOIN {duplicates} AS d ON {joined} WHERE b._load_id = {q(load_id)}")


def clash_rejects_sql(kind: Kind, table: str, load_id: str) -> str:
    """Rows whose key another file already loaded."""
    key = ", ".join(kind.key)
    last = kind.key[-1]
    joined = " AND ".join(f"b.{k} = d.{k}" for k in kind.key)
    return (f"SELECT b.rowid AS rid, b._source_row AS source_row, {q(last)} AS column_name, "
            f"CAST(b.{last} AS VARCHAR) AS value, "
            f"'already loaded from ' || d._source_path || ' row ' || d._source_row || ' (same {', '.join(kind.key)})' "
            f"AS reason FROM {table} AS b JOIN (SELECT {key}, min(l.source_path) AS _source_path, "
            f"min(_source_row) AS _source_row FROM {table} JOIN raw.load_log AS l ON l.load_id = _load_id "
            f"WHERE _load_id <> {q(load_id)} GROUP BY {key}) AS d "
            f"ON {joined} WHERE b._load_id = {q(load_id)}")
