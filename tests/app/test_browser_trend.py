"""Kehitys in a real browser: the curve is drawn after changing committee and year (screenshot kept in
tests/artifacts)."""

from __future__ import annotations

import time

from tests.app.test_browser import ARTIFACTS, _choose, _wait_text, pytestmark, server  # noqa: F401

SHOT = ARTIFACTS / "explorer_kehitys.png"


def _curve_marks(driver) -> int:
    """Line marks Vega drew in the chart's SVG/canvas scene: the curves and reference lines."""
    return driver.execute_script(
        "return document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas, "
        "[data-testid=\"stVegaLiteChart\"] svg path').length"
    )


def test_browser_draws_the_curve_for_another_committee_and_year(server, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    SHOT.unlink(missing_ok=True)
    browser.get(f"{server}/kehitys")
    _wait_text(browser, "Kehitys: talousarvion toteutuminen vuoden mittaan")
    _choose(browser, "Lautakunta", "Sivistyslautakunta (Lapua)")
    _choose(browser, "Rivi", "Toimintakulut")
    _choose(browser, "Vuosi", "2024")
    try:
        # Lapua, Sivistyslautakunta 21.11.2024 p. 18: Toimintakulut *) Tot. 09/2024 -21.394.653
        _wait_text(browser, "-21 394 653 €")
        _wait_text(browser, "Toimintakulut – Sivistyslautakunta: toteuma kauden loppuun, €")
        deadline = time.monotonic() + 30
        while _curve_marks(browser) == 0:
            assert time.monotonic() < deadline, "no chart drawn"
            time.sleep(0.5)
    except AssertionError:
        browser.save_screenshot(str(ARTIFACTS / "explorer_kehitys_failed.png"))
        raise
    time.sleep(2)  # let the chart finish drawing before the picture
    browser.save_screenshot(str(SHOT))
    assert SHOT.stat().st_size > 10_000
