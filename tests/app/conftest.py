"""The explorer's tests all read the one warehouse `kuntatalous build` made for the session (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import db

PAGES = Path(__file__).resolve().parents[2] / "app" / "views"


@pytest.fixture
def served(built_warehouse):
    """The built warehouse, with the process-global Streamlit caches emptied so no test sees another's results."""
    db.clear_cache()
    st.cache_data.clear()
    yield built_warehouse
    st.cache_data.clear()


def page(name: str) -> AppTest:
    """An AppTest of one page, with a timeout a loaded 2-core machine needs."""
    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
