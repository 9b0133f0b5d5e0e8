"""The explorer's audit log: who ran which SQL query or question, when, and how many rows it gave.

One JSON object a line in a file of its own (ingestion.paths.audit_log), outside the served warehouse, which
`kuntatalous publish` replaces whole. Each entry is appended with one write on a file opened O_APPEND and fsynced
before the query's answer is shown, so it survives a restart and a crash of the app. A crash in the middle of a write
can leave a line cut short: the next entry starts on a new line, and the reader reports the cut line instead of
stopping. Nothing here raises: a log that cannot be written or read is reported (problems(), read()), never a
reason for the explorer to stop.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingestion import paths

FIELDS = ("at", "user", "role", "ip", "action", "text", "rows", "outcome")
_REQUIRED = ("at", "action", "text")

_log = logging.getLogger(__name__)
_lock = threading.Lock()  # one writer at a time within the server process (sessions run on threads)
_failures: list[str] = []  # writes that failed since the server started, newest last


def record(action: str, text: str, rows: int | None, outcome: str, user: str | None, role: str | None,
           ip: str | None = None, path: Path | None = None) -> bool:
    """Append one entry and fsync it; False (and the failure remembered for problems()) when it could not be
    written."""
    path = path or paths.audit_log()
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "user": user, "role": role, "ip": ip, "action": action, "text": text, "rows": rows, "outcome": outcome,
    }
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    with _lock:
        try:
            _append(path, line)
        except OSError as exc:
            failure = f"{entry['at']}: {path}: {exc.strerror or exc}"
            _failures.append(failure)
            del _failures[:-20]
            _log.error("audit log not written: %s", failure)
            return False
    return True


def _append(path: Path, line: bytes) -> None:
    created = not path.exists()
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # the last write was cut short (a crash): do not glue this entry onto it
        written = 0
        while written < len(line):
            written += os.write(fd, line[written:])
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:  # the new file's name must survive a crash too
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def problems() -> list[str]:
    """Writes that failed since the server started."""
    return list(_failures)


@dataclass
class Read:
    entries: list[dict] = field(default_factory=list)  # newest first
    problems: list[str] = field(default_factory=list)
    lines: int = 0


def read(path: Path | None = None, limit: int = 1000) -> Read:
    """The last `limit` entries, newest first, and what is wrong with the lines that are not entries."""
    path = path or paths.audit_log()
    result = Read()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return result
    except OSError as exc:
        result.problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        return result
    lines = data.split(b"\n")
    cut_last = bool(lines[-1])  # no newline at the end: the last write did not finish
    if not cut_last:
        lines.pop()
    result.lines = len(lines)
    bad = []
    for number, raw in enumerate(lines, start=1):
        try:
            entry = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            # an entry this module began but a crash did not let it finish, or something else
            unfinished = raw.startswith(b'{"at": ') or (cut_last and number == len(lines))
            bad.append(f"line {number}: {'cut short' if unfinished else 'not JSON'}")
            continue
        if not isinstance(entry, dict) or any(k not in entry for k in _REQUIRED):
            bad.append(f"line {number}: not an audit entry (needs {', '.join(_REQUIRED)})")
            continue
        result.entries.append({k: entry.get(k) for k in FIELDS})
    if bad:
        shown = "; ".join(bad[:10]) + (f"; … {len(bad) - 10} more" if len(bad) > 10 else "")
        result.problems.append(f"{path}: {len(bad)} of {len(lines)} lines skipped: {shown}")
    result.entries = result.entries[::-1][:limit]
    return result
