"""Reports are extracted once per session; every test reads the same rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.extract import Extraction, extract

PROJECT_DIR = Path(__file__).resolve().parents[2]
HEINOLA = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"
KAUHAVA_DIR = Path("/work/shared/data/kauhava_tp2024")
for candidate in (PROJECT_DIR.parent / "shared" / "data" / "kauhava_tp2024", KAUHAVA_DIR):
    if candidate.is_dir():
        KAUHAVA_DIR = candidate
        break
KAUHAVA_TEXT = KAUHAVA_DIR / "Kauhava-Tilinpaatos-2024.raw.txt"
KAUHAVA_PDF = KAUHAVA_DIR / "Kauhava-Tilinpaatos-2024.pdf"
EXPECTED = Path(__file__).parent / "expected"


@pytest.fixture(scope="session")
def heinola() -> Extraction:
    return extract(HEINOLA)


@pytest.fixture(scope="session")
def kauhava() -> Extraction:
    if not KAUHAVA_TEXT.exists():
        pytest.fail(f"the Kauhava reference document is missing: {KAUHAVA_TEXT}")
    return extract(KAUHAVA_TEXT)
