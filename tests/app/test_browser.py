"""A real browser against the real server: `streamlit run` on a free port, headless Chromium through selenium."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from app.serve import streamlit_command

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not Path(CHROMEDRIVER).exists() and os.environ.get("CI") != "true",
    reason="chromium-driver is not installed (.ci/run installs it)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(served):
    port = _free_port()
    proc = subprocess.Popen(
        streamlit_command(port, address="127.0.0.1"),
        env=served.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"streamlit did not start: {proc.stdout.read().decode()[-2000:]}") from None
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _wait_text(driver, text: str, timeout: float = 60) -> None:
    """Wait for `text` in the page; table cells are drawn on a canvas, so look in the grid's accessible DOM too."""
    from selenium.common.exceptions import StaleElementReferenceException

    def shown() -> bool:
        try:
            return text in driver.find_element("tag name", "body").text or text in driver.page_source
        except StaleElementReferenceException:  # Streamlit redrew the page between finding and reading it
            return False

    deadline = time.monotonic() + timeout
    while not shown():
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not on the page:\n{driver.page_source[:3000]}")
        time.sleep(0.5)


def _choose(driver, label: str, option: str) -> None:
    """Open the select box labelled `label` and click `option`. A rerun of the page (after the previous choice)
    can redraw the box and close its list under the click, so a closed list is opened again until the option is
    offered."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    box = f"//input[@role='combobox' and @aria-label='{label}']"
    deadline = time.monotonic() + 60
    while True:
        try:
            offered = driver.find_elements(By.XPATH, "//*[@role='option']")
            items = [o for o in offered if o.text.strip() == option]
            if items:
                items[0].click()
                return
            if not offered and (boxes := driver.find_elements(By.XPATH, box)):
                boxes[0].click()
        except StaleElementReferenceException:  # redrawn between finding and clicking: look again
            pass
        if time.monotonic() > deadline:
            shown = "select box" if driver.find_elements(By.XPATH, box) else "no select box"
            raise AssertionError(f"option {option!r} not offered for {label!r} ({shown} {label!r})")
        time.sleep(0.3)


def test_browser_changes_service_area_and_sees_the_number(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(f"{server}/palvelualue")
    _wait_text(browser, "Palvelualueen tuloslaskelma")
    _choose(browser, "Kausi", "1–6/2022")
    _wait_text(browser, "Elinvoimalautakunnan toimiala 1–6/2022")
    _choose(browser, "Palvelualue", "Kulttuuri")
    _wait_text(browser, "Kulttuuri 1–6/2022")
    try:
        # Kulttuuri Henkilöstökulut TOT 2022 6 kk, in the grid's accessible cells (the grid draws on a canvas)
        _wait_text(browser, ">-376 574 €<", timeout=30)
    except AssertionError:
        browser.save_screenshot(str(ARTIFACTS / "explorer_palvelualue_failed.png"))
        raise
    browser.save_screenshot(str(ARTIFACTS / "explorer_palvelualue.png"))
    browser.get(f"{server}/")  # Yleiskuva is the default page, served at the root
    _wait_text(browser, "Yleiskuva")
    _choose(browser, "Kausi", "1–6/2022")
    _wait_text(browser, "-2 143 195 €")  # the committee's TOIMINTAKATE 1–6/2022 as a metric
    time.sleep(2)  # let the chart draw before the picture
    browser.save_screenshot(str(ARTIFACTS / "explorer_yleiskuva.png"))
    assert (ARTIFACTS / "explorer_palvelualue.png").stat().st_size > 10_000
    browser.get(f"{server}/yleiskuva")  # a bookmark of the default page by its name
    _wait_text(browser, "Vuodesta kulunut")
    assert "Page not found" not in browser.find_element("tag name", "body").text


def test_browser_sees_key_figures_and_the_risk_matrix(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(f"{server}/tavoitteet")
    _wait_text(browser, "Tavoitteet")
    _choose(browser, "Vuosi", "2022")
    try:
        _wait_text(browser, "Tunnusluvut")
        # Nettomenot/asukas, Tavoite 2022 as printed (261,80€), in the grid's accessible cells
        _wait_text(browser, ">261,80 €/as.<", timeout=30)
        _wait_text(browser, "Riskimatriisi: todennäköisyys × merkittävyys")
        # the status chart, one chart per KPI and the matrix, each with the scene Vega drew
        deadline = time.monotonic() + 30
        while _drawn_charts(browser) < 4:
            assert time.monotonic() < deadline, f"{_drawn_charts(browser)} of 4 charts drawn"
            time.sleep(0.5)
    except AssertionError:
        browser.save_screenshot(str(ARTIFACTS / "explorer_tavoitteet_failed.png"))
        raise
    browser.execute_script(
        "const c = document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]'); c[c.length - 1].scrollIntoView();")
    browser.save_screenshot(str(ARTIFACTS / "explorer_tavoitteet_riskit.png"))
    assert (ARTIFACTS / "explorer_tavoitteet_riskit.png").stat().st_size > 10_000


def _drawn_charts(driver) -> int:
    """Charts on the page whose Vega scene (canvas or SVG) has been drawn."""
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".filter(c => c.querySelector('canvas, svg')).length"
    )
