"""`kuntatalous app [--port N] [--address A] [--no-login]`: serve the explorer with `streamlit run`.

Safe by default: it listens on 127.0.0.1 unless `--address` names another address; on an address other machines can
reach it refuses to start unless login is configured (or `--no-login` says, loudly, that everyone may look). The
Streamlit server runs as a child: SIGTERM, SIGINT and SIGHUP are passed on to it and waited for, so a service manager's
stop leaves nothing answering on the port. A stop asked for ends this process by the same signal once the server has
stopped (what a service manager counts as a clean stop, 143 or 130 in a shell); a server that ends by itself
passes on its exit code (128 + N if a signal N killed it).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.access.roles import AccessConfigError, check_login, is_loopback, login_wanted
from ingestion import paths

ENTRY = Path(__file__).resolve().parent / "explorer.py"
LOOPBACK = "127.0.0.1"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
GRACE_S = 15.0  # how long the server may take to stop before it is killed


def streamlit_command(port: int, address: str = LOOPBACK, secrets: Path | None = None) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(ENTRY),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # naming the address also stops Streamlit looking up this machine's external IP on the internet
        "--browser.serverAddress", "localhost" if is_loopback(address) else address,
        "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer",
        # only this secrets file, not whatever ~/.streamlit or the working directory happen to hold
        "--secrets.files", str(secrets or paths.secrets_file()),
    ]


def _say(text: str) -> None:
    print(f"kuntatalous app: {text}", file=sys.stderr, flush=True)


def check_exposure(address: str, no_login: bool) -> str | None:
    """Why the explorer must not start on `address`, or None; prints the warning `--no-login` calls for."""
    secrets, roles = paths.secrets_file(), paths.roles_file()
    try:
        if login_wanted(secrets):
            check_login(secrets, roles)
            if no_login:
                _say(f"login is configured in {secrets}: --no-login is ignored, everyone logs in")
            return None
    except AccessConfigError as exc:
        return f"login is not usable: {exc}"
    if is_loopback(address):
        return None
    if not no_login:
        return (
            f"refusing to listen on {address} without login: anyone who can reach this machine could read the "
            f"whole warehouse, GL postings included, and run SQL on it. Configure login ([auth] in {secrets}, "
            f"roles in {roles}; see docs/explorer.md), or pass --no-login if that is really what you want."
        )
    banner = "!" * 100
    _say(
        f"\n{banner}\nWARNING: --no-login: the explorer listens on {address} WITHOUT LOGIN. Anyone who can reach "
        f"this machine\non that address can read every page, every GL posting, and run SQL over the whole "
        f"warehouse.\nTheir queries are logged without a name (only their IP address).\n{banner}"
    )
    return None


def _run_until_stopped(cmd: list[str]) -> int:
    received: list[int] = []
    child: subprocess.Popen | None = None

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        if child is not None and child.poll() is None:
            # Streamlit stops on SIGTERM and SIGINT; SIGHUP would kill it without its shutdown
            child.send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)

    previous = {s: signal.signal(s, forward) for s in STOP_SIGNALS}
    try:
        child = subprocess.Popen(cmd)
        if received:  # a stop arrived while the server was being started
            child.send_signal(signal.SIGTERM)
        deadline = None
        while (code := child.poll()) is None:
            if received and deadline is None:
                deadline = time.monotonic() + GRACE_S
            if deadline is not None and time.monotonic() > deadline:
                _say(f"the server did not stop within {GRACE_S:.0f} s: killed")
                child.kill()
                child.wait()
                return 1
            time.sleep(0.2)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if received and code == 0:
        stop = received[0]
        _say(f"stopped by {signal.Signals(stop).name}")
        sys.stdout.flush()
        signal.signal(stop, signal.SIG_DFL)
        os.kill(os.getpid(), stop)  # end as the signal would have: a clean stop to a service manager
    if code < 0:
        _say(f"the server was killed by {signal.Signals(-code).name}")
        return 128 - code
    if code:
        _say(f"the server ended with exit code {code}")
    return code


def command(args: argparse.Namespace) -> int:
    problem = check_exposure(args.address, args.no_login)
    if problem:
        _say(problem)
        return 2
    host = "localhost" if is_loopback(args.address) else args.address
    print(f"kuntatalous explorer: http://{host}:{args.port}", flush=True)
    return _run_until_stopped(streamlit_command(args.port, args.address))
