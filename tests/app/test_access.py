"""Login settings, roles and the audit log, without a browser: what they accept, refuse and survive."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.access import audit
from app.access.roles import AccessConfigError, check_login, is_loopback, load_roles
from tests.support import PROJECT_DIR, page

AUTH = """[auth]
redirect_uri = "https://talous.kunta.fi/oauth2callback"
cookie_secret = "a long random secret for the cookie"
client_id = "kuntatalous"
client_secret = "s3cret"
server_metadata_url = "https://login.microsoftonline.com/TENANT/v2.0/.well-known/openid-configuration"
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("127.0.1.1", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.1.2.3", False), ("talous.kunta.fi", False),
])
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_roles_from_users_and_groups(tmp_path):
    roles = load_roles(_write(tmp_path / "roles.toml", """
[analyst]
users = ["Analyytikko@Kunta.fi"]
groups = ["talous-analyytikot"]
[viewer]
users = ["johtaja@kunta.fi", "analyytikko@kunta.fi"]
groups = ["lautakunta"]
"""))
    assert roles.role_of({"email": "analyytikko@kunta.fi"}) == "analyst"  # analyst wins, case does not matter
    assert roles.role_of({"email": "JOHTAJA@kunta.fi"}) == "viewer"
    assert roles.role_of({"preferred_username": "johtaja@kunta.fi"}) == "viewer"  # Entra ID's UPN
    assert roles.role_of({"email": "x@kunta.fi", "groups": ["lautakunta"]}) == "viewer"
    assert roles.role_of({"email": "x@kunta.fi", "groups": ["lautakunta", "talous-analyytikot"]}) == "analyst"
    assert roles.role_of({"email": "x@kunta.fi", "groups": ["muut"]}) is None
    assert roles.role_of({"sub": "johtaja@kunta.fi"}) is None  # only e-mail and user name claims name a user
    assert roles.role_of({}) is None


@pytest.mark.parametrize(("text", "message"), [
    ("[admin]\nusers = ['a@b.fi']\n", "unknown role(s) admin"),
    ("[viewer]\nuser = ['a@b.fi']\n", "[viewer] has unknown key(s) user"),
    ("[viewer]\nusers = 'a@b.fi'\n", "[viewer] users must be a list of non-empty strings"),
    ("[viewer]\nusers = ['']\n", "[viewer] users must be a list of non-empty strings"),
    ("viewer = ['a@b.fi']\n", "[viewer] must be a table"),
    ("[viewer\n", "not valid TOML"),
])
def test_a_broken_roles_file_is_named_with_what_is_wrong(tmp_path, text, message):
    path = _write(tmp_path / "roles.toml", text)
    with pytest.raises(AccessConfigError) as exc:
        load_roles(path)
    assert str(path) in str(exc.value) and message in str(exc.value)


def test_login_configured_only_when_complete(tmp_path):
    secrets, roles = tmp_path / "secrets.toml", tmp_path / "roles.toml"
    _write(roles, "[viewer]\nusers = ['johtaja@kunta.fi']\n")
    with pytest.raises(AccessConfigError, match="no secrets file"):
        check_login(secrets, roles)
    _write(secrets, "[other]\nx = 1\n")
    with pytest.raises(AccessConfigError, match=r"no \[auth\] section"):
        check_login(secrets, roles)
    _write(secrets, AUTH.replace('client_secret = "s3cret"\n', ""))
    with pytest.raises(AccessConfigError, match="lacks client_secret"):
        check_login(secrets, roles)
    _write(secrets, AUTH.replace("/oauth2callback", "/callback"))
    with pytest.raises(AccessConfigError, match="must end with /oauth2callback"):
        check_login(secrets, roles)
    _write(secrets, AUTH)
    check_login(secrets, roles)
    _write(roles, "[viewer]\nusers = []\n")
    with pytest.raises(AccessConfigError, match="names no user or group"):
        check_login(secrets, roles)


def test_audit_entries_append_in_order_and_read_newest_first(tmp_path):
    log = tmp_path / "audit" / "explorer.jsonl"
    assert audit.record("sql", "select 1", 1, "ok", user="a@kunta.fi", role="analyst", path=log)
    assert audit.record("question", "Kulttuurin henkilöstökulut 2022", 3, "ok", user="v@kunta.fi", role="viewer",
                        ip="10.0.0.5", path=log)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["select 1", "Kulttuurin henkilöstökulut 2022"]
    assert oct(log.stat().st_mode & 0o777) == "0o600"  # queries can carry names: only the server's user reads it
    read = audit.read(log)
    assert not read.problems
    assert [(e["user"], e["action"], e["rows"]) for e in read.entries] == [
        ("v@kunta.fi", "question", 3), ("a@kunta.fi", "sql", 1)]
    assert read.entries[0]["ip"] == "10.0.0.5"


def test_audit_entry_survives_a_crash_right_after_it_was_written(tmp_path):
    """A process that writes an entry and is then killed with SIGKILL (no clean-up, no buffers flushed by exit)."""
    log = tmp_path / "audit.jsonl"
    code = (
        "import os, signal\nfrom pathlib import Path\n"
        "from app.access import audit\n"
        f"audit.record('sql', 'select 42', 1, 'ok', user='a@kunta.fi', role='analyst', path=Path({str(log)!r}))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert [e["text"] for e in audit.read(log).entries] == ["select 42"]


def test_a_cut_line_is_reported_and_the_next_entry_starts_on_its_own(tmp_path):
    log = tmp_path / "audit.jsonl"
    audit.record("sql", "select 1", 1, "ok", user="a", role="analyst", path=log)
    with log.open("ab") as f:  # what a crash in the middle of a write leaves
        f.write(b'{"at": "2026-12-02T05:00:00.000+00:00", "user": "a", "act')
    cut = audit.read(log)
    assert [e["text"] for e in cut.entries] == ["select 1"]
    assert "1 of 2 lines skipped: line 2: cut short" in cut.problems[0]
    audit.record("sql", "select 2", 1, "ok", user="a", role="analyst", path=log)
    after = audit.read(log)
    assert [e["text"] for e in after.entries] == ["select 2", "select 1"]
    assert "1 of 3 lines skipped: line 2: cut short" in after.problems[0]


def test_a_broken_log_is_reported_not_raised(tmp_path):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b'not json at all}\n\xff\xfe\n[1, 2]\n{"at": "x", "action": "sql", "text": "select 1"}\n')
    read = audit.read(log)
    assert [e["text"] for e in read.entries] == ["select 1"]
    assert "3 of 4 lines skipped: line 1: not JSON; line 2: not JSON; line 3: not an audit entry" in read.problems[0]
    blocked = tmp_path / "is_a_directory"
    blocked.mkdir()
    before = len(audit.problems())
    assert audit.record("sql", "select 1", 1, "ok", user="a", role="analyst", path=blocked) is False
    assert str(blocked) in audit.problems()[-1] and len(audit.problems()) == before + 1
    assert "cannot read" in audit.read(blocked).problems[0]


def test_sql_console_and_questions_leave_audit_entries_shown_on_the_quality_page(served):
    log = Path(os.environ["KUNTATALOUS_AUDIT_LOG"])
    at = page("sql")
    at.run()
    at.text_area(key="sql_text").input("select code from marts.dim_service_area order by code limit 3")
    at.button(key="sql_run").click()
    at.run()
    at.text_area(key="sql_text").input("COPY marts.fact_budget TO '/tmp/x.csv'")
    at.button(key="sql_run").click()
    at.run()
    ask = page("ask")
    ask.run()
    ask.text_input(key="ask_question").input("Kulttuurin henkilöstökulut 2022")
    ask.run()
    entries = audit.read(log).entries[::-1]
    assert [(e["action"], e["rows"], e["outcome"]) for e in entries[1:]] == [
        ("sql", 3, "ok"),
        ("sql", None, "refused: COPY reads or writes files and is not allowed"),
        ("question", 1, "ok"),
    ]
    assert entries[0]["action"] == "sql"  # the example query the console runs on opening
    assert all(e["user"] is None and e["role"] == "analyst" for e in entries)  # no login configured: local use
    with log.open("ab") as f:
        f.write(b"garbage\n")
    quality = page("quality")
    quality.run()
    assert not quality.exception
    assert "Käyttöloki" in [h.value for h in quality.subheader]
    shown = quality.dataframe[-1].value
    assert list(shown["Kysely tai kysymys"])[:2] == ["Kulttuurin henkilöstökulut 2022",
                                                     "COPY marts.fact_budget TO '/tmp/x.csv'"]
    assert list(shown["Käyttäjä"].unique()) == ["(ei kirjautumista)"]
    assert any(f"line {len(entries) + 1}: not JSON" in w.value for w in quality.warning), [
        w.value for w in quality.warning]
