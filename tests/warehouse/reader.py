"""A reader process for the concurrency test: short-lived read-only connections to the served file, one after
another, each asking two questions of the same file, until told to stop. Prints a JSON summary."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

QUERY = """
select
    (select count(*) from raw.ledger) as ledger_rows,
    (select count(*) from marts.rpt_source_reconciliation) as reconciled_facts
"""


def main(served: str, stop_file: str, seconds_limit: float) -> None:
    seen: dict[str, int] = {}
    failures: list[str] = []
    started = time.monotonic()
    while not Path(stop_file).exists() and time.monotonic() - started < seconds_limit:
        try:
            con = duckdb.connect(served, read_only=True)
            try:
                ledger_rows, reconciled = con.sql(QUERY).fetchall()[0]
                # a second statement on the same connection must see the same file as the first
                again = con.sql("select count(*) from raw.ledger").fetchall()[0][0]
            finally:
                con.close()
            key = f"{ledger_rows}/{reconciled}/{again}"
            seen[key] = seen.get(key, 0) + 1
        except Exception as error:  # noqa: BLE001 - every failed query counts, whatever its kind
            failures.append(f"{type(error).__name__}: {error}")
        time.sleep(0.02)
    print(json.dumps({"seen": seen, "failures": failures}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
