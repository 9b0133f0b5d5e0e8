"""What the tests share: the project's paths, a built warehouse's locations, and the real CLI as a user runs it.
Imported as `tests.support` (conftest.py files hold fixtures only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"


@dataclass(frozen=True)
class Warehouse:
    landing: Path
    build_db: Path
    served_db: Path
    artifacts: Path

    @classmethod
    def from_landing(cls, root: Path) -> Warehouse:
        """Locations under `root`, with a copy of data/landing to build from."""
        wh = cls(
            landing=root / "landing",
            build_db=root / "build" / "kuntatalous_build.duckdb",
            served_db=root / "served" / "kuntatalous.duckdb",
            artifacts=root / "artifacts",
        )
        shutil.copytree(PROJECT_DIR / "data" / "landing", wh.landing)
        return wh

    def use(self, monkeypatch) -> None:
        """Point in-process code (the app, the build's functions) at this warehouse, as env() points the CLI."""
        for key, value in self.env().items():
            if key.startswith("KUNTATALOUS_"):
                monkeypatch.setenv(key, value)

    def env(self) -> dict[str, str]:
        """Environment that points every kuntatalous command at this warehouse."""
        return {
            **os.environ,
            "KUNTATALOUS_LANDING": str(self.landing),
            "KUNTATALOUS_BUILD_DB": str(self.build_db),
            "KUNTATALOUS_DB": str(self.served_db),
            "KUNTATALOUS_ARTIFACTS": str(self.artifacts),
        }


def kuntatalous(
    *args: str, env: dict[str, str], check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would (`stdin`: text piped to it)."""
    return subprocess.run(
        [sys.executable, "-m", "ingestion.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        input=stdin,
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


PAGES = PROJECT_DIR / "app" / "views"


def page(name: str):
    """An AppTest of one page, with a timeout a loaded 2-core machine needs."""
    from streamlit.testing.v1 import AppTest  # only the explorer's tests pay Streamlit's import

    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
