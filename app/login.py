"""Who is using the explorer: the login gate, the visitor's role, and the audit entries their queries leave.

With `[auth]` in the secrets file every visitor logs in with Streamlit's OpenID Connect (`st.login`), on loopback
too, and gets the role the roles file gives them (app.access.roles); without it the explorer is open as it always
was — `kuntatalous app` allows that only on a loopback address or with `--no-login` — and everyone is an analyst.
Pages check the role themselves (require()), so a page left out of a viewer's navigation stays shut even if it is
reached some other way.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app.access import audit
from app.access.roles import ANALYST, ROLES, AccessConfigError, load_roles, login_wanted
from app.texts import t
from ingestion import paths


@dataclass(frozen=True)
class Visitor:
    user: str | None  # e-mail (or preferred_username, or subject) from the identity token; None without login
    role: str | None  # viewer, analyst, or None: not allowed in
    logged_in: bool
    problem: str | None = None  # why a logged-in visitor has no role because the configuration is broken


def login_required() -> bool:
    try:
        return login_wanted(paths.secrets_file())
    except AccessConfigError:
        return True  # a secrets file that cannot be read must not open the explorer


def visitor() -> Visitor:
    if not login_required():
        return Visitor(user=None, role=ANALYST, logged_in=False)
    claims = st.user.to_dict()  # empty (no is_logged_in) if Streamlit itself was started without these secrets
    if not claims.get("is_logged_in"):
        return Visitor(user=None, role=None, logged_in=False)
    name = next((str(claims[c]) for c in ("email", "preferred_username", "sub") if claims.get(c)), None)
    try:
        role = load_roles(paths.roles_file()).role_of(claims)
    except AccessConfigError as exc:
        return Visitor(user=name, role=None, logged_in=True, problem=str(exc))
    return Visitor(user=name, role=role, logged_in=True)


def allowed(who: Visitor, role: str) -> bool:
    return who.role is not None and ROLES.index(who.role) >= ROLES.index(role)


def require(role: str) -> Visitor:
    """Stop the page unless the visitor has `role` (or a higher one)."""
    who = visitor()
    if not allowed(who, role):
        st.error(t("login_forbidden"))
        st.stop()
    return who


def _login_page() -> None:
    st.title(t("app_title"))
    st.write(t("login_intro"))
    if st.button(t("login_button"), type="primary", key="login"):
        st.login()


def gate() -> Visitor:
    """Before any page runs: the login page for a visitor not logged in, a refusal for one without a role, and the
    user with a log-out button in the sidebar for the others."""
    who = visitor()
    if not who.logged_in:
        if who.role is None:  # login wanted: show nothing but the login page, whatever the URL
            st.navigation([st.Page(_login_page, title=t("login_button"))], position="hidden").run()
            st.stop()
        return who
    with st.sidebar:
        st.caption(t("login_as", user=who.user or "?", role=t(f"role_{who.role}") if who.role else "–"))
        if st.button(t("logout_button"), key="logout"):
            st.logout()
    if who.role is None:
        st.title(t("app_title"))
        st.error(t("login_no_role", user=who.user or "?"))
        if who.problem:
            st.warning(who.problem)
        st.stop()
    return who


def log_use(action: str, text: str, rows: int | None, outcome: str) -> None:
    """An audit entry for what the current visitor just ran (a failed write is shown on the data-quality page)."""
    who = visitor()
    ip = st.context.ip_address  # None on loopback
    audit.record(action, text, rows, outcome, user=who.user, role=who.role, ip=ip if isinstance(ip, str) else None)
