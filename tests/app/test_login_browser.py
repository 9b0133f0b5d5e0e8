"""Login in a real browser: `kuntatalous app` with Streamlit's OpenID Connect against a real provider
(oidc-provider-mock, started here on 127.0.0.1), headless Chromium through selenium.

Not logged in → the login page only, whatever the URL; a viewer → the pages, no SQL console even by its URL; an
analyst → the console answers; every query and question in the audit log with the user's e-mail, and the log kept
across a crash and a restart of the server.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app.access import audit
from tests.app.test_browser import ARTIFACTS, CHROMEDRIVER, _wait_text
from tests.support import kuntatalous_started

pytestmark = pytest.mark.skipif(
    not Path(CHROMEDRIVER).exists() and os.environ.get("CI") != "true",
    reason="chromium-driver is not installed (.ci/run installs it)",
)

ANALYST = "analyytikko@kunta.example"
VIEWER = "johtaja@kunta.example"
OUTSIDER = "vieras@muu.example"
USERS = [
    {"sub": "a-1", "email": ANALYST, "name": "Aino Analyytikko"},
    {"sub": "v-1", "email": VIEWER, "name": "Veikko Johtaja", "groups": ["lautakunta"]},  # a viewer by group
    {"sub": "o-1", "email": OUTSIDER, "name": "Olli Vieras"},
]
ROLES = f"""
[analyst]
users = ["{ANALYST}"]

[viewer]
groups = ["lautakunta"]
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_url(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"{what} did not start:\n{proc.stdout.read()[-3000:]}") from None
            time.sleep(0.5)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def provider():
    """A real OpenID Connect provider on 127.0.0.1 that knows three users."""
    port = _free_port()
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for user in USERS:
        cmd += ["--user-claims", json.dumps(user)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    _wait_url(f"{url}/.well-known/openid-configuration", proc, "the OpenID Connect provider")
    yield url
    _stop(proc)


class Explorer:
    """`kuntatalous app` with login configured: its URL, its audit log, and a way to crash and restart it."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = Path(env["KUNTATALOUS_AUDIT_LOG"])
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = kuntatalous_started("app", "--port", str(self.port), env=self.env)
        _wait_url(f"{self.url}/_stcore/health", self.proc, "kuntatalous app")

    def crash(self) -> None:
        """SIGKILL the Streamlit server, as a crash would end it (no shutdown, nothing flushed)."""
        server = [int(c) for c in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
        for pid in server:
            os.kill(pid, signal.SIGKILL)
        self.proc.wait(timeout=20)


@pytest.fixture
def explorer(served, provider, tmp_path):
    port = _free_port()
    env = served.env()
    Path(env["KUNTATALOUS_SECRETS"]).write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-long-enough-to-sign"\n'
        'client_id = "kuntatalous"\n'
        'client_secret = "test-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    Path(env["KUNTATALOUS_ROLES"]).write_text(ROLES, encoding="utf-8")
    app = Explorer(env, port)
    app.start()
    yield app
    _stop(app.proc)


def _body(driver) -> str:
    from selenium.common.exceptions import StaleElementReferenceException

    for _ in range(20):
        try:
            return driver.find_element("tag name", "body").text
        except StaleElementReferenceException:  # Streamlit redrew the page between finding and reading it
            time.sleep(0.3)
    return driver.find_element("tag name", "body").text


def _login(driver, app: Explorer, email: str) -> None:
    """Log in as a user the provider knows: the app's button, then the provider's form."""
    driver.get(app.url)
    _wait_text(driver, "Kirjaudu sisään")
    _click(driver, "//button[normalize-space()='Kirjaudu sisään']")
    sub = next(u["sub"] for u in USERS if u["email"] == email)
    _click(driver, f"//button[@name='sub' and @value='{sub}']")  # the provider's page, one button per user
    deadline = time.monotonic() + 60
    while f"Kirjautunut: {email}" not in _body(driver):
        if time.monotonic() > deadline:
            driver.save_screenshot(str(ARTIFACTS / "login_failed.png"))
            raise AssertionError(f"not logged in as {email}:\n{_body(driver)[:2000]}")
        time.sleep(0.3)


def _click(driver, xpath: str, timeout: float = 60) -> None:
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while not (found := driver.find_elements(By.XPATH, xpath)):
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing at {xpath}:\n{_body(driver)[:2000]}")
        time.sleep(0.3)
    found[0].click()


def _type(driver, xpath: str, text: str, submit: bool = False, timeout: float = 60) -> None:
    """Replace what the box at `xpath` holds with `text`, then press Enter if `submit`.

    Keys sent while Streamlit is still drawing the page can be lost (the box is redrawn under them), so the box is
    read back and typed into again until it holds exactly `text`; only then may the caller press a button."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    deadline = time.monotonic() + timeout
    held = None
    while True:
        _click(driver, xpath)
        try:
            box = driver.find_element(By.XPATH, xpath)
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
            box.send_keys(text)
            held = box.get_attribute("value")
            if held == text:
                break
        except StaleElementReferenceException:  # redrawn while typing: type again into the new box
            held = None
        if time.monotonic() > deadline:
            raise AssertionError(f"the box at {xpath} holds {held!r}, not {text!r}")
    if submit:
        box.send_keys(Keys.ENTER)


def _entries(app: Explorer) -> list[dict]:
    return audit.read(app.log).entries[::-1]  # oldest first


def _wait_logged(app: Explorer, text: str, count: int = 1, timeout: float = 60) -> list[dict]:
    """Wait until `text` has been logged `count` times (the page may show other text before the query ran)."""
    deadline = time.monotonic() + timeout
    while len(found := [e for e in _entries(app) if e["text"] == text]) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not logged {count} times: {_entries(app)}")
        time.sleep(0.3)
    return found


def test_not_logged_in_sees_only_the_login_page(explorer, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    for path in ("/", "/palvelualue", "/sql", "/laatu", "/kysy"):
        browser.get(explorer.url + path)
        _wait_text(browser, "Kirjaudu sisään organisaatiosi tunnuksilla")
        time.sleep(1)  # give a page that should not be there the time to appear
        body = _body(browser)
        for leak in ("Yleiskuva", "Palvelualueen tuloslaskelma", "SQL-konsoli", "Tietojen laatu", "€"):
            assert leak not in body, f"{path} shows {leak!r} before login:\n{body}"
    browser.save_screenshot(str(ARTIFACTS / "explorer_login.png"))
    assert _entries(explorer) == []


def test_viewer_sees_the_pages_but_never_the_sql_console(explorer, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _login(browser, explorer, VIEWER)
    assert "katselija" in _body(browser)
    browser.get(f"{explorer.url}/palvelualue")
    _wait_text(browser, "Palvelualueen tuloslaskelma")
    nav = [a.text for a in browser.find_elements(By.XPATH, "//*[@data-testid='stSidebarNav']//a")]
    assert "Palvelualue" in nav and "Kysy" in nav and "SQL" not in nav, nav
    browser.get(f"{explorer.url}/sql")  # the console's own URL
    _wait_text(browser, "Page not found")  # Streamlit's refusal, then the default page instead
    _wait_text(browser, "Yleiskuva")
    time.sleep(2)
    assert "SQL-konsoli" not in _body(browser)
    assert not browser.find_elements(By.XPATH, "//textarea[@aria-label='Kysely']")
    browser.save_screenshot(str(ARTIFACTS / "explorer_viewer_sql_refused.png"))
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()  # close the "Page not found" dialog
    deadline = time.monotonic() + 20
    while browser.find_elements(By.XPATH, "//*[@data-testid='stDialog']") and time.monotonic() < deadline:
        time.sleep(0.3)
    _click(browser, "//*[@data-testid='stSidebarNav']//a[normalize-space()='Kysy']")  # as a user moves on
    _type(browser, "//input[@aria-label='Kysymys']", "Kulttuurin henkilöstökulut 2022", submit=True)
    _wait_text(browser, "-376 574 €")  # Kulttuuri Henkilöstökulut TOT 1–6/2022 as printed
    browser.get(f"{explorer.url}/laatu")
    _wait_text(browser, "dbt-testit")
    assert "Käyttöloki" not in _body(browser)  # the audit log is for analysts
    asked = [e for e in _entries(explorer) if e["action"] == "question"]
    assert asked and asked[-1]["user"] == VIEWER and asked[-1]["role"] == "viewer"
    assert asked[-1]["text"] == "Kulttuurin henkilöstökulut 2022" and asked[-1]["rows"] >= 1
    assert not [e for e in _entries(explorer) if e["action"] == "sql"]


def test_someone_without_a_role_gets_nothing(explorer, browser):
    _login(browser, explorer, OUTSIDER)
    _wait_text(browser, f"Tunnuksella {OUTSIDER} ei ole käyttöoikeutta")
    browser.get(f"{explorer.url}/palvelualue")
    _wait_text(browser, "ei ole käyttöoikeutta")
    assert "Palvelualueen tuloslaskelma" not in _body(browser)


def test_analyst_console_answers_and_every_query_is_logged_across_a_crash(explorer, browser):
    _login(browser, explorer, ANALYST)
    browser.get(f"{explorer.url}/sql")
    _wait_text(browser, "SQL-konsoli")
    query = "select count(*) as palvelualueita from marts.dim_service_area where municipality = 'Heinola'"
    _type(browser, "//textarea[@aria-label='Kysely']", query)
    _click(browser, "//button[normalize-space()='Suorita']")
    _wait_logged(explorer, query)
    _wait_text(browser, "1 riviä")
    _type(browser, "//textarea[@aria-label='Kysely']", "select * from read_csv('/etc/passwd')")
    _click(browser, "//button[normalize-space()='Suorita']")
    _wait_text(browser, "read_csv() reads files")
    _wait_logged(explorer, "select * from read_csv('/etc/passwd')")
    ran = [e for e in _entries(explorer) if e["action"] == "sql"]
    assert all(e["user"] == ANALYST and e["role"] == "analyst" for e in ran)
    assert [(e["text"], e["rows"], e["outcome"]) for e in ran if e["text"] == query] == [(query, 1, "ok")]
    assert ran[-1]["outcome"].startswith("refused: function read_csv()")

    explorer.crash()  # the server dies mid-session; a write it had begun could be cut short
    with explorer.log.open("ab") as f:
        f.write(b'{"at": "2026-12-02T06:00:00.000+00:00", "user": "a')
    explorer.start()
    browser.get(f"{explorer.url}/laatu")  # still logged in: the identity cookie outlives the server
    _wait_text(browser, f"Kirjautunut: {ANALYST}")
    _wait_text(browser, "Käyttöloki")
    _wait_text(browser, "line")  # the cut line is reported, the explorer goes on
    assert "cut short" in _body(browser)
    _wait_text(browser, ANALYST)
    _wait_text(browser, "palvelualueita")  # the query from before the crash, read back from the log
    browser.save_screenshot(str(ARTIFACTS / "explorer_audit_log.png"))
    example = ran[0]["text"]  # the example query the console runs on opening
    browser.get(f"{explorer.url}/sql")
    _wait_text(browser, "SQL-konsoli")
    before = sum(e["text"] == example for e in ran)
    again = _wait_logged(explorer, example, count=before + 1)  # logged after the restart, beside those before it
    assert again[-1]["user"] == ANALYST and again[-1]["at"] > ran[-1]["at"]
    assert query in [e["text"] for e in _entries(explorer)]
