"""Printed labels are matched to seeds by one rule, written twice: in SQL (macros/label_match_key.sql, used by the
models) and in Python (synth.label_key, used by the synthetic generator). Both run here on the same labels."""

from __future__ import annotations

import duckdb
import jinja2

from ingestion.landing.synth import label_key
from tests.support import PROJECT_DIR

# label as printed → its key, typed by hand
LABELS = {
    "TOIMINTAKATE": "toimintakate",
    "Toimintakate": "toimintakate",
    "Valmistus omaan käyt-töön": "valmistusomaankäyttöön",
    "KIINTEISTÖ- JA MITT.PALVELUT": "kiinteistöjamittpalvelut",
    "Sosiaali- ja terveyspalvelut 2023": "sosiaalijaterveyspalvelut2023",
    "Åbo/Turku (ruotsi)": "åboturkuruotsi",
    "Tilikauden yli-/alijäämä": "tilikaudenylialijäämä",
    "Avustukset\u00a0ja\tlahjoitukset": "avustuksetjalahjoitukset",
    "Muut_toimintakulut": "muuttoimintakulut",
    "Café Ølstue": "caféølstue",
    "ПРОДАЖИ 1": "продажи1",
}


def sql_keys(labels: list[str]) -> list[str]:
    """The macro rendered as dbt renders it, run by DuckDB over the labels in order."""
    env = jinja2.Environment()
    # the portable regexp macro as dbt dispatches it on DuckDB (the default implementation)
    portable = env.from_string((PROJECT_DIR / "macros" / "portable" / "text.sql").read_text(encoding="utf-8"))
    env.globals["regexp_replace_all"] = portable.module.default__regexp_replace_all
    macro_file = (PROJECT_DIR / "macros" / "label_match_key.sql").read_text(encoding="utf-8")
    expression = env.from_string(macro_file).module.label_match_key("label")
    con = duckdb.connect()
    try:
        rows = con.sql(
            f"select {expression} from unnest(?) with ordinality as t(label, n) order by n", params=[labels]
        ).fetchall()
    finally:
        con.close()
    return [row[0] for row in rows]


def test_python_and_sql_give_every_label_the_same_key():
    labels = list(LABELS)
    assert [label_key(label) for label in labels] == list(LABELS.values())
    assert sql_keys(labels) == list(LABELS.values())
