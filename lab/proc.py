"""Run commands, start daemons with pid files, and stop processes by recorded pid."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from .errors import LabError


def run(argv: list[str], *, env: dict | None = None, input: str | None = None,
        check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run argv; on failure raise LabError naming the command, with its output on one line.

    env overrides the inherited environment; a value of None removes that variable.
    """
    full_env = None
    if env:
        full_env = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    try:
        done = subprocess.run(argv, env=full_env, input=input, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise LabError(f"timed out after {timeout:.0f}s: {' '.join(argv)}") from None
    if check and done.returncode != 0:
        lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        output = " / ".join(lines) or "(no output)"
        raise LabError(f"command failed ({done.returncode}): {' '.join(argv)}: {output[:400]}")
    return done


def start_time(pid: int) -> str | None:
    """The kernel start time of a live (non-zombie) process, or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def spawn(name: str, argv: list[str], pid_dir: Path, log_dir: Path,
          env: dict | None = None) -> int:
    """Start a long-running daemon detached from us; record 'pid starttime' in pid_dir/name.pid."""
    log_dir.mkdir(parents=True, exist_ok=True)
    pid_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / f"{name}.log", "ab") as log:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                 start_new_session=True, env={**os.environ, **(env or {})})
    started = start_time(child.pid)
    (pid_dir / f"{name}.pid").write_text(f"{child.pid} {started}\n")
    return child.pid


def recorded(pid_file: Path) -> int | None:
    """The pid in pid_file if that very process is still alive (start time matches)."""
    try:
        pid, started = pid_file.read_text().split()
    except (OSError, ValueError):
        return None
    return int(pid) if start_time(int(pid)) == started else None


def alive(pid: int) -> bool:
    return start_time(pid) is not None


def stop(pids: list[int], grace: float = 15) -> None:
    """SIGTERM the processes, wait up to grace seconds, then SIGKILL what is left."""
    starts = {pid: start_time(pid) for pid in pids}

    def left() -> list[int]:
        return [p for p in pids if starts[p] is not None and start_time(p) == starts[p]]

    _signal(pids, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while left() and time.monotonic() < deadline:
        time.sleep(0.1)
    kill(left())


def kill(pids: list[int]) -> None:
    """SIGKILL the processes and wait until they are gone."""
    _signal(pids, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)


def _signal(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def processes_in(namespaces: set[int], container_ids: set[str]) -> list[int]:
    """Pids of processes inside one of the given namespace inodes or the given containers' cgroups."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            inodes = {os.stat(entry / "ns" / kind).st_ino for kind in ("net", "mnt", "uts")}
            cgroups = (entry / "cgroup").read_text()
        except OSError:
            continue
        if inodes & namespaces or any(cid in cgroups for cid in container_ids):
            if alive(int(entry.name)):
                found.append(int(entry.name))
    return found
