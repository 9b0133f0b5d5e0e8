"""What a table's printed numbers contradict, and tables that cannot be read: findings (docs/extracting.md).

Every table ends in one of three outcomes: `read` (every identity holds), `read_with_findings` (the printed
numbers are kept as printed; each identity that fails is a finding) or `unreadable` (the layout is not understood
or the print reads several ways; the finding names the line and the candidate readings)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields

READ, WITH_FINDINGS, UNREADABLE = "read", "read_with_findings", "unreadable"

# kind → what it means (docs/extracting.md lists them for users)
KINDS = {
    "row_identity": "a row's own arithmetic fails (remaining, variance, budget = original + changes)",
    "percentage": "a printed percentage is not actual / base × 100 at its rounding",
    "missing_sign": "the arithmetic holds only with the sign of one printed number turned",
    "subtotal": "a total line is not the sum of its printed lines",
    "rounding": "a total printed in euros misses the sum of its lines by less than their rounding (off by a euro)",
    "subtotal_unprinted": "a total line misses its printed lines and the table leaves out a line that may explain it",
    "unit_sum": "the units' (or groups') tables do not add up to the committee's table",
    "period": "the column head's period contradicts the table's title",
    "unknown_label": "no seed knows the row label: kept as printed, mapped to no statutory line",
    "contradiction": "the document prints the same fact twice with different numbers",
    "relabelled": "the document prints the same fact again under another row label: it lands once, as first printed",
    "layout": "the table's layout is not understood",
    "ambiguous": "the print reads several ways and the arithmetic does not single one out",
}


@dataclass(frozen=True)
class Finding:
    source_file: str
    source_line: int | None  # 1-based text line of the row (or the table's head)
    page: int | None
    committee: str
    section: str  # the table's title as printed
    table_outcome: str  # read_with_findings · unreadable
    kind: str
    line_item: str  # the row label as printed ("" for the whole table)
    column: str  # the column head as printed ("" when the finding is about a row or the table)
    printed: str  # the number(s) as printed
    computed: str  # what the table's own arithmetic gives (euros or percent)
    difference: str  # printed − computed
    message: str  # one sentence for a person


FINDING_COLUMNS = tuple(f.name for f in fields(Finding))


def findings_csv(findings: list[Finding]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FINDING_COLUMNS)
    for finding in findings:
        writer.writerow(["" if getattr(finding, name) is None else getattr(finding, name)
                         for name in FINDING_COLUMNS])
    return buffer.getvalue()
