"""XLSX: the one sheet holding the kind's columns, read as text (fastexcel)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ingestion.landing.formats.base import Inserted, LoadContext
from ingestion.landing.formats.frames import frame_from_rows, insert_frame
from ingestion.landing.kinds import Kind
from ingestion.landing.readers import ReadError, map_header


class Xlsx:
    suffixes = (".xlsx",)

    def location(self, source_row: int) -> str:
        return f"sheet row {source_row + 1}"  # the header is sheet row 1

    def insert(self, ctx: LoadContext) -> Inserted:
        frame, ignored, notes = read_xlsx(ctx.path, ctx.kind, ctx.where)
        ctx.attempt.notes.extend(notes)
        return insert_frame(ctx, frame, ignored)


def read_xlsx(path: Path, kind: Kind, where: str) -> tuple[pa.Table, tuple[str, ...], list[str]]:
    """The one sheet holding the kind's columns, as text. Other sheets are named in the notes, never guessed at."""
    import fastexcel

    try:
        workbook = fastexcel.read_excel(str(path))
    except Exception as error:  # fastexcel raises its own error types for broken zip/xml
        raise ReadError(f"{where}: not a readable XLSX workbook ({error})") from error
    matching = []
    notes = []
    for name in workbook.sheet_names:
        sheet = workbook.load_sheet(name, dtypes="string", header_row=None).to_polars()
        if sheet.height == 0:
            notes.append(f"sheet {name!r} is empty")
            continue
        header = ["" if v is None else str(v) for v in sheet.row(0)]
        try:
            mapped = map_header(header, kind, f"{where} sheet {name!r}")
        except ReadError as error:
            notes.append(f"sheet {name!r} ignored: {error}")
            continue
        matching.append((name, sheet, mapped))
    if len(matching) != 1:
        found = ", ".join(repr(m[0]) for m in matching) or "none"
        detail = "; ".join(notes)
        raise ReadError(
            f"{where}: expected exactly one sheet with the {kind.name} columns, found {found}"
            + (f" ({detail})" if detail else "")
        )
    name, sheet, (columns, ignored, _absent) = matching[0]
    rows, numbers = [], []
    for index, row in enumerate(sheet.iter_rows()):
        if index == 0 or all(v is None or str(v).strip() == "" for v in row):
            continue  # header; wholly blank rows carry nothing (like blank lines in a CSV)
        rows.append(list(row))
        numbers.append(index)  # data row n sits on sheet row n + 1
    if len(workbook.sheet_names) > 1:
        notes.insert(0, f"read sheet {name!r}")
    return frame_from_rows(list(columns), rows, numbers), ignored, notes
