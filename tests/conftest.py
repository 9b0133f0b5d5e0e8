"""Shared fixtures. The whole pipeline runs once per test session into tmp folders, so suites that need a real
warehouse (dbt end-to-end, the explorer, ask/sql) share one build instead of each paying for their own."""

from __future__ import annotations

import pytest

from tests.support import Warehouse, kuntatalous


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Warehouse:
    """A copy of data/landing built with `kuntatalous build` into tmp paths; read-only for tests."""
    wh = Warehouse.from_landing(tmp_path_factory.mktemp("warehouse"))
    result = kuntatalous("build", env=wh.env(), check=False)
    if result.returncode != 0:
        pytest.fail(f"kuntatalous build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return wh


@pytest.fixture(autouse=True)
def _served_db_env(request, monkeypatch):
    """Tests that use the built warehouse see it through the same env vars the app and CLI read."""
    if "built_warehouse" in request.fixturenames:
        request.getfixturevalue("built_warehouse").use(monkeypatch)
