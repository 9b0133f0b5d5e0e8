"""The explorer's tests all read the one warehouse `kuntatalous build` made for the session (tests/conftest.py)."""

from __future__ import annotations

import pytest
import streamlit as st

from app import cached


@pytest.fixture
def served(built_warehouse):
    """The built warehouse, with the process-global Streamlit caches emptied so no test sees another's results."""
    cached.clear_cache()
    st.cache_data.clear()
    yield built_warehouse
    st.cache_data.clear()
