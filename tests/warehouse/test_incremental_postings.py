"""The incremental postings model stays equal to its full recomputation when a landing file is corrected: months
the corrected file no longer touches must lose the old version's postings too."""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from tests.support import PROJECT_DIR, Warehouse, kuntatalous

HEADER = "kunta;kirjauspäivä;kustannuspaikka;tili;summa;tosite;rivi;selite;projekti"
FIRST = [
    "Heinola;3.1.2022;5300;4000;-2500,00;T1;1;Palkat tammikuu;",
    "Heinola;15.3.2022;5300;4000;-1200,00;T2;1;Palkat maaliskuu;",
    "Heinola;15.3.2022;5510;3000;300,00;T3;1;Karttatuotteet;",
]
# the correction moves March's postings out: the file now holds January only
CORRECTED = ["Heinola;3.1.2022;5300;4000;-2600,00;T1;1;Palkat tammikuu (korjattu);"]

MONTHLY = ("select fiscal_year, posting_month, cost_centre, account, amount_eur from intermediate.int_gl_postings_monthly "
           "where source_paths like '%gl/kirjanpito_2022.csv%' order by all")
FROM_RAW = ("select fiscal_year, cast(month(posting_date) as integer), cost_centre, account, "
            "cast(sum(amount_eur) as decimal(18, 2)) from raw.gl_postings where _source_path = 'gl/kirjanpito_2022.csv' "
            "group by all order by all")


def _build(wh: Warehouse) -> duckdb.DuckDBPyConnection:
    result = kuntatalous("build", env=wh.env(), check=False)
    if result.returncode != 0:
        pytest.fail(f"kuntatalous build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return duckdb.connect(str(wh.build_db), read_only=True)


def test_a_corrected_file_leaves_no_month_of_its_old_version(tmp_path):
    wh = Warehouse(tmp_path / "landing", tmp_path / "build" / "b.duckdb", tmp_path / "served" / "s.duckdb",
                   tmp_path / "artifacts")
    shutil.copytree(PROJECT_DIR / "data" / "landing", wh.landing)
    postings = wh.landing / "gl" / "kirjanpito_2022.csv"
    postings.parent.mkdir(exist_ok=True)
    postings.write_text("\n".join([HEADER, *FIRST]) + "\n", encoding="utf-8")
    con = _build(wh)
    assert con.sql(MONTHLY).fetchall() == [
        (2022, 1, "5300", "4000", Decimal("-2500.00")),
        (2022, 3, "5300", "4000", Decimal("-1200.00")),
        (2022, 3, "5510", "3000", Decimal("300.00")),
    ]
    con.close()

    postings.write_text("\n".join([HEADER, *CORRECTED]) + "\n", encoding="utf-8")
    con = _build(wh)  # incremental: only what changed since the last build
    assert con.sql(FROM_RAW).fetchall() == [(2022, 1, "5300", "4000", Decimal("-2600.00"))]
    assert con.sql(MONTHLY).fetchall() == con.sql(FROM_RAW).fetchall()
    con.close()
