"""What each benchmark records about the machine it ran on (bench/README.md: date, machine, load)."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

import duckdb


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def describe() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} cores ({cpu_model()}), "
            f"{platform.python_implementation()} {platform.python_version()}, duckdb {duckdb.__version__}")


def record_start() -> dict[str, object]:
    """The head of a results file: when, on what, and how loaded the machine was as the run began."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": describe(),
        "load_average_before": os.getloadavg(),
    }
