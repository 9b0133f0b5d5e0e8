"""`kuntatalous app` as an operator runs it: where it listens, how it refuses, how it stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import kuntatalous, kuntatalous_started

LISTEN = "0A"  # TCP state in /proc/net/tcp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hex_address(text: str) -> str:
    """/proc/net/tcp{,6} address (little-endian words in hex) as an IP address string."""
    raw = bytes.fromhex(text)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, words)


def listeners(port: int) -> list[str]:
    """Addresses something on this machine listens on at `port`, read from the kernel's tables."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == LISTEN:
                found.append(_hex_address(address))
    return found


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KUNTATALOUS_SECRETS": str(tmp_path / "secrets.toml"),  # none: no login configured
        "KUNTATALOUS_ROLES": str(tmp_path / "roles.toml"),
        "KUNTATALOUS_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
        "KUNTATALOUS_DB": str(tmp_path / "served.duckdb"),
    }


def _wait_serving(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"the explorer did not start:\n{proc.stdout.read()}") from None
            time.sleep(0.5)


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _stop(proc: subprocess.Popen, port: int, sig: signal.Signals) -> tuple[float, str]:
    """Send `sig` to the kuntatalous process only; seconds until nothing listens on the port, and its output."""
    server = _children(proc.pid)
    assert server, "kuntatalous app started no server process"
    sent = time.monotonic()
    proc.send_signal(sig)
    while listeners(port) or any(Path(f"/proc/{p}").exists() for p in server):
        if time.monotonic() - sent > 5:
            proc.kill()
            for p in server:
                os.kill(p, signal.SIGKILL)
            raise AssertionError(f"still serving {time.monotonic() - sent:.1f} s after {sig.name}")
        time.sleep(0.1)
    gone = time.monotonic() - sent
    out, _ = proc.communicate(timeout=10)
    return gone, out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_app_listens_on_loopback_only_and_stops_when_told(tmp_path, sig):
    port = _free_port()
    proc = kuntatalous_started("app", "--port", str(port), env=_env(tmp_path))
    try:
        _wait_serving(proc, port)
        assert listeners(port) == ["127.0.0.1"]
        with pytest.raises(OSError):  # not reachable on this machine's other addresses
            socket.create_connection((_outward_address(), port), timeout=2).close()
        gone, out = _stop(proc, port, sig)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert gone < 5
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    # ended by the signal it was sent, after the server stopped: a clean stop to a service manager
    assert proc.returncode == -sig, out
    assert f"stopped by {sig.name}" in out
    assert f"http://localhost:{port}" in out


def _outward_address() -> str:
    """An address of this machine that is not loopback (the one a route out would use), or skip."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent, only a route is chosen
        except OSError:
            pytest.skip("this machine has no non-loopback IPv4 address")
        address = s.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("this machine has no non-loopback IPv4 address")
    return address


def test_app_refuses_a_shared_address_without_login(tmp_path):
    port = _free_port()
    result = kuntatalous("app", "--port", str(port), "--address", "0.0.0.0", env=_env(tmp_path), check=False)
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0 without login" in result.stderr
    assert "--no-login" in result.stderr
    assert listeners(port) == []


def test_app_refuses_half_configured_login(tmp_path):
    env = _env(tmp_path)
    Path(env["KUNTATALOUS_SECRETS"]).write_text('[auth]\nredirect_uri = "http://x:1/oauth2callback"\n')
    result = kuntatalous("app", "--port", str(_free_port()), env=env, check=False)
    assert result.returncode == 2
    assert "[auth] lacks cookie_secret, client_id, client_secret, server_metadata_url" in result.stderr


def test_app_without_login_on_a_shared_address_only_when_told_and_loudly(tmp_path):
    port = _free_port()
    proc = kuntatalous_started("app", "--port", str(port), "--address", "0.0.0.0", "--no-login",
                               env=_env(tmp_path))
    try:
        _wait_serving(proc, port)
        assert listeners(port) == ["0.0.0.0"]
        _, out = _stop(proc, port, signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "WARNING: --no-login" in out
    assert "WITHOUT LOGIN" in out
    assert "run SQL over the whole" in out
