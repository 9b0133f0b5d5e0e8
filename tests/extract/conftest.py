"""Reports are extracted once per session; every test reads the same rows."""

from __future__ import annotations

import pytest
from tests_extract_support import HEINOLA, KAUHAVA_TEXT

from ingestion.extract import Extraction, extract


@pytest.fixture(scope="session")
def heinola() -> Extraction:
    return extract(HEINOLA)


@pytest.fixture(scope="session")
def kauhava() -> Extraction:
    if not KAUHAVA_TEXT.exists():
        pytest.fail(f"the Kauhava reference document is missing: {KAUHAVA_TEXT}")
    return extract(KAUHAVA_TEXT)
