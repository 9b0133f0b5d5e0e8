"""The one error extraction raises: it names the file, the line and what is wrong."""

from __future__ import annotations


class ExtractError(Exception):
    def __init__(self, file: str, line: int | None, message: str, kind: str = "layout") -> None:
        self.file, self.line, self.message, self.kind = file, line, message, kind
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")
