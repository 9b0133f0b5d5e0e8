"""A finding: something the extractor read but cannot be sure of, or that the report contradicts. The value still
lands; the finding says where (file and line, a PDF goal card: its page) and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Finding:
    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"
