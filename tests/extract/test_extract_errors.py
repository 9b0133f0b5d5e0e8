"""Bad input: exit code 2, one line on stderr naming the file and what is wrong, and no output file."""

from __future__ import annotations

import csv
import os
import subprocess

import pypdfium2 as pdfium
import pytest
from tests_extract_support import HEINOLA

from ingestion.extract import ExtractError, extract, extract_report
from tests.support import kuntatalous

SEED_LINES = HEINOLA.read_text(encoding="utf-8").split("\n")


def run(*args: str) -> subprocess.CompletedProcess:
    return kuntatalous("extract", *args, env=dict(os.environ), check=False)


def _fails(tmp_path, name: str, data: bytes, *expected: str) -> None:
    report = tmp_path / name
    report.write_bytes(data)
    out = tmp_path / "out.csv"
    result = run(str(report), "-o", str(out))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and name in lines[0], result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == [report]


def test_not_a_report(tmp_path):
    _fails(tmp_path, "notes.txt", b"Muistio\nTalous on tasapainossa.\n", "no budget table found")


def test_a_report_without_budget_tables(tmp_path):
    goals = "\n".join(SEED_LINES[:133]) + "\n"
    _fails(tmp_path, "goals.txt", goals.encode(), "no budget table found")


@pytest.mark.parametrize("cut, message", [
    (160, "never closed by its total"),  # ends after Avustukset: TOIMINTAKULUT has no total line
    (156, "never closed by its total"),
    (146, "ends after a table's first header line"),
])
def test_truncated_table(tmp_path, cut, message):
    text = "\n".join(SEED_LINES[:cut]) + "\n"
    _fails(tmp_path, "cut.txt", text.encode(), message)


def _one_table_unreadable(tmp_path, name: str, text: str, line: int, *expected: str) -> None:
    """One bad table never sinks the document: exit 1, the other tables read, the bad one a finding."""
    report, out, findings = tmp_path / name, tmp_path / "out.csv", tmp_path / "findings.csv"
    report.write_text(text, encoding="utf-8")
    result = run(str(report), "-o", str(out), "--findings", str(findings))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"{name}: 7 tables read (4 with findings), "
                                                             "1 unreadable"), result.stderr
    rows = [r for r in csv.DictReader(findings.open(encoding="utf-8")) if r["kind"] != "rounding"]
    assert [(r["source_line"], r["table_outcome"]) for r in rows] == [(str(line), "unreadable")]
    for words in expected:
        assert words in rows[0]["message"], rows[0]
    ledger = list(csv.DictReader(out.open(encoding="utf-8")))
    assert ledger and "Elinvoimalautakunnan toimiala" not in {r["section"] for r in ledger}


def test_row_cut_in_the_middle(tmp_path):
    text = "\n".join([*SEED_LINES[:156], "Henkilöstökulut -3 057 -1 376 -3 986", *SEED_LINES[157:]])
    _one_table_unreadable(tmp_path, "damaged.txt", text, 157, "Henkilöstökulut", "do not make")


def test_file_ending_inside_a_table(tmp_path):
    text = "\n".join(SEED_LINES[:150])  # no newline after the last row
    _fails(tmp_path, "eof.txt", text.encode(), "ends inside a table")


def test_numbers_that_break_the_arithmetic(tmp_path):
    lines = list(SEED_LINES)
    lines[148] = "Myyntituotot 263 113 330 100 147 637 182 999 44,70"
    _one_table_unreadable(tmp_path, "wrong.txt", "\n".join(lines), 149, "no reading", "Myyntituotot")


def test_ambiguous_row_names_the_candidates(tmp_path):
    text = ("Testilautakunnan toimiala\nTesti (Testin kaupunki)\n"
            "Testilautakunnan\ntoimiala TP 2021 TOT 2021 TA 2022 TOT 2022 - TOT-22 TP\n"
            "Selite 1000e 6 kk/1000e +muutos 6 kk Jäljellä % Ennuste\n"
            "Toimintatuotot 1 408 977 923 800 466 698 457 102 50,50 923 800\n\n")
    _fails(tmp_path, "ambiguous.txt", text.encode(), ":6:", "reads 2 ways", "[1 408 | 977 |", "[1 | 408 977 |")


def test_pdf_without_text_layer(tmp_path):
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(tmp_path / "scan.pdf")
    pdf.close()
    _fails(tmp_path, "scan.pdf", (tmp_path / "scan.pdf").read_bytes(), "no text layer")


def test_damaged_pdf(tmp_path):
    _fails(tmp_path, "broken.pdf", b"%PDF-1.7\n garbage", "unreadable PDF")


def test_unreadable_encoding(tmp_path):
    _fails(tmp_path, "binary.txt", b"TOIMINTATUOTOT \x81\x8d\x8f\x90\x9d\xff\xfe\x00", "unreadable encoding")


def test_binary_file(tmp_path):
    _fails(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data")


def test_missing_file(tmp_path):
    result = run(str(tmp_path / "nothing.txt"))
    assert result.returncode == 2 and "nothing.txt" in result.stderr and "cannot read" in result.stderr


def test_windows_1252_text_reads_the_same(tmp_path):
    copy = tmp_path / "heinola_cp1252.txt"
    copy.write_bytes(HEINOLA.read_text(encoding="utf-8").encode("cp1252"))
    assert [r.amount for r in extract_report(copy)] == [r.amount for r in extract_report(HEINOLA)]


def test_municipality_from_the_text_or_the_option(tmp_path):
    text = "\n".join(line for line in SEED_LINES if "Heinola" not in line)
    copy = tmp_path / "report.txt"
    copy.write_text(text, encoding="utf-8")
    with pytest.raises(ExtractError, match="--municipality"):
        extract(copy)
    assert {r.municipality for r in extract_report(copy, municipality="Heinola")} == {"Heinola"}


def test_cli_writes_the_csv(tmp_path):
    out = tmp_path / "ledger" / "heinola.csv"
    result = run(str(HEINOLA), "-o", str(out))
    # exit 1: eight totals printed in euros are off by one euro from rounding (findings, printed on stderr)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("off by 1 €, within the rounding") == 8
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["source_file", "source_line", "municipality"]
    assert len(lines) == 1 + 665
    assert lines[1] == ("heinola_elinvoimalautakunta_2022_06.txt,149,Heinola,Elinvoimalautakunta,"
                        "Elinvoimalautakunnan toimiala,committee,income_statement,Myyntituotot,1,actual,2021,12,"
                        "263000.00,1000 EUR,1000.00,263")
    assert [p.name for p in out.parent.iterdir()] == ["heinola.csv"]
