"""Every user-visible string of the explorer, in Finnish (default) and English."""

from __future__ import annotations

import polars as pl
import streamlit as st

LANGS = ("fi", "en")

_TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("Kuntatalous", "Municipal finances"),
    "language": ("Kieli", "Language"),
    "nav_overview": ("Yleiskuva", "Overview"),
    "nav_area": ("Palvelualue", "Service area"),
    "nav_trend": ("Kehitys", "Trend"),
    "nav_compare": ("Vertailu", "Comparison"),
    "nav_goals": ("Tavoitteet", "Goals"),
    "nav_ask": ("Kysy", "Ask"),
    "nav_sql": ("SQL", "SQL"),
    "nav_quality": ("Tietojen laatu", "Data quality"),
    "no_warehouse": (
        "Tietovarastoa ei ole vielä julkaistu. Aja `kuntatalous build`.",
        "No warehouse has been published yet. Run `kuntatalous build`.",
    ),
    "no_data": ("Ei tietoja valinnoilla.", "No data for these choices."),
    "municipality": ("Kunta", "Municipality"),
    "committee": ("Lautakunta", "Committee"),
    "service_area": ("Palvelualue", "Service area"),
    "section": ("Osa", "Section"),
    "line": ("Rivi", "Line"),
    "year": ("Vuosi", "Year"),
    "period": ("Kausi", "Period"),
    "period_label": ("{m} kk", "{m} months"),
    "measure": ("Mittari", "Measure"),
    "value": ("Arvo", "Value"),
    "download_csv": ("Lataa CSV", "Download CSV"),
    "download_xlsx": ("Lataa XLSX", "Download XLSX"),
    "download_png": ("Lataa kuva (PNG)", "Download chart (PNG)"),
    # measures
    "m_actual": ("Toteuma", "Actual"),
    "m_budget": ("Talousarvio + muutokset", "Budget incl. changes"),
    "m_original_budget": ("Alkuperäinen talousarvio", "Original budget"),
    "m_budget_change": ("Talousarviomuutokset", "Budget changes"),
    "m_forecast": ("Ennuste", "Forecast"),
    "m_remaining": ("Jäljellä", "Remaining"),
    "m_realization_pct": ("Toteutuma-%", "Realisation %"),
    "m_variance": ("Poikkeama", "Variance"),
    # overview
    "ov_title": ("Yleiskuva", "Overview"),
    "ov_intro": (
        ("Lautakunnittain: talousarvio, toteuma kauden loppuun, toteutumaprosentti verrattuna kuluneeseen osuuteen "
        "vuodesta, ennuste ja jäljellä oleva määräraha (toimintakate)."),
        ("Per committee: budget, year-to-date actual, realisation against the elapsed share of the year, forecast and "
        "what remains (operating margin)."),
    ),
    "ov_computed": (
        "Toimintakate laskettu toimintatuotoista ja -kuluista (raportissa ei toimintakateriviä).",
        "Operating margin computed from operating revenue and expenses (the report prints no margin line).",
    ),
    "ov_elapsed": ("Vuodesta kulunut", "Share of year elapsed"),
    "ov_budget": ("Talousarvio", "Budget"),
    "ov_actual": ("Toteuma", "Actual to date"),
    "ov_pct": ("Toteutuma-%", "Realisation %"),
    "ov_forecast": ("Ennuste", "Forecast"),
    "ov_remaining": ("Jäljellä", "Remaining"),
    "ov_standout": ("Erottuvat palvelualueet", "Service areas that stand out"),
    "ov_standout_intro": (
        "Toimintakulujen toteutuma-% poikkeaa kuluneesta osuudesta vähintään {t} prosenttiyksikköä.",
        "Operating expenses realisation differs from the elapsed share by at least {t} percentage points.",
    ),
    "ov_none_standout": ("Yksikään palvelualue ei erotu.", "No service area stands out."),
    "ov_chart": (
        "Toimintakulujen toteutuma-% palvelualueittain (katkoviiva: vuodesta kulunut), %",
        "Operating expenses realisation by service area (dashed line: share of year elapsed), %",
    ),
    "ov_gap": ("Ero kuluneeseen, %-yks.", "Difference to elapsed, pp"),
    "ov_points": ("{v} %-yks.", "{v} pp"),
    # service area page
    "sa_title": ("Palvelualueen tuloslaskelma", "Income statement of a service area"),
    "sa_drill": ("Porautuminen", "Drill-down"),
    "sa_all_areas": ("(koko lautakunta)", "(whole committee)"),
    "sa_line_detail": ("Rivin erittely palvelualueittain", "The line by service area"),
    "sa_investments": ("Investoinnit", "Investments"),
    "sa_sources": ("Lähteet", "Sources"),
    "sa_chart": ("{line}: toteuma ja talousarvio palvelualueittain, €", "{line}: actual and budget by service area, €"),
    "col_tp_prev": ("TP {y}", "Actual {y}"),
    "col_tot_prev": ("TOT {y} {m} kk", "Actual {y} {m} mo"),
    "col_ta": ("TA {y} + muutos", "Budget {y} + changes"),
    "col_tot": ("TOT {y} {m} kk", "Actual {y} {m} mo"),
    "col_remaining": ("Jäljellä", "Remaining"),
    "col_pct": ("%", "%"),
    "col_forecast": ("Ennuste", "Forecast"),
    "col_line": ("Selite", "Line"),
    # trend (Kehitys)
    "dev_title": ("Kehitys: talousarvion toteutuminen vuoden mittaan", "Trend: the budget through the year"),
    "dev_intro": (
        ("Toteuma kauden loppuun kuukausittain verrattuna talousarvioon ja tasaiseen toteutumaan (suora viiva "
         "nollasta koko vuoden talousarvioon); valittu vuosi aiempien vuosien päällä."),
        ("Actual to date by month against the budget and against an even pace (the straight line from zero to the "
         "whole year's budget); the chosen year over the earlier ones."),
    ),
    "dev_month": ("Kuukausi", "Month"),
    "dev_series": ("Sarja", "Series"),
    "dev_budget": ("TA {y}", "Budget {y}"),
    "dev_even": ("Tasainen toteutuma {y}", "Even pace {y}"),
    "dev_chart": ("{line} – {area}: toteuma kauden loppuun, €", "{line} – {area}: actual to date, €"),
    "dev_units": ("Yksiköt: {line}, toteutuma-% talousarviosta", "Units: {line}, realisation % of budget"),
    "dev_units_even": ("tasainen", "even pace"),
    "dev_no_units": ("Lautakunnalla ei ole yksikkötason tietoja.", "The committee has no unit-level data."),
    "dev_table": ("Kaudet", "Periods"),
    "dev_elapsed": ("Vuodesta kulunut", "Share of year elapsed"),
    "dev_gap": ("Ero kuluneeseen", "Difference to elapsed"),
    "dev_prev": ("Ed. vuoden sama kausi", "Same months last year"),
    "dev_sources": ("Lähteet", "Sources"),
    "dev_computed": ("laskettu", "computed"),
    "dev_mark": ("Huom.", "Note"),
    "dev_mark_help": (
        ("⚠ / kolmio: luvun taulukossa on löydös (esim. kadonnut miinusmerkki tai summa, joka ei täsmää "
         "riveihinsä); luku on kuten painettu, syy näkyy Huom.-sarakkeessa ja Tietojen laatu -sivulla."),
        ("⚠ / triangle: the number's printed table has a finding (e.g. a lost minus sign or a total that does "
         "not match its lines); the number is as printed, the reason is in the Note column and on the Data "
         "quality page."),
    ),
    # comparison
    "cmp_title": ("Vertailu vuosien ja kausien yli", "Comparison across years and periods"),
    "cmp_chart": ("{line} – {area}: {measure}, {unit}", "{line} – {area}: {measure}, {unit}"),
    "cmp_change_eur": ("Muutos ed. vuodesta, €", "Change from previous year, €"),
    "cmp_change_pct": ("Muutos ed. vuodesta, %", "Change from previous year, %"),
    "cmp_aliases": ("Nimet aineistossa", "Names in the data"),
    "cmp_others": ("Vertaa myös (muut kunnat ja yksiköt)", "Compare with (other towns and units)"),
    "cmp_others_none": ("(ei muita)", "(none)"),
    "cmp_diff": ("Ero: {first}", "Difference to {first}"),
    "cmp_diff_pp": ("Toteutuma-%:n ero, %-yks.", "Realisation % difference, pp"),
    # goals
    "g_title": ("Tavoitteet", "Goals"),
    "g_status": ("Tila", "Status"),
    "g_responsible": ("Vastuu", "Responsible"),
    "g_goal": ("Tavoite", "Goal"),
    "g_measures": ("Mittari", "Measure"),
    "g_target": ("Tavoitetaso", "Target"),
    "g_realization": ("Toteuma", "Realisation"),
    "g_reported": ("Raportoitu", "Reported"),
    "g_level": ("Taso", "Level"),
    "g_level_strategic": ("strateginen", "strategic"),
    "g_level_operational": ("käyttösuunnitelma", "operational"),
    "g_theme": ("Strateginen päämäärä", "Strategic theme"),
    "g_count": ("Tavoitteita", "Goals"),
    "g_by_status": ("Tavoitteiden tilat lautakunnittain, kpl", "Goal statuses by committee, count"),
    "g_history": ("Tavoitteen toteuma ajassa", "The goal over time"),
    "g_pick": ("Valitse tavoite", "Pick a goal"),
    "g_all": ("(kaikki)", "(all)"),
    "g_none": ("Tavoiterekisterissä ei ole tavoitteita.", "The goal register is empty."),
    "g_none_year": ("Vuodelta {year} ei ole tavoitteita (valinnoilla).",
                    "No goals for {year} (with these choices)."),
    # KPIs and risks (Tunnusluvut, Riskienhallinta), beside the goals
    "k_title": ("Tunnusluvut", "Key figures"),
    "k_indicator": ("Tunnusluku", "Indicator"),
    "k_year": ("Vuosi", "Year"),
    "k_actual": ("Toteutuma", "Actual"),
    "k_forecast": ("Ennuste", "Forecast"),
    "k_target": ("Tavoite", "Target"),
    "k_kind": ("Luku", "Figure"),
    "k_value": ("Arvo", "Value"),
    "k_note": ("Huomautus", "Note"),
    "k_chart": ("{indicator} ({unit}): tavoite, toteutuma ja ennuste vuosittain",
                "{indicator} ({unit}): target, actual and forecast by year"),
    "k_none": ("Raporteissa ei ole tunnuslukuja vuodelta {year}.", "The reports print no key figures for {year}."),
    "r_title": ("Riskit", "Risks"),
    "r_matrix": ("Riskimatriisi: todennäköisyys × merkittävyys", "Risk matrix: probability × significance"),
    "r_risk": ("Tunnistettu riski", "Identified risk"),
    "r_probability": ("Todennäköisyys", "Probability"),
    "r_significance": ("Merkittävyys", "Significance"),
    "r_value": ("Riskiarvo", "Risk value"),
    "r_computed": ("(laskettu)", "(computed)"),
    "r_mitigation": ("Hallintakeino", "Mitigation"),
    "r_none": ("Raporteissa ei ole riskitaulukoita vuodelta {year}.", "The reports print no risk tables for {year}."),
    # ask
    "ask_title": ("Kysy", "Ask"),
    "ask_prompt": ("Kysymys", "Question"),
    "ask_help": (
        "Esim. ”Kulttuurin henkilöstökulut 2021 ja 2022” tai ”toimintatuotot palvelualueittain 2022”.",
        "E.g. “Kulttuurin henkilöstökulut 2021 ja 2022” or “operating revenue by service area 2022”.",
    ),
    "ask_understood": ("Ymmärsin", "Understood"),
    "ask_unknown": ("En tunnistanut sanoja: {words}", "Words I did not recognise: {words}"),
    "ask_suggest": ("Tarkoititko: {words}", "Did you mean: {words}"),
    "ask_ambiguous": ("”{word}” voi tarkoittaa: {names}. Tarkenna kysymystä.",
                      "“{word}” could mean: {names}. Please be more specific."),
    "ask_reading": ("Luenta: {reading}", "Reading: {reading}"),
    "ask_skipped": ("Ohitetut sanat (ei merkitystä haulle): {words}", "Words skipped (no meaning for the query): {words}"),
    "ask_unknown_answered": (
        "En tunnistanut sanoja {words}, mutta muu kysymys yksilöi vastauksen.",
        "I did not recognise {words}, but the rest of the question singles out the answer.",
    ),
    "ask_incomplete": (
        "En tunnistanut sanoja: {words}. Vastaan vain, kun muu kysymys nimeää alueen, rivin ja mittarin.",
        "Words I did not recognise: {words}. I answer only when the rest names the area, the line and the measure.",
    ),
    "ask_nothing": (
        "En löytänyt kysymyksestä mitään tuntemaani. Kokeile palvelualueen, rivin tai vuoden nimeä.",
        "I found nothing I know in the question. Try a service area, a line or a year.",
    ),
    "ask_sql": ("Ajettu SQL", "SQL that ran"),
    "ask_chart": ("{measure}, {unit}", "{measure}, {unit}"),
    "ask_what": ("Kohta", "Item"),
    "ask_examples": ("Esimerkkikysymyksiä", "Example questions"),
    "ask_default": ("oletus", "default"),
    "ask_order_desc": ("suurin ensin", "largest first"),
    "ask_order_asc": ("pienin ensin", "smallest first"),
    "ask_order": ("Järjestys", "Order"),
    "ask_all_committees": ("kaikki lautakunnat", "every committee"),
    "ask_latest_report": ("uusin raportti", "latest report"),
    "ask_top_risks": ("merkittävimmät", "most significant"),
    "ask_risk_order": ("suurin riskiarvo ensin", "highest risk value first"),
    "ask_group_area": ("palvelualueittain", "by service area"),
    "ask_group_committee": ("lautakunnittain", "by committee"),
    "ask_grouping": ("Ryhmittely", "Grouping"),
    "ask_latest": ("uusin", "latest"),
    "ask_early": ("alkuvuosi", "year to date"),
    # sql console
    "sql_title": ("SQL-konsoli", "SQL console"),
    "sql_intro": (
        "Vain luku: yksi SELECT kerrallaan, enintään {rows} riviä ja {secs} sekuntia.",
        "Read-only: one SELECT at a time, at most {rows} rows and {secs} seconds.",
    ),
    "sql_query": ("Kysely", "Query"),
    "sql_run": ("Suorita", "Run"),
    "sql_refused": ("Kieltäydyttiin: {reason}", "Refused: {reason}"),
    "sql_truncated": ("Näytetään vain {rows} ensimmäistä riviä.", "Only the first {rows} rows are shown."),
    "sql_examples": ("Esimerkkikyselyt", "Example queries"),
    "sql_docs": ("Martsien dokumentaatio", "Marts documentation"),
    "sql_rows": ("{n} riviä", "{n} rows"),
    # quality
    "q_title": ("Tietojen laatu", "Data quality"),
    "q_load_log": ("Latausloki", "Load log"),
    "q_rejected": ("Hylätyt rivit", "Rejected rows"),
    "q_gx": ("Great Expectations -tarkistukset", "Great Expectations checks"),
    "q_findings": ("Raporttien taulukoiden havainnot", "Findings in the reports' tables"),
    "q_findings_help": (
        ("Missä raportin painetut luvut eivät täsmää keskenään (luvut ladataan painetun mukaisina) ja taulukot, "
         "joita ei voitu lukea."),
        ("Where a report's printed numbers contradict each other (the numbers load as printed) and tables that "
         "could not be read."),
    ),
    "q_dbt": ("dbt-testit (julkaistu build)", "dbt tests (published build)"),
    "q_none": ("Ei rivejä.", "No rows."),
    "q_dbt_missing": (
        "Julkaistussa tietovarastossa ei ole dbt:n testituloksia: aja `kuntatalous build`.",
        "The published warehouse holds no dbt test results: run `kuntatalous build`.",
    ),
    "q_dbt_built": ("Build tehty {at} (UTC)", "Built {at} (UTC)"),
    "q_passed": ("Läpäisty", "Passed"),
    "q_warned": ("Varoituksia", "Warnings"),
    "q_failed": ("Epäonnistui", "Failed"),
    # login, roles and the audit log
    "login_intro": (
        "Kirjaudu sisään organisaatiosi tunnuksilla nähdäksesi kuntatalouden tiedot.",
        "Log in with your organisation's account to see the municipal finance data.",
    ),
    "login_button": ("Kirjaudu sisään", "Log in"),
    "logout_button": ("Kirjaudu ulos", "Log out"),
    "login_as": ("Kirjautunut: {user} ({role})", "Logged in: {user} ({role})"),
    "login_no_role": (
        "Tunnuksella {user} ei ole käyttöoikeutta. Pyydä sitä pääkäyttäjältä.",
        "The account {user} has no access. Ask the administrator for it.",
    ),
    "login_forbidden": (
        "Tämä sivu on vain analyytikoille.", "This page is for analysts only.",
    ),
    "role_viewer": ("katselija", "viewer"),
    "role_analyst": ("analyytikko", "analyst"),
    "audit_title": ("Käyttöloki", "Audit log"),
    "audit_intro": (
        "SQL-kyselyt ja kysymykset: kuka, milloin, mitä ja montako riviä; uusimmat ensin ({n} merkintää). "
        + "Tiedosto: {path}",
        "SQL queries and questions: who, when, what and how many rows; newest first ({n} entries). File: {path}",
    ),
    "audit_broken": (
        "Käyttölokissa on vikaa; selain toimii silti. {problem}",
        "The audit log has a problem; the explorer works all the same. {problem}",
    ),
    "audit_write_failed": (
        "Käyttölokiin kirjoittaminen epäonnistui: {problem}",
        "Writing the audit log failed: {problem}",
    ),
    "audit_no_login": ("(ei kirjautumista)", "(no login)"),
}

# Column names of the warehouse tables the pages show as they are (quality, sources, documentation)
_COLUMNS: dict[str, tuple[str, str]] = {
    "load_id": ("Lataus", "Load"),
    "source_path": ("Lähdetiedosto", "Source file"),
    "kind": ("Laji", "Kind"),
    "status": ("Tila", "Status"),
    "rows_read": ("Rivejä luettu", "Rows read"),
    "rows_loaded": ("Rivejä ladattu", "Rows loaded"),
    "rows_rejected": ("Rivejä hylätty", "Rows rejected"),
    "started_at": ("Alkoi", "Started"),
    "loaded_at": ("Ladattu varastoon", "Loaded into the warehouse"),
    "attempted_at": ("Viimeisin yritys", "Last attempt"),
    "finished_at": ("Päättyi", "Finished"),
    "message": ("Viesti", "Message"),
    "source_row": ("Rivi", "Row"),
    "column_name": ("Sarake", "Column"),
    "value": ("Arvo", "Value"),
    "reason": ("Syy", "Reason"),
    "page": ("Sivu", "Page"),
    "section": ("Taulukko", "Table"),
    "table_outcome": ("Taulukon tulos", "Table outcome"),
    "finding_kind": ("Havainto", "Finding"),
    "line_item": ("Rivi (painettu)", "Line (as printed)"),
    "printed": ("Painettu", "Printed"),
    "computed": ("Laskettu", "Computed"),
    "difference": ("Ero", "Difference"),
    "suite": ("Tarkistusjoukko", "Suite"),
    "expectation": ("Tarkistus", "Expectation"),
    "success": ("Läpäisi", "Passed"),
    "critical": ("Kriittinen", "Critical"),
    "observed": ("Havaittu", "Observed"),
    "checked_at": ("Tarkistettu", "Checked"),
    "unique_id": ("Testi", "Test"),
    "failures": ("Virheitä", "Failures"),
    "seconds": ("Sekuntia", "Seconds"),
    "scenario": ("Skenaario", "Scenario"),
    "fiscal_year": ("Vuosi", "Year"),
    "period_months": ("Kausi, kk", "Period, months"),
    "amount_eur": ("Summa", "Amount"),
    "precision_eur": ("Tarkkuus", "Precision"),
    "source_kind": ("Lähteen laji", "Source kind"),
    "data_type": ("Tietotyyppi", "Data type"),
    "comment": ("Kuvaus", "Description"),
    # the audit log
    "at": ("Aika (UTC)", "Time (UTC)"),
    "user": ("Käyttäjä", "User"),
    "role": ("Rooli", "Role"),
    "ip": ("IP-osoite", "IP address"),
    "action": ("Toiminto", "Action"),
    "text": ("Kysely tai kysymys", "Query or question"),
    "rows": ("Rivejä", "Rows"),
    "outcome": ("Tulos", "Outcome"),
}


def lang() -> str:
    value = st.session_state.get("lang", "fi")
    return value if value in LANGS else "fi"


def t(key: str, **kwargs: object) -> str:
    """The string for the current language, formatted with kwargs."""
    fi, en = _TEXTS[key]
    text = en if lang() == "en" else fi
    return text.format(**kwargs) if kwargs else text


def column_labels(columns: list[str]) -> dict[str, str]:
    """Headers in the current language for warehouse columns shown as they are."""
    pick = 1 if lang() == "en" else 0
    return {c: _COLUMNS[c][pick] for c in columns if c in _COLUMNS}


# Vocabulary values the warehouse stores in English, as the UI shows them (Finnish, English)
_SOURCE_KINDS = {
    "report": ("raportti", "report"),
    "ledger": ("kirjanpito-ote", "ledger extract"),
    "gl": ("pääkirjan viennit", "GL postings"),
    "budget": ("talousarviorivit", "budget lines"),
}
_VALUES = {
    "source_kind": _SOURCE_KINDS,
    # raw.load_log names a file's kind by its landing folder
    "kind": {**_SOURCE_KINDS, "reports": _SOURCE_KINDS["report"], "goals": ("tavoiterekisteri", "goal register"),
             "report_goals": ("raportin tavoitteet", "report's goals"),
             "report_kpis": ("raportin tunnusluvut", "report's key figures"),
             "report_risks": ("raportin riskit", "report's risks")},
    "status": {
        "loaded": ("ladattu", "loaded"),
        "replaced": ("korvattu", "replaced"),
        "unchanged": ("ennallaan", "unchanged"),
        "failed": ("epäonnistui", "failed"),
        "pass": ("läpäisty", "pass"),
        "warn": ("varoitus", "warning"),
        "fail": ("hylätty", "fail"),
        "error": ("virhe", "error"),
        "skipped": ("ohitettu", "skipped"),
    },
    "table_outcome": {
        "read_with_findings": ("luettu, havaintoja", "read with findings"),
        "unreadable": ("ei luettavissa", "unreadable"),
    },
}


def value_labels(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with stored vocabulary values (load status, source kind, test status) in the current language;
    values outside the vocabulary are shown as stored."""
    pick = 1 if lang() == "en" else 0
    return frame.with_columns(
        pl.col(column).replace({value: labels[pick] for value, labels in vocabulary.items()})
        for column, vocabulary in _VALUES.items() if column in frame.columns and frame.schema[column] == pl.String
    )


def measure_label(measure: str) -> str:
    return t(f"m_{measure}")
