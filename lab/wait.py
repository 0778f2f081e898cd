"""Wait for a daemon to answer, with an error that quotes its log."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from .errors import LabError

TIMEOUT = 60


def until(ready, what: str, log: Path | None = None, timeout: float = TIMEOUT) -> None:
    """Poll ready() until true; on timeout raise LabError with the last line of log."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise LabError(f"{what} not ready after {timeout:.0f}s{_last_line(log)}")
        time.sleep(0.1)


def port_open(host: str, port: int, what: str, log: Path | None = None) -> None:
    def ready() -> bool:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return True
        except OSError:
            return False
    until(ready, what, log)


def docker_ping(sock: Path) -> bool:
    """True when the Docker engine on this unix socket answers GET /_ping with OK."""
    try:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(2)
            conn.connect(str(sock))
            conn.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return conn.recv(4096).rstrip().endswith(b"OK")
    except OSError:
        return False


def _last_line(log: Path | None) -> str:
    if not log or not log.exists():
        return ""
    lines = log.read_text(errors="replace").strip().splitlines()
    return f" (see {log}: {lines[-1][:200]})" if lines else f" (see {log})"
