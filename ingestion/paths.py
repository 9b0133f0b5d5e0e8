"""Where things live. Every path can be moved with an environment variable, so tests build tiny warehouses in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
# dbt's seeds; ingest checks accounts and cost centres against the two maps, the synthetic generator reads them all
SEEDS_DIR = PROJECT_DIR / "seeds"
ACCOUNT_MAP = SEEDS_DIR / "gl_account_map.csv"
COST_CENTRE_MAP = SEEDS_DIR / "cost_centre_map.csv"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).resolve() if value else default


def landing_dir() -> Path:
    """Files users drop: reports/, ledger/, gl/, budget/, goals/."""
    return _path("KUNTATALOUS_LANDING", PROJECT_DIR / "data" / "landing")


def build_db() -> Path:
    """The file ingest and dbt write; nobody reads it."""
    return _path("KUNTATALOUS_BUILD_DB", PROJECT_DIR / "build" / "kuntatalous_build.duckdb")


def served_db() -> Path:
    """The file readers open (read-only); replaced whole by `kuntatalous publish`."""
    return _path("KUNTATALOUS_DB", PROJECT_DIR / "warehouse" / "kuntatalous.duckdb")


def artifacts_dir() -> Path:
    """Build by-products: GX Data Docs, dbt run results."""
    return _path("KUNTATALOUS_ARTIFACTS", PROJECT_DIR / "build" / "artifacts")


def secrets_file() -> Path:
    """Streamlit's secrets: the `[auth]` login settings (OpenID Connect). Kept out of git."""
    return _path("KUNTATALOUS_SECRETS", PROJECT_DIR / ".streamlit" / "secrets.toml")


def roles_file() -> Path:
    """Who may do what in the explorer once logged in: users and groups mapped to viewer or analyst."""
    return _path("KUNTATALOUS_ROLES", PROJECT_DIR / ".streamlit" / "roles.toml")


def audit_log() -> Path:
    """The explorer's audit log (JSON lines): who ran which SQL query or question, and when. Kept apart from the
    served warehouse, which `kuntatalous publish` replaces whole."""
    return _path("KUNTATALOUS_AUDIT_LOG", PROJECT_DIR / "audit" / "explorer.jsonl")
