"""The explorer's tests all read the one warehouse `kuntatalous build` made for the session (tests/conftest.py)."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st

from app import cached
from app.query import db


@pytest.fixture(autouse=True)
def _own_access_files(tmp_path, monkeypatch):
    """Each test its own audit log and no login settings, whatever the developer's .streamlit/ holds; tests of
    login write their own."""
    monkeypatch.setenv("KUNTATALOUS_AUDIT_LOG", str(tmp_path / "audit" / "explorer.jsonl"))
    monkeypatch.setenv("KUNTATALOUS_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("KUNTATALOUS_ROLES", str(tmp_path / "roles.toml"))


@pytest.fixture
def served(built_warehouse):
    """The built warehouse, with the process-global Streamlit caches emptied so no test sees another's results."""
    cached.clear_cache()
    st.cache_data.clear()
    yield built_warehouse
    st.cache_data.clear()
    db.release()  # later tests open the served file with their own settings


@pytest.fixture
def browser(tmp_path):
    """Headless Debian Chromium through selenium, with a profile of its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1200",
                f"--user-data-dir={tmp_path / 'chrome-profile'}"):
        options.add_argument(arg)
    # the tests wait for the text they need; a full "load" can hang on a busy machine (seen once: 120 s on /kysy)
    options.page_load_strategy = "eager"
    chromium = shutil.which("chromium")
    if chromium:
        options.binary_location = chromium
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
