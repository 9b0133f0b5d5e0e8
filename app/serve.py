"""`kuntatalous app [--port N]`: serve the explorer with `streamlit run`."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parent / "explorer.py"


def streamlit_command(port: int, address: str | None = None) -> list[str]:
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ENTRY),
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # naming the address also stops Streamlit looking up this machine's external IP on the internet
        "--browser.serverAddress", address or "localhost",
        "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer",
    ]
    if address:
        cmd += ["--server.address", address]
    return cmd


def command(args: argparse.Namespace) -> int:
    print(f"kuntatalous explorer: http://localhost:{args.port}", flush=True)
    try:
        return subprocess.call(streamlit_command(args.port))
    except KeyboardInterrupt:
        return 0
