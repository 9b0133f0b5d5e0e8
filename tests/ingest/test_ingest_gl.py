"""GL postings, CSV/XLSX/Parquet, good and bad: every bad input gives a message naming the file and the line, and
rows read = loaded + rejected (asserted for every file)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest
import xlsxwriter
from ingest_support import GL_HEADER, GL_ROWS, Landing, assert_reconciles, gl_csv, sha256


@pytest.fixture
def landing(tmp_path) -> Landing:
    return Landing(tmp_path / "landing", tmp_path / "build" / "b.duckdb", tmp_path / "artifacts")


def test_finnish_export_loads_exactly_with_lineage(landing):
    path = landing.write("gl/kirjanpito_2022.csv", gl_csv(GL_ROWS))
    result = landing.ingest()["gl/kirjanpito_2022.csv"]
    assert result.status == "loaded"
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 4, 0)
    assert_reconciles(landing, result)
    rows = landing.query(
        "SELECT municipality, posting_date, fiscal_year, cost_centre, account, amount_eur, document_id, "
        "document_line, description, project, _source_path, _source_sha256, _source_row FROM raw.gl_postings "
        "ORDER BY _source_row"
    )
    digest = sha256(path)
    assert rows == [
        (
            "Heinola",
            date(2022, 1, 3),
            2022,
            "5300",
            "4000",
            Decimal("-2500.00"),
            "T1",
            1,
            "Palkat tammikuu",
            None,
            "gl/kirjanpito_2022.csv",
            digest,
            1,
        ),
        (
            "Heinola",
            date(2022, 1, 3),
            2022,
            "5300",
            "4100",
            Decimal("-412.50"),
            "T1",
            2,
            "Eläkekulut tammikuu",
            None,
            "gl/kirjanpito_2022.csv",
            digest,
            2,
        ),
        (
            "Heinola",
            date(2022, 2, 14),
            2022,
            "5510",
            "3000",
            Decimal("1234.56"),
            "T2",
            1,
            "Karttatuotteet",
            "P-1",
            "gl/kirjanpito_2022.csv",
            digest,
            3,
        ),
        (
            "Heinola",
            date(2022, 6, 28),
            2022,
            "5110",
            "3300",
            Decimal("10000.00"),
            "T3",
            1,
            "Valtionavustus työpaja",
            None,
            "gl/kirjanpito_2022.csv",
            digest,
            4,
        ),
    ]
    assert landing.log("gl/kirjanpito_2022.csv")[0][:7] == ("loaded", 4, 4, 0, "utf-8", ";", ",")
    types = dict(
        landing.query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'gl_postings'"
        )
    )
    assert types["amount_eur"] == "DECIMAL(18,2)" and types["posting_date"] == "DATE"
    # GX ran on the batch and its results are in the warehouse
    gx = landing.query(
        "SELECT count(*), bool_and(success) FROM raw.gx_results WHERE load_id = ?", [result.load_id]
    )
    assert gx[0][0] > 10 and gx[0][1] is True
    assert (landing.artifacts / "gx_data_docs" / "index.html").exists()


def test_comma_delimited_iso_with_bom_and_crlf(landing):
    header = "municipality,posting_date,cost_centre,account,amount_eur,document_id,document_line,description"
    rows = [
        'Heinola,2022-03-01,5200,4300,-99.95,A-1,1,"Konsultointi, maaliskuu"',
        "Heinola,2022-03-02,5200,4300,-0.05,A-1,2,Pyöristys",
    ]
    result = landing.load("gl/bom.csv", b"\xef\xbb\xbf" + gl_csv(rows, header, newline="\r\n").encode())
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("loaded", 2, 0)
    assert landing.query(
        "SELECT municipality, description, amount_eur FROM raw.gl_postings ORDER BY _source_row"
    ) == [
        ("Heinola", "Konsultointi, maaliskuu", Decimal("-99.95")),
        ("Heinola", "Pyöristys", Decimal("-0.05")),
    ]
    assert landing.log("gl/bom.csv")[0][4:7] == ("utf-8", ",", ".")


def test_latin1_file_is_detected_and_recorded(landing):
    result = landing.load("gl/latin1.csv", gl_csv(GL_ROWS[:2]), encoding="latin-1")
    assert (result.status, result.rows_loaded) == ("loaded", 2)
    assert landing.query("SELECT description FROM raw.gl_postings ORDER BY _source_row") == [
        ("Palkat tammikuu",),
        ("Eläkekulut tammikuu",),
    ]
    assert landing.log("gl/latin1.csv")[0][4] == "latin-1"


@pytest.mark.parametrize("codec, recorded, description", [
    ("latin-1", "latin-1", "Lomaraha kesäkuu"),
    ("cp1252", "windows-1252", "Lomaraha – kesäkuu"),
])
def test_single_byte_text_far_into_a_utf8_looking_file(landing, codec, recorded, description):
    # the first 256 kB are plain ASCII, so only DuckDB's reader meets the other encoding; the file is read again
    rows = [f"Heinola;3.1.2022;5300;4000;-1,00;A{n};1;Palkka {n};" for n in range(6000)]
    rows.append(f"Heinola;4.1.2022;5300;4000;-2,00;B1;1;{description};")
    result = landing.load("gl/late.csv", gl_csv(rows), encoding=codec)
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 6001, 6001, 0)
    assert landing.log("gl/late.csv")[0][4] == recorded
    assert landing.query("SELECT description, _source_row FROM raw.gl_postings WHERE document_id = 'B1'") == [
        (description, 6001)]


def test_wrong_delimiter_fails_the_file_with_a_clear_message(landing):
    result = landing.load("gl/pipes.csv", gl_csv([r.replace(";", "|") for r in GL_ROWS], GL_HEADER.replace(";", "|")))
    assert result.status == "failed"
    assert "gl/pipes.csv" in result.message and "missing required column" in result.message
    assert "separated by ';', ',' or a tab" in result.message
    assert landing.query("SELECT count(*) FROM raw.gl_postings") == [(0,)]
    assert landing.log("gl/pipes.csv")[0][0] == "failed"


def test_missing_column_names_what_is_expected(landing):
    header = GL_HEADER.replace(";summa", "")
    rows = [";".join(r.split(";")[:4] + r.split(";")[5:]) for r in GL_ROWS]
    landing.write("gl/no_amount.csv", gl_csv(rows, header))
    result = landing.ingest()["gl/no_amount.csv"]
    assert result.status == "failed"
    assert "gl/no_amount.csv: missing required column(s) amount_eur (or amount, summa" in result.message
    assert landing.query("SELECT count(*) FROM raw.gl_postings") == [(0,)]


def test_non_numeric_amount_is_quarantined_with_line_value_and_reason(landing):
    rows = [*GL_ROWS]
    rows[2] = rows[2].replace("1234,56", "12x4,56")
    result = landing.load("gl/typo.csv", gl_csv(rows))
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 4, 3, 1)
    assert landing.rejected("gl/typo.csv") == [
        (3, "amount_eur", "12x4,56", "not a euro amount with at most two decimals, like -1234.56 or -1234,56")
    ]
    assert result.examples[0].startswith("line 4 amount_eur '12x4,56'")
    # the rows after the refused one keep their own row numbers
    assert landing.query("SELECT _source_row, document_id FROM raw.gl_postings ORDER BY 1") == [
        (1, "T1"),
        (2, "T1"),
        (4, "T3"),
    ]


def test_more_than_two_decimals_is_refused_not_rounded(landing):
    rows = [*GL_ROWS]
    rows[0] = rows[0].replace("-2500,00", "-2500,005")
    result = landing.load("gl/cents.csv", gl_csv(rows))
    assert (result.rows_loaded, result.rows_rejected) == (3, 1)
    assert landing.rejected("gl/cents.csv") == [
        (
            1,
            "amount_eur",
            "-2500,005",
            "not a euro amount with at most two decimals, like -1234.56 or -1234,56",
        )
    ]


def test_unknown_account_and_cost_centre(landing):
    rows = [*GL_ROWS]
    rows[1] = rows[1].replace(";4100;", ";9999;")
    rows[3] = rows[3].replace(";5110;", ";7777;")
    result = landing.load("gl/unknown.csv", gl_csv(rows))
    assert (result.rows_loaded, result.rows_rejected) == (2, 2)
    assert landing.rejected("gl/unknown.csv") == [
        (2, "account", "9999", "account 9999 is not in seeds/gl_account_map.csv for Heinola"),
        (4, "cost_centre", "7777", "cost centre 7777 is not in seeds/cost_centre_map.csv for Heinola"),
    ]


def test_duplicate_document_line_refuses_every_copy(landing):
    rows = [*GL_ROWS, GL_ROWS[0].replace("-2500,00", "-2600,00")]
    result = landing.load("gl/dup.csv", gl_csv(rows))
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5, 3, 2)
    reason = "duplicate: rows 1, 5 have the same municipality, document_id, document_line"
    assert landing.rejected("gl/dup.csv") == [
        (1, "document_line", "1", reason),
        (5, "document_line", "1", reason),
    ]


@pytest.mark.parametrize("line", [1, 64, 65, 300])
def test_duplicate_found_on_any_line_number(landing, line):
    """Lines 1-64 are proven unique by a bitmap per document, the others by the hash proof: both must catch it."""
    lines = (1, 2, 64, 65, 300) if line > 64 else (1, 2, 64)  # one line past 64 sends the batch to the hash proof
    rows = [f"Heinola;3.1.2022;5300;4000;-1,00;T7;{n};Rivi {n};" for n in lines]
    rows.append(f"Heinola;3.1.2022;5300;4000;-2,00;T7;{line};Toinen;")
    result = landing.load("gl/dup_line.csv", gl_csv(rows))
    last = len(lines) + 1
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (last, last - 2, 2)
    first = lines.index(line) + 1
    reason = f"duplicate: rows {first}, {last} have the same municipality, document_id, document_line"
    assert landing.rejected("gl/dup_line.csv") == [
        (first, "document_line", str(line), reason),
        (last, "document_line", str(line), reason),
    ]


def test_document_line_already_loaded_from_another_file(landing):
    landing.write("gl/a.csv", gl_csv(GL_ROWS[:2]))
    landing.write("gl/b.csv", gl_csv(GL_ROWS[1:]))
    results = landing.ingest()
    assert (results["gl/b.csv"].rows_loaded, results["gl/b.csv"].rows_rejected) == (2, 1)
    assert landing.rejected("gl/b.csv") == [
        (
            1,
            "document_line",
            "2",
            "already loaded from gl/a.csv row 2 (same municipality, document_id, document_line)",
        )
    ]


def test_fiscal_year_must_match_the_posting_date(landing):
    header = "municipality;posting_date;fiscal_year;cost_centre;account;amount;document_id;document_line"
    rows = ["Heinola;2022-01-31;2022;5100;4000;-10;D1;1", "Heinola;2022-01-31;2021;5100;4000;-10;D1;2"]
    landing.write("gl/fy.csv", gl_csv(rows, header))
    result = landing.ingest()["gl/fy.csv"]
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert landing.rejected("gl/fy.csv") == [
        (2, "fiscal_year", "2021", "fiscal year 2021 does not match the posting date 2022-01-31")
    ]


def test_municipality_and_document_line_derived_when_absent(landing):
    header = "posting_date;cost_centre;account;amount;document_id;description"
    rows = [
        "2022-05-02;5400;4330;-800;K9;Kaava-aineisto",
        "2022-05-02;5400;4330;-200;K9;Kaava-aineisto 2",
        "2022-05-03;5410;4300;-50;K10;Liikennelaskenta",
    ]
    landing.write("gl/lean.csv", gl_csv(rows, header))
    result = landing.ingest()["gl/lean.csv"]
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert landing.query(
        "SELECT municipality, fiscal_year, document_id, document_line FROM raw.gl_postings "
        "ORDER BY _source_row"
    ) == [("Heinola", 2022, "K9", 1), ("Heinola", 2022, "K9", 2), ("Heinola", 2022, "K10", 1)]


def test_empty_file_and_header_only_file_fail_clearly(landing):
    landing.write("gl/empty.csv", b"")
    landing.write("gl/header_only.csv", GL_HEADER + "\n")
    results = landing.ingest()
    assert results["gl/empty.csv"].status == "failed"
    assert "gl/empty.csv: the file is empty (0 bytes)" in results["gl/empty.csv"].message
    assert results["gl/header_only.csv"].status == "failed"
    assert "gl/header_only.csv: nothing to load: the file has a header but no data rows" in (
        results["gl/header_only.csv"].message
    )
    for result in results.values():
        assert_reconciles(landing, result)
    assert landing.query("SELECT count(*) FROM raw.gl_postings") == [(0,)]


def test_file_truncated_mid_row(landing):
    text = gl_csv(GL_ROWS)
    landing.write(
        "gl/cut.csv", text[: text.index("Valtionavustus") - 8]
    )  # cut inside the last row, no newline
    result = landing.ingest()["gl/cut.csv"]
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 4, 3, 1)
    assert_reconciles(landing, result)
    [(row, _column, _value, reason)] = landing.rejected("gl/cut.csv")
    assert row == 4 and reason.startswith("the row is incomplete")
    assert "line 5" in result.examples[0]


def test_all_rows_rejected_fails_the_file(landing):
    landing.write(
        "gl/all_bad.csv",
        gl_csv(
            [r.replace(";5300;", ";1;").replace(";5510;", ";1;").replace(";5110;", ";1;") for r in GL_ROWS]
        ),
    )
    result = landing.ingest()["gl/all_bad.csv"]
    assert result.status == "failed"
    assert (
        "gl/all_bad.csv: nothing to load: all 4 rows were rejected, e.g. line 2 cost_centre '1'"
        in result.message
    )
    assert_reconciles(landing, result)
    assert landing.query("SELECT count(*) FROM raw.rejected_rows") == [(0,)]  # rolled back with the file


def _xlsx(path, sheets: dict[str, list[list]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    day = workbook.add_format({"num_format": "d.m.yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, day)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()


GL_XLSX = [
    ["Kunta", "Kirjauspäivä", "Kustannuspaikka", "Tili", "Summa", "Tosite", "Rivi", "Selite"],
    ["Heinola", date(2022, 4, 1), "5320", 4360, -1500.4, "X1", 1, "Tapahtumamainonta"],
    ["Heinola", "2.4.2022", "5320", "3210", 320, "X2", 1, "Lipputulot"],
    [None] * 8,
    ["Heinola", date(2022, 4, 3), "5320", 4360, "paljon", "X3", 1, "Virheellinen summa"],
]


def test_xlsx_with_an_extra_sheet(landing):
    _xlsx(
        landing.root / "gl/tapahtumat.xlsx", {"Kirjaukset": GL_XLSX, "Muistiinpanot": [["Tarkistettu 5.4."]]}
    )
    result = landing.ingest()["gl/tapahtumat.xlsx"]
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 2, 1)
    assert_reconciles(landing, result)
    assert "read sheet 'Kirjaukset'" in result.message and "sheet 'Muistiinpanot' ignored" in result.message
    assert landing.query(
        "SELECT posting_date, account, amount_eur, _source_row FROM raw.gl_postings ORDER BY 4"
    ) == [
        (date(2022, 4, 1), "4360", Decimal("-1500.40"), 1),
        (date(2022, 4, 2), "3210", Decimal("320.00"), 2),
    ]
    assert landing.rejected("gl/tapahtumat.xlsx") == [
        (4, "amount_eur", "paljon", "not a euro amount with at most two decimals, like -1234.56 or -1234,56")
    ]
    assert result.examples[0].startswith("sheet row 5 amount_eur 'paljon'")


def test_xlsx_with_two_posting_sheets_is_not_guessed(landing):
    _xlsx(landing.root / "gl/kaksi.xlsx", {"Tammikuu": GL_XLSX[:3], "Helmikuu": GL_XLSX[:2]})
    result = landing.ingest()["gl/kaksi.xlsx"]
    assert result.status == "failed"
    assert "expected exactly one sheet with the gl columns, found 'Tammikuu', 'Helmikuu'" in result.message


def test_parquet_postings(landing, tmp_path):
    path = landing.root / "gl" / "export.parquet"
    path.parent.mkdir(parents=True)
    duckdb.sql(
        "COPY (SELECT 'Heinola' AS municipality, DATE '2022-02-01' + CAST(i AS INTEGER) AS posting_date, '5500' AS cost_centre, "
        "'3410' AS account, CAST(100.25 * (i + 1) AS DECIMAL(18,2)) AS amount_eur, 'M' || i AS document_id, "
        f"1 AS document_line FROM range(5) t(i)) TO '{path}' (FORMAT parquet)"
    )
    result = landing.ingest()["gl/export.parquet"]
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("loaded", 5, 0)
    assert_reconciles(landing, result)
    assert landing.query("SELECT sum(amount_eur), max(_source_row) FROM raw.gl_postings") == [
        (Decimal("1503.75"), 5)
    ]


def test_windows_1252_file_from_excel_keeps_its_euro_signs_and_dashes(landing):
    # Excel on a Finnish Windows saves "CSV (puolipiste)" in Windows-1252: ä/ö as in Latin-1, but € – ” are bytes
    # 0x80-0x9F, which Latin-1 does not have
    rows = [GL_ROWS[0].replace("Palkat tammikuu", "Palkat – tammikuu (”korjattu”) 2 500 €"), GL_ROWS[1]]
    result = landing.load("gl/excel.csv", gl_csv(rows), encoding="cp1252")
    assert (result.status, result.rows_loaded) == ("loaded", 2), result.message
    assert landing.query("SELECT description, _source_row FROM raw.gl_postings ORDER BY _source_row") == [
        ("Palkat – tammikuu (”korjattu”) 2 500 €", 1),
        ("Eläkekulut tammikuu", 2),
    ]
    assert landing.log("gl/excel.csv")[0][4] == "windows-1252"


def test_a_byte_no_encoding_explains_fails_the_file_naming_its_line(landing):
    # 0x81 is neither UTF-8 here nor a character of Windows-1252
    data = gl_csv(GL_ROWS[:2]).encode("cp1252").replace("Eläkekulut".encode("cp1252"), b"El\x81kekulut")
    landing.write("gl/broken.csv", data)
    result = landing.ingest()["gl/broken.csv"]
    assert result.status == "failed"
    assert "gl/broken.csv" in result.message and "line 3" in result.message and "0x81" in result.message
    assert landing.query("SELECT count(*) FROM raw.gl_postings") == [(0,)]
