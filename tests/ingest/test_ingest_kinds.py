"""Budget lines, ledger extracts, goal registers and reports land in their raw tables."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal

import duckdb
import pytest
from ingest_support import PROJECT_DIR, SEED_REPORT, Landing, assert_reconciles

from ingestion.ledger import LEDGER_COLUMNS


@pytest.fixture
def landing(tmp_path) -> Landing:
    return Landing(tmp_path / "landing", tmp_path / "build" / "b.duckdb", tmp_path / "artifacts")


def test_budget_lines(landing):
    landing.write(
        "budget/ta_2022.csv",
        "tilikausi;kustannuspaikka;tili;alkuperäinen_ta;ta_muutokset\n"
        "2022;5300;4000;-250000,00;-12000,00\n"
        "2022;5300;3210;80000;\n"
        "2022;5300;3210;90000;0\n"
        "2022;9999;4000;-1000;0\n",
    )
    result = landing.ingest()["budget/ta_2022.csv"]
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 4, 1, 3)
    assert_reconciles(landing, result)
    assert landing.query("SELECT municipality, fiscal_year, cost_centre, account, original_budget_eur, "
                         "budget_change_eur, _source_row FROM raw.budget_lines") == [
        ("Heinola", 2022, "5300", "4000", Decimal("-250000.00"), Decimal("-12000.00"), 1)]
    reasons = [r[3] for r in landing.rejected("budget/ta_2022.csv")]
    assert reasons == [
        "duplicate: rows 2, 3 have the same municipality, fiscal_year, cost_centre, account",
        "duplicate: rows 2, 3 have the same municipality, fiscal_year, cost_centre, account",
        "the file has no municipality column and the cost centre is not in seeds/cost_centre_map.csv",
    ]


def _ledger_row(**changes) -> dict:
    return {
        "source_file": "heinola_2022_06.txt", "source_line": 150, "municipality": "Heinola",
        "committee": "Elinvoimalautakunta", "section": "KULTTUURI", "section_level": "service_area",
        "table_kind": "income_statement", "line_item": "Myyntituotot", "line_order": 1, "measure": "actual",
        "fiscal_year": 2022, "period_months": 6, "amount": "33816.00", "unit": "EUR", "precision": "1.00",
        "printed_text": "33 816", **changes,
    }


def test_ledger_extract_csv_with_a_bad_measure(landing):
    rows = [_ledger_row(), _ledger_row(measure="budget", period_months=12, amount="80000.00", printed_text="80 000"),
            _ledger_row(measure="toteuma", line_order=2)]
    text = ",".join(LEDGER_COLUMNS) + "\n" + "\n".join(",".join(str(r[c]) for c in LEDGER_COLUMNS) for r in rows)
    result = landing.load("ledger/kulttuuri.csv", text + "\n")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)
    assert landing.query("SELECT measure, period_months, amount, precision FROM raw.ledger ORDER BY _source_row") == [
        ("actual", 6, Decimal("33816.00"), Decimal("1.00")), ("budget", 12, Decimal("80000.00"), Decimal("1.00"))]
    assert landing.rejected("ledger/kulttuuri.csv") == [
        (3, "measure", "toteuma",
         "not one of: actual, budget, original_budget, budget_change, forecast, remaining, variance, realization_pct")]


def test_goal_register_from_the_landing_folder(landing):
    # the seed's hand transcription, kept as the goal reader's test expectation, is a register like any other
    source = PROJECT_DIR / "tests" / "extract" / "expected" / "heinola_elinvoimalautakunta_2022_goals.csv"
    (landing.root / "goals").mkdir(parents=True)
    shutil.copy(source, landing.root / "goals" / source.name)
    result = landing.ingest()[f"goals/{source.name}"]
    assert result.status == "loaded" and result.rows_rejected == 0
    assert_reconciles(landing, result)
    with source.open(encoding="utf-8", newline="") as f:
        expected = list(csv.DictReader(f))
    assert result.rows_loaded == len(expected)
    loaded = landing.query("SELECT goal_id, reported_at, status, realization FROM raw.goals ORDER BY _source_row")
    assert [(g, d.isoformat(), s or "", r or "") for g, d, s, r in loaded] == [
        (e["goal_id"], e["reported_at"], e["status"], e["realization"]) for e in expected]


def test_goal_register_rules(landing):
    header = "goal_id,fiscal_year,municipality,committee,level,strategic_theme,goal,measures,target,reported_at," \
             "realization,responsible,status"
    rows = [
        (
            'G1,2022,Heinola,Elinvoimalautakunta,operational,,"Uusia työpaikkoja syntyy",Mittari,30,2022-06-30,'
            '"Valmennettu 14 yrittäjää,\nlisäksi neuvontaa",Elinvoimajohtaja,Toteutuu'
        ),
        "G1,2022,Heinola,Elinvoimalautakunta,operational,,Uusia työpaikkoja syntyy,,,2022-03-31,,,",
        "G2,2022,Heinola,Elinvoimalautakunta,tactical,,Tavoite,,,2022-06-30,,,Toteutuu",
        "G3,2022,Heinola,Elinvoimalautakunta,strategic,,Tavoite,,,2020-06-30,,,Hyvä",
    ]
    result = landing.load("goals/register.csv", header + "\n" + "\n".join(rows) + "\n")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert landing.query("SELECT goal_id, reported_at, status, realization FROM raw.goals ORDER BY reported_at") == [
        ("G1", date(2022, 3, 31), None, None),
        ("G1", date(2022, 6, 30), "Toteutuu", "Valmennettu 14 yrittäjää,\nlisäksi neuvontaa"),
    ]
    reasons = {(r[1], r[3]) for r in landing.rejected("goals/register.csv")}
    assert reasons == {
        ("level", "not one of: strategic, operational"),
        ("status", "not one of: Toteutuu, Toteutuu osittain, Ei toteudu, Ei tietoa, Valmis"),
        ("reported_at", "reported 2020-06-30, outside fiscal year 2022 and the spring after it"),
    }


def test_report_is_extracted_on_the_fly(landing):
    (landing.root / "reports").mkdir(parents=True)
    shutil.copy(SEED_REPORT, landing.root / "reports" / SEED_REPORT.name)
    result = landing.ingest()[f"reports/{SEED_REPORT.name}"]
    assert result.status == "loaded" and result.rows_rejected == 0 and result.rows_loaded > 600
    assert_reconciles(landing, result)
    # Kulttuuri, Myyntituotot, TOT 2022 6 kk as printed on the report's text line 252: "33 816"
    rows = landing.query(
        "SELECT amount, unit, printed_text, _source_row FROM raw.ledger WHERE section = 'KULTTUURI' "
        "AND line_item = 'Myyntituotot' AND measure = 'actual' AND fiscal_year = 2022 AND period_months = 6"
    )
    assert len(rows) == 1 and rows[0][:3] == (Decimal("33816.00"), "EUR", "33 816")
    line = SEED_REPORT.read_text(encoding="utf-8").splitlines()[rows[0][3] - 1]
    assert line.strip().startswith("Myyntituotot 22 12 80 000 33 816")


def test_report_goals_kpis_and_risks_land_in_their_raw_tables(landing):
    (landing.root / "reports").mkdir(parents=True)
    shutil.copy(SEED_REPORT, landing.root / "reports" / SEED_REPORT.name)
    results = landing.ingest()
    rel = f"reports/{SEED_REPORT.name}"
    # 18 goals (6 strategic at 30.6., 12 operational at 31.3. and 30.6.), 2 KPIs × 3 columns, 2 risks
    for kind, rows in (("report_goals", 30), ("report_kpis", 6), ("report_risks", 2)):
        result = results[f"{rel}#{kind}"]
        assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", rows, rows, 0)
        assert_reconciles(landing, result)
    # the goal reader's uncertain placements are in the log, naming the line
    goals_log = landing.query("SELECT message FROM raw.load_log WHERE kind = 'report_goals'")[0][0]
    assert f"{SEED_REPORT.name}:1206: goal table: the page break falls after a full sentence" in goals_log
    assert landing.query("SELECT indicator, value, qualifier FROM raw.kpis WHERE value_kind = 'target' "
                         "ORDER BY indicator") == [("Nettomenot/asukas", Decimal("261.8000"), None),
                                                   ("Tuotot % kuluista", Decimal("42.9500"), None)]
    assert landing.query("SELECT risk, risk_value, risk_value_printed, _source_path FROM raw.risks ORDER BY 2") == [
        ("Henkilöstöriskit", 1, False, rel), ("Koronan vaikutukset", 6, False, rel)]
    # a second ingest of the same file changes nothing, kind by kind
    again = landing.ingest()
    assert {again[key].status for key in again} == {"unchanged"}


def test_report_without_a_budget_table_loads_nothing_and_says_why(landing):
    # minutes without a follow-up item are reported as such, not a failure that stops the build
    landing.write("reports/muistio.txt", "Kokousmuistio\nEi taulukoita tässä.\n")
    result = landing.ingest()["reports/muistio.txt"]
    assert (result.status, result.rows_read, result.rows_loaded) == ("loaded", 0, 0)
    assert result.message == "no budget table found (not a budget follow-up report?)"
    assert landing.query("SELECT count(*) FROM raw.ledger") == [(0,)]


def test_unreadable_report_fails_with_the_extractors_message(landing):
    landing.write("reports/rikki.pdf", "%PDF-1.7\n garbage")
    result = landing.ingest()["reports/rikki.pdf"]
    assert result.status == "failed" and result.message.startswith("reports/rikki.pdf")
    assert "unreadable PDF" in result.message
    assert landing.query("SELECT count(*) FROM raw.ledger") == [(0,)]


def test_parquet_with_text_amounts_is_cast_and_checked(landing):
    path = landing.root / "budget" / "ta.parquet"
    path.parent.mkdir(parents=True)
    duckdb.sql(
        "COPY (SELECT * FROM (VALUES ('Heinola', 2022, '5100', '4000', '-1200000.50', NULL), "
        "('Heinola', 2022, '5100', '4100', 'noin miljoona', '0'), ('Heinola', 2022, '5100', '4200', '-5000', '-250.25')) "
        f"t(municipality, fiscal_year, cost_centre, account, original_budget_eur, budget_change_eur)) TO '{path}' "
        "(FORMAT parquet)"
    )
    result = landing.ingest()["budget/ta.parquet"]
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 2, 1)
    assert_reconciles(landing, result)
    assert landing.query("SELECT account, original_budget_eur, budget_change_eur FROM raw.budget_lines "
                         "ORDER BY _source_row") == [
        ("4000", Decimal("-1200000.50"), None), ("4200", Decimal("-5000.00"), Decimal("-250.25"))]
    assert landing.rejected("budget/ta.parquet") == [
        (2, "original_budget_eur", "noin miljoona",
         "not a euro amount with at most two decimals, like -1234.56 or -1234,56")]


def test_report_findings_land_with_their_load(landing):
    # a Lapua minutes PDF whose printed numbers contradict themselves: every number loads as printed, every
    # finding lands in raw.extract_findings with the load that brought it
    source = next((PROJECT_DIR / "data" / "landing" / "reports" / "lapua").rglob("*Sivistyslautakunta - 21.11.2024*"))
    (landing.root / "reports").mkdir(parents=True)
    shutil.copy(source, landing.root / "reports" / "sivla.pdf")
    result = landing.ingest()["reports/sivla.pdf"]
    assert (result.status, result.rows_read, result.rows_loaded) == ("loaded", 89, 89)
    assert landing.query(
        "SELECT f.source_row, f.kind, f.line_item, l.status FROM raw.extract_findings AS f "
        "JOIN raw.load_log AS l USING (load_id) ORDER BY f.source_row") == [
        (452, "rounding", "Toimintakate", "loaded"), (462, "rounding", "Toimintakate", "loaded"),
        (470, "percentage", "Toimintatuotot", "loaded"), (477, "rounding", "Toimintakate", "loaded"),
        (488, "missing_sign", "Varhaiskasvatus", "loaded"), (515, "rounding", "Toimintakate", "loaded")]


def test_a_fact_printed_again_under_a_new_label_loads_without_rejects(landing):
    # Lapua Hyvinvointilautakunta 14.11.2024: the investments of § 143 (p. 25, "Kulttuuritoimi -39.000") are
    # printed again in § 144 (p. 26, "Vanha Paukku / kulttuuritoimi -39.000"): one budget, no duplicate to reject
    source = next((PROJECT_DIR / "data" / "landing" / "reports" / "lapua").rglob("*Hyvinvointilautakunta - 14.11.2024*"))
    (landing.root / "reports").mkdir(parents=True)
    shutil.copy(source, landing.root / "reports" / "hyvla.pdf")
    result = landing.ingest()["reports/hyvla.pdf"]
    assert (result.status, result.rows_rejected) == ("loaded", 0)
    assert_reconciles(landing, result)
    assert landing.rejected("reports/hyvla.pdf") == []
    assert landing.query(
        "SELECT line_item, amount, printed_text FROM raw.ledger WHERE table_kind = 'investments' "
        "AND measure = 'budget' AND line_order = 4") == [("Kulttuuritoimi", Decimal("-39000.00"), "-39.000")]
    assert landing.query(
        "SELECT page, line_item, column_name, printed FROM raw.extract_findings WHERE kind = 'relabelled'") == [
        (26, "Vanha Paukku / kulttuuritoimi", "TA 24", "-39.000")]
