"""Shared fixtures. The whole pipeline runs once per test session into tmp folders, so suites that need a real
warehouse (dbt end-to-end, the explorer, ask/sql) share one build instead of each paying for their own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"


@dataclass(frozen=True)
class Warehouse:
    landing: Path
    build_db: Path
    served_db: Path
    artifacts: Path

    def env(self) -> dict[str, str]:
        """Environment that points every kuntatalous command at this warehouse."""
        return {
            **os.environ,
            "KUNTATALOUS_LANDING": str(self.landing),
            "KUNTATALOUS_BUILD_DB": str(self.build_db),
            "KUNTATALOUS_DB": str(self.served_db),
            "KUNTATALOUS_ARTIFACTS": str(self.artifacts),
        }


def kuntatalous(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "ingestion.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def kuntatalous_started(*args: str, env: dict[str, str]) -> subprocess.Popen:
    """Start the real CLI and return at once, for tests that act while it runs (stdout and stderr merged)."""
    return subprocess.Popen(
        [sys.executable, "-m", "ingestion.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Warehouse:
    """A copy of data/landing built with `kuntatalous build` into tmp paths; read-only for tests."""
    root = tmp_path_factory.mktemp("warehouse")
    wh = Warehouse(
        landing=root / "landing",
        build_db=root / "build" / "kuntatalous_build.duckdb",
        served_db=root / "served" / "kuntatalous.duckdb",
        artifacts=root / "artifacts",
    )
    shutil.copytree(PROJECT_DIR / "data" / "landing", wh.landing)
    result = kuntatalous("build", env=wh.env(), check=False)
    if result.returncode != 0:
        pytest.fail(f"kuntatalous build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return wh


@pytest.fixture(autouse=True)
def _served_db_env(request, monkeypatch):
    """Tests that use the built warehouse see it through the same env vars the app and CLI read."""
    if "built_warehouse" in request.fixturenames:
        wh = request.getfixturevalue("built_warehouse")
        for key, value in wh.env().items():
            if key.startswith("KUNTATALOUS_"):
                monkeypatch.setenv(key, value)
