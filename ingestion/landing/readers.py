"""What reading a landing file needs whatever its format (formats/ has each format): the error that fails a whole
file, the file's size and text encoding, its SHA-256, and the header → contract column mapping."""

from __future__ import annotations

import codecs
import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ingestion.landing.kinds import Kind

CHUNK = 1 << 23
SNIFF_BYTES = 1 << 18


class ReadError(Exception):
    """The file as a whole cannot be read; the message names the file and what was expected."""


WINDOWS_1252 = "windows-1252"
# Bytes Windows-1252 uses for € – ” … and Latin-1 leaves to control characters that no text file holds
WINDOWS_ONLY = re.compile(rb"[\x80-\x9f]")


@dataclass(frozen=True)
class FileFacts:
    size: int
    encoding: str  # utf-8, latin-1 or windows-1252


def file_facts(path: Path) -> FileFacts:
    """Size, and the encoding as the file's head shows it: valid UTF-8 (a BOM is fine) or else a single-byte one.
    A file that breaks UTF-8 only further on is caught by DuckDB's reader (INVALID ENCODING) and read again."""
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    size = path.stat().st_size
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=size <= SNIFF_BYTES)  # a sample may end inside a multi-byte character
    except UnicodeDecodeError:
        return FileFacts(size, single_byte_encoding(path))
    return FileFacts(size, "utf-8")


def single_byte_encoding(path: Path) -> str:
    """Windows-1252 (what Excel on a Finnish Windows saves as CSV) when the file uses one of its € – ” bytes
    anywhere, else Latin-1 (ä, ö and å are the same bytes in both)."""
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            if WINDOWS_ONLY.search(chunk):
                return WINDOWS_1252
    return "latin-1"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Digest:
    """The file's sha256, computed in a thread: hashing a gigabyte takes seconds of one core, which overlap
    DuckDB's read of the CSV (the rows get the hash after the rule checks). `value()` waits for it."""

    def __init__(self, path: Path | None = None, known: str | None = None) -> None:
        self._value, self._error = known, None
        self._thread = None
        if known is None and path is not None:
            self._thread = threading.Thread(target=self._run, args=(path,), name="sha256")
            self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._value = sha256_of(path)
        except OSError as error:
            self._error = error

    def value(self) -> str:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def map_header(names: list[str], kind: Kind, where: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Header names → contract columns. Returns (column per position, ignored headers, absent contract columns)."""
    spelling = {h.casefold(): c.name for c in kind.columns for h in c.headers()}
    mapped: list[str] = []
    ignored: list[str] = []
    for position, raw in enumerate(names):
        name = spelling.get(raw.strip().casefold().replace(" ", "_"))
        if name is None:
            mapped.append(f"_ignored_{position}")
            ignored.append(raw)
        elif name in mapped:
            raise ReadError(f"{where}: column {name!r} appears twice in the header ({', '.join(names)})")
        else:
            mapped.append(name)
    absent = tuple(c.name for c in kind.columns if c.name not in mapped)
    missing = [c for c in kind.columns if c.required and c.name in absent and c.name not in kind.derivable]
    if missing:
        wanted = "; ".join(f"{c.name} (or {', '.join(c.aliases)})" if c.aliases else c.name for c in missing)
        found = " | ".join(names)
        hint = ""
        if len(names) == 1:
            hint = " — the header is a single column: columns must be separated by ';', ',' or a tab"
        raise ReadError(f"{where}: missing required column(s) {wanted}; the header has: {found}{hint}")
    return tuple(mapped), tuple(ignored), absent
