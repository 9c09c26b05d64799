"""Simulated phones that speak the real protocols, for demo mode and tests."""

from __future__ import annotations

import shlex
import signal
import threading


def serve_until_stopped(env: dict[str, str]) -> None:
    """Print the ``export`` lines that lead another shell to the simulated phones,
    then wait for Ctrl-C or SIGTERM (the caller's ``with`` block stops the phones)."""
    stopping = threading.Event()
    # Both handlers set explicitly: a shell starts background jobs with SIGINT ignored.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    print("# In another shell, export these and run kiosk (e.g. kiosk probe):")
    for name, value in env.items():
        print(f"export {name}={shlex.quote(value)}")
    print("# Ctrl-C stops the phones.", flush=True)
    while not stopping.wait(0.5):
        pass
