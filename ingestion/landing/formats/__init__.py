"""The file formats a landing file can come in, each behind one small interface (base.Format): it inserts the file's
rows and tells where a row came from. The one place a file's type decides anything."""

from __future__ import annotations

from pathlib import Path

from ingestion.landing.formats.base import Attempt, Format, Inserted, LoadContext, Progress
from ingestion.landing.formats.csv import Csv
from ingestion.landing.formats.parquet import Parquet
from ingestion.landing.formats.report import Report
from ingestion.landing.formats.xlsx import Xlsx
from ingestion.landing.readers import ReadError

__all__ = ["FORMATS", "Attempt", "Format", "Inserted", "LoadContext", "Progress", "for_path"]

FORMATS: tuple[Format, ...] = (Csv(), Xlsx(), Parquet(), Report())


def for_path(path: Path, where: str) -> Format:
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    raise ReadError(f"{where}: unsupported file type {suffix!r}")
