"""The landing kinds: which folder, which raw table, which columns (with the header spellings accepted for them),
which columns are required and which columns make a row unique. Pure data; readers, quarantine and the GX suites
all work from these definitions, so a kind is described once."""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.extract.goal_columns import STATUSES
from ingestion.extract.kpis import KPI_KINDS
from ingestion.extract.kpis import UNITS as KPI_UNITS
from ingestion.ledger import LEDGER_COLUMNS, MEASURES, SECTION_LEVELS, TABLE_KINDS, UNITS

MONEY = "DECIMAL(18,2)"
VALUE = "DECIMAL(18,4)"  # a measured figure that is not money: a KPI's value as printed
GOAL_LEVELS = ("strategic", "operational")
# Tila as printed: a follow-up report's state of the goal; an annual report's goal card says Valmis (done)
GOAL_STATUSES = (*STATUSES, "Valmis")
# A single posting or budget line beyond a billion euros is a unit or keying error, not a municipal transaction.
MAX_ABS_EUR = 1_000_000_000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type in the raw table
    required: bool = False
    aliases: tuple[str, ...] = ()  # other header spellings accepted (compared case-insensitively)
    accepted: tuple[str, ...] = ()  # closed vocabulary, when there is one

    def headers(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Kind:
    name: str  # folder under data/landing
    table: str  # raw table
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # a row must be unique on these within the raw table
    extensions: tuple[str, ...]
    derivable: tuple[str, ...] = ()  # may be absent from the file: filled in by the loader (see load.py)
    max_abs: int = MAX_ABS_EUR  # largest plausible absolute amount of one row, in euros
    folder: str | None = None  # landing folder, when several kinds read one folder's files (default: name)
    optional: bool = False  # a file may hold none of these rows (a report without a KPI table)

    @property
    def landing_folder(self) -> str:
        return self.folder or self.name

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def money_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.type == MONEY)


def _ledger_column(name: str) -> Column:
    types = {
        "source_line": "INTEGER",
        "line_order": "INTEGER",
        "fiscal_year": "INTEGER",
        "period_months": "INTEGER",
        "amount": MONEY,
        "precision": MONEY,
    }
    vocabularies = {
        "measure": MEASURES,
        "unit": UNITS,
        "table_kind": TABLE_KINDS,
        "section_level": SECTION_LEVELS,
    }
    optional = {"source_line", "printed_text"}
    return Column(name, types.get(name, "VARCHAR"), name not in optional, accepted=vocabularies.get(name, ()))


LEDGER = Kind(
    name="ledger",
    table="ledger",
    columns=tuple(_ledger_column(name) for name in LEDGER_COLUMNS),
    key=("source_file", "section", "table_kind", "line_order", "measure", "fiscal_year", "period_months"),
    extensions=(".csv", ".xlsx", ".parquet"),
    max_abs=10**13,  # report totals of the largest cities run to billions
)

# The same columns come out of the report extractor; reports just arrive as PDF or text.
REPORTS = Kind(
    name="reports",
    table="ledger",
    columns=LEDGER.columns,
    key=LEDGER.key,
    extensions=(".pdf", ".txt"),
    max_abs=LEDGER.max_abs,
)

GL = Kind(
    name="gl",
    table="gl_postings",
    columns=(
        Column("municipality", "VARCHAR", True, ("kunta",)),
        Column("posting_date", "DATE", True, ("date", "kirjauspäivä", "kirjauspvm", "tositepäivä", "pvm")),
        Column("fiscal_year", "INTEGER", True, ("tilikausi", "vuosi", "year")),
        Column("cost_centre", "VARCHAR", True, ("cost_center", "kustannuspaikka", "kp")),
        Column("account", "VARCHAR", True, ("account_number", "tili", "tilinumero")),
        Column("amount_eur", MONEY, True, ("amount", "summa", "euroa", "määrä")),
        Column("document_id", "VARCHAR", True, ("document", "tosite", "tositenumero")),
        Column("document_line", "INTEGER", True, ("line", "rivi", "tositerivi")),
        Column("description", "VARCHAR", False, ("selite", "teksti")),
        Column("project", "VARCHAR", False, ("projekti",)),
    ),
    key=("municipality", "document_id", "document_line"),
    extensions=(".csv", ".xlsx", ".parquet"),
    derivable=("municipality", "fiscal_year", "document_line"),
)

BUDGET = Kind(
    name="budget",
    table="budget_lines",
    columns=(
        Column("municipality", "VARCHAR", True, ("kunta",)),
        Column("fiscal_year", "INTEGER", True, ("tilikausi", "vuosi", "year")),
        Column("cost_centre", "VARCHAR", True, ("cost_center", "kustannuspaikka", "kp")),
        Column("account", "VARCHAR", True, ("account_number", "tili", "tilinumero")),
        Column("original_budget_eur", MONEY, True, ("original_budget", "alkuperäinen_ta", "ta")),
        Column("budget_change_eur", MONEY, False, ("budget_change", "ta_muutokset", "muutos")),
    ),
    key=("municipality", "fiscal_year", "cost_centre", "account"),
    extensions=(".csv", ".xlsx", ".parquet"),
    derivable=("municipality",),
)

GOALS = Kind(
    name="goals",
    table="goals",
    columns=(
        Column("goal_id", "VARCHAR", True),
        Column("fiscal_year", "INTEGER", True),
        Column("municipality", "VARCHAR", True),
        Column("committee", "VARCHAR", True),
        Column("level", "VARCHAR", True, accepted=GOAL_LEVELS),
        Column("strategic_theme", "VARCHAR"),
        Column("goal", "VARCHAR", True),
        Column("measures", "VARCHAR"),
        Column("target", "VARCHAR"),
        Column("reported_at", "DATE", True),
        Column("realization", "VARCHAR"),
        Column("responsible", "VARCHAR"),
        # the register prints one status per goal (the latest); earlier reporting dates may have none
        Column("status", "VARCHAR", accepted=GOAL_STATUSES),
    ),
    key=("municipality", "committee", "fiscal_year", "goal_id", "reported_at"),
    extensions=(".csv", ".xlsx"),
)

# A report's other tables: its goal registers, KPIs and risks, read by ingestion/extract (goals.py, goal_cards.py,
# kpis.py, risks.py). Each lands in its own raw table; the report's file is their lineage.
REPORT_GOALS = Kind(
    name="report_goals",
    table="goals",
    columns=GOALS.columns,
    key=GOALS.key,
    extensions=REPORTS.extensions,
    folder="reports",
    optional=True,
)

KPIS = Kind(
    name="report_kpis",
    table="kpis",
    columns=(
        Column("municipality", "VARCHAR", True),
        Column("committee", "VARCHAR", True),
        Column("reported_at", "DATE", True),
        Column("indicator", "VARCHAR", True),
        Column("column_label", "VARCHAR", True),  # the column head as printed, e.g. "Tavoite 2022"
        Column("value_kind", "VARCHAR", True, accepted=KPI_KINDS),
        Column("year", "INTEGER", True),
        Column("value", VALUE, True),
        Column("unit", "VARCHAR", True, accepted=KPI_UNITS),
        Column("qualifier", "VARCHAR"),  # printed beside the value, e.g. "ei vertailukelpoinen"
        Column("printed_text", "VARCHAR"),
        Column("source_line", "INTEGER"),
    ),
    key=("municipality", "committee", "reported_at", "indicator", "value_kind", "year"),
    extensions=REPORTS.extensions,
    folder="reports",
    optional=True,
)

RISKS = Kind(
    name="report_risks",
    table="risks",
    columns=(
        Column("municipality", "VARCHAR", True),
        Column("committee", "VARCHAR", True),
        Column("reported_at", "DATE", True),
        Column("risk", "VARCHAR", True),
        Column("probability", "INTEGER", True),  # Todennäköisyys 1–5
        Column("significance", "INTEGER", True),  # Merkittävyys 1–5
        Column("risk_value", "INTEGER", True),  # as printed, or probability × significance
        Column("risk_value_printed", "BOOLEAN", True),
        Column("mitigation", "VARCHAR"),
        Column("responsible", "VARCHAR"),
        Column("source_line", "INTEGER"),
    ),
    key=("municipality", "committee", "reported_at", "risk"),
    extensions=REPORTS.extensions,
    folder="reports",
    optional=True,
)

KINDS = (REPORTS, REPORT_GOALS, KPIS, RISKS, LEDGER, GL, BUDGET, GOALS)
