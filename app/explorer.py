"""Entry script of the explorer: `streamlit run app/explorer.py` (or `kuntatalous app`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import login
from app.access.roles import ANALYST
from app.query import db
from app.texts import LANGS, t

# not "pages/": Streamlit would also auto-register that folder and answer direct page URLs with "Page not found"
PAGES = Path(__file__).resolve().parent / "views"
ANALYST_PAGES = {"sql"}  # the SQL console reaches everything, GL postings included

st.set_page_config(page_title="Kuntatalous", page_icon="📊", layout="wide")
# The language lives in the URL too (?lang=en), so a reload or a shared link keeps it; a new session reads it there.
if "lang" not in st.session_state and st.query_params.get("lang") in LANGS:
    st.session_state["lang"] = st.query_params["lang"]
chosen = st.sidebar.radio(
    "Kieli / Language", LANGS, key="lang", horizontal=True, format_func=lambda c: {"fi": "suomi", "en": "English"}[c]
)
if chosen == "fi":
    st.query_params.pop("lang", None)  # Finnish is the default: its URLs stay clean
else:
    st.query_params["lang"] = chosen
who = login.gate()  # the login page only, until the visitor has logged in and has a role
overview = st.Page(PAGES / "overview.py", title=t("nav_overview"), default=True)


def _overview_by_name() -> None:
    # the default page is served at the root only; a bookmarked /yleiskuva would say "Page not found"
    st.switch_page(overview)


pages = [
    overview,
    st.Page(_overview_by_name, title=t("nav_overview"), url_path="yleiskuva", visibility="hidden"),
    st.Page(PAGES / "service_area.py", title=t("nav_area"), url_path="palvelualue"),
    st.Page(PAGES / "trend.py", title=t("nav_trend"), url_path="kehitys"),
    st.Page(PAGES / "compare.py", title=t("nav_compare"), url_path="vertailu"),
    st.Page(PAGES / "goals.py", title=t("nav_goals"), url_path="tavoitteet"),
    st.Page(PAGES / "ask.py", title=t("nav_ask"), url_path="kysy"),
    st.Page(PAGES / "sql.py", title=t("nav_sql"), url_path="sql"),
    st.Page(PAGES / "quality.py", title=t("nav_quality"), url_path="laatu"),
]
if not login.allowed(who, ANALYST):  # absent from the menu, and its URL answers "page not found"
    pages = [p for p in pages if p.url_path not in ANALYST_PAGES]
with db.page_run():  # one pinned connection for all of this page's queries
    st.navigation(pages).run()
