"""The explorer keeps answering while `kuntatalous build` rebuilds and publishes the warehouse it reads."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

from app.query import ask, db, sql_guard
from tests.support import kuntatalous_started

KULTTUURI_HK = (
    "select ytd_actual_eur from marts.rpt_income_statement where service_area_key = 'heinola__kulttuuri' "
    "and account_key = 'henkilostokulut' and fiscal_year = 2022 and period_months = 6"
)


def test_reads_never_fail_while_a_build_publishes(served):
    before = db.file_key(served.served_db)
    # nothing changed since the session's build: --force makes it rebuild and publish all the same
    build = kuntatalous_started("build", "--force", env=served.env())
    errors: list[str] = []
    reads: list[str] = []  # the served file's identity at each successful read
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                value = db.fetch(KULTTUURI_HK, path=served.served_db).item()
                if value != Decimal("-376574.00"):
                    errors.append(f"wrong value {value}")
                reads.append(db.file_key(served.served_db))
            except Exception as exc:  # noqa: BLE001 - any failure at all is the finding
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.02)  # leave the build some of the two cores

    # the build's output is read while it runs: a full pipe (64 KB; four loads per report) would stop the build
    output: list[str] = []
    drain = threading.Thread(target=lambda: output.extend(build.stdout))
    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in (drain, *threads):
        thread.start()
    try:
        while build.poll() is None:
            # the console and the question engine read the same file meanwhile
            try:
                assert sql_guard.run(KULTTUURI_HK).frame.item() == Decimal("-376574.00")
                answer = ask.answer("Kulttuurin henkilöstökulut kesäkuussa 2022", db.fetch)
                assert answer.frame["value"].to_list() == [Decimal("-376574.00")]
            except Exception as exc:  # noqa: BLE001 - any failure at all is the finding
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in (drain, *threads):
            thread.join()
    assert build.returncode == 0, "".join(output)[-3000:]
    assert errors == [], errors[:5]
    assert before != db.file_key(served.served_db), "the build did not publish a new file"
    assert {before, db.file_key(served.served_db)} <= set(reads), "no reads on both sides of the publish"
    assert len(reads) > 20
