"""The one error extraction raises: it names the file, the line and what is wrong."""

from __future__ import annotations


class ExtractError(Exception):
    def __init__(self, file: str, line: int | None, message: str, kind: str = "layout") -> None:
        self.file, self.line, self.message, self.kind = file, line, message, kind
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class NoBudgetTable(ExtractError):
    """The document holds no budget table (minutes of a meeting that followed no budget, say): not an error of
    the file, but nothing to extract."""


class NothingRead(ExtractError):
    """The document has budget tables but none could be read; `findings` say why, table by table."""

    def __init__(self, file: str, line: int | None, message: str, kind: str, findings: list) -> None:
        super().__init__(file, line, message, kind)
        self.findings = findings
