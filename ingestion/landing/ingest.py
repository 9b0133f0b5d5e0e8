"""`kuntatalous ingest`: every file under data/landing/ into the raw schema of the build file, one transaction per
file, with progress on the terminal. Exit code 0 when every file loaded (or was unchanged), 1 when some failed
(the others still load)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from ingestion import paths
from ingestion.landing.kinds import KINDS, Kind
from ingestion.landing.load import Loader, LoadResult
from ingestion.landing.schema import ensure_raw_schema


@dataclass(frozen=True)
class LandingFile:
    kind: Kind
    path: Path


def discover(landing: Path) -> tuple[list[LandingFile], list[Path]]:
    """Files to load, in a fixed order (kind, then name), and files of a type their folder does not take."""
    found, skipped = [], []
    for kind in KINDS:
        folder = landing / kind.landing_folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            if path.suffix.lower() in kind.extensions:
                found.append(LandingFile(kind, path))
            else:
                skipped.append(path)
    return found, skipped


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _summary(result: LoadResult, label: str) -> str:
    if result.status == "unchanged":
        return f"[dim]= {label}: unchanged[/dim]"
    if result.status == "failed":
        return f"[red]✗ {label}: FAILED[/red] — {result.message}"
    text = (f"[green]✓[/green] {label}: {result.status}, {_count(result.rows_read)} rows read, "
            f"{_count(result.rows_loaded)} loaded, {_count(result.rows_rejected)} rejected")
    if result.examples:
        text += f"\n    rejected: {'; '.join(result.examples)}"
    return text


def ingest(landing: Path, db: Path, artifacts: Path, console: Console | None) -> list[LoadResult]:
    files, skipped = discover(landing)
    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db))
    try:
        ensure_raw_schema(con)
        loader = Loader(con, landing, artifacts)
        results = []
        for path in skipped:
            if console:
                console.print(f"[yellow]! {path.relative_to(landing).as_posix()}: skipped — not a file type "
                              f"this folder takes[/yellow]")
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
            console=console, disable=console is None, transient=True,
        )
        with progress:
            overall = progress.add_task(f"{len(files)} file(s)", total=max(len(files), 1))
            for number, item in enumerate(files, start=1):
                rel = item.path.relative_to(landing).as_posix()
                if item.kind.folder:  # one file, several tables: say which
                    rel = f"{rel} → {item.kind.table}"
                size = item.path.stat().st_size
                if console:
                    console.print(f"loading {rel} ({size / 1e6:.1f} MB) [{number}/{len(files)}]")
                    console.file.flush()
                current = progress.add_task(rel, total=1.0)
                result = loader.load_file(
                    item.kind, item.path,
                    lambda done, phase, t=current, rel=rel: progress.update(t, completed=done,
                                                                            description=f"{rel} · {phase}"),
                )
                progress.remove_task(current)
                progress.advance(overall)
                results.append(result)
                if console:
                    console.print(_summary(result, rel))
        docs = loader.finish()
        if console and docs:
            console.print(f"Data Docs: {docs}")
        return results
    finally:
        con.close()


def command(args: argparse.Namespace) -> int:
    landing = Path(args.landing).resolve() if getattr(args, "landing", None) else paths.landing_dir()
    db = Path(args.db).resolve() if getattr(args, "db", None) else paths.build_db()
    console = None if getattr(args, "quiet", False) else Console(highlight=False, soft_wrap=True)
    if not landing.is_dir():
        print(f"kuntatalous ingest: landing folder {landing} does not exist", file=sys.stderr)
        return 1
    try:
        results = ingest(landing, db, paths.artifacts_dir(), console)
    except duckdb.IOException as error:
        print(f"kuntatalous ingest: cannot open the build file {db}: {error}", file=sys.stderr)
        return 1
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        if console is None:
            print(f"{r.source_path}: FAILED — {r.message}", file=sys.stderr)
    if console:
        counts = {s: sum(r.status == s for r in results) for s in ("loaded", "replaced", "unchanged", "failed")}
        console.print(", ".join(f"{n} {s}" for s, n in counts.items()))
    return 1 if failed else 0

