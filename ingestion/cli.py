"""The `kuntatalous` command. Each subcommand lives in the module that does the work; this file only routes."""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand -> module whose `command(args) -> int` runs it
COMMANDS = {
    "extract": "ingestion.extract",
    "ingest": "ingestion.landing.ingest",
    "synth": "ingestion.landing.synth",
    "build": "ingestion.warehouse.build",
    "publish": "ingestion.warehouse.publish",
    "export-raw": "ingestion.warehouse.export_raw",
    "app": "app.serve",
    "ask": "app.query.ask",
    "sql": "app.query.sql_guard",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kuntatalous", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract every printed budget number of a report (PDF or text)")
    p.add_argument("report", help="report as PDF or as text, one table row per line")
    p.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    p.add_argument("--findings", help="CSV file for the findings: identities the printed numbers break and tables "
                                      "that cannot be read (columns: docs/extracting.md)")
    p.add_argument("--municipality", help="municipality name when the report does not name it as '<name>n kaupunki'")
    p.add_argument("--goals", help="also write the report's goal registers to this CSV (raw.goals columns)")
    p.add_argument("--kpis", help="also write the report's KPI tables (Tunnusluvut) to this CSV")
    p.add_argument("--risks", help="also write the report's risk tables (Riskienhallinta) to this CSV")

    p = sub.add_parser("ingest", help="load data/landing/ into the raw schema of the build file")
    p.add_argument("--landing", help="landing folder (default: $KUNTATALOUS_LANDING or data/landing)")
    p.add_argument("--db", help="build file (default: $KUNTATALOUS_BUILD_DB or build/kuntatalous_build.duckdb)")
    p.add_argument("--quiet", action="store_true", help="no progress output")

    p = sub.add_parser("synth", help="make synthetic GL postings that sum to the seed report's actuals")
    p.add_argument("--rows", type=int, required=True, help="how many postings")
    p.add_argument("-o", "--output", required=True, help="CSV or Parquet file to write")
    p.add_argument("--seed", type=int, default=2022, help="random seed")
    p.add_argument("--report", help="report whose actuals to reproduce (default: the Heinola seed in landing/reports)")

    p = sub.add_parser("build", help="ingest, dbt build and publish")
    p.add_argument("--skip-ingest", action="store_true", help="only dbt build and publish")
    p.add_argument("--force", action="store_true",
                   help="build even when nothing changed since the published build")

    sub.add_parser("publish", help="copy a green build file to the served file atomically")

    p = sub.add_parser("export-raw", help="write every raw table of the build file as Parquet (for Spark)")
    p.add_argument("directory", help="folder to write <table>/part-0.parquet into")
    p.add_argument("--db", help="build file (default: $KUNTATALOUS_BUILD_DB or build/kuntatalous_build.duckdb)")

    p = sub.add_parser("app", help="serve the Streamlit explorer (on 127.0.0.1 unless --address says otherwise)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on; one other machines can reach needs login configured or --no-login")
    p.add_argument("--no-login", action="store_true",
                   help="serve on a non-loopback --address without login: everyone who reaches it sees everything")

    p = sub.add_parser("ask", help="answer a question typed in Finnish or English")
    p.add_argument("question", help="the question; `-` reads one question a line from standard input")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = sub.add_parser("sql", help="run one read-only SQL statement on the served warehouse")
    p.add_argument("query")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command])
    return module.command(args)


if __name__ == "__main__":
    sys.exit(main())
