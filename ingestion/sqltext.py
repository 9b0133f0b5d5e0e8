"""Text that goes into SQL written by the code (DuckDB cannot bind parameters everywhere: `read_csv` options,
`COPY ... TO`, rule expressions built before they run)."""

from __future__ import annotations


def q(value: str) -> str:
    """`value` as an SQL string literal: quoted, with each quote doubled."""
    return "'" + value.replace("'", "''") + "'"
