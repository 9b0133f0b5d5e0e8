"""The explorer's cached reads: query results kept per served file (app.query.db holds the connections)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app.query import db


# cache_resource, not cache_data: cache_data pickles every result on the way in and unpickles it on every hit, which
# cost a cold page 3-5 ms (a quarter of it, bench/README.md). A polars DataFrame cannot be changed in place by the
# pages (every operation they use returns a new frame), so sharing one object among sessions is safe.
@st.cache_resource(show_spinner=False, max_entries=512)
def _read(sql: str, params: db.Params, key: str, path: str) -> pl.DataFrame:
    # `key` is part of the cache key only: results belong to one published file
    return db.page_read(sql, params, key, path)


def query(sql: str, params: db.Params = None) -> pl.DataFrame:
    """Cached query for the app, keyed by the identity of the served file it reads."""
    path = db.served_path()
    return _read(sql, params, db.page_key(path), str(path))


def clear_cache() -> None:
    _read.clear()
