"""`up` recovers from a crashed lab; `down` leaves no process, mount, namespace, link or folder.

Order-independent: the test takes the shared lab down and brings it up again at the end, then
refreshes the session's ``lab`` dict in place, so tests before or after it see a running lab.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import lab as labpkg
from lab.layout import BRIDGE, layout
from lab.proc import processes_in, recorded, start_time

ROOT = Path(__file__).resolve().parents[2]


def links() -> list[str]:
    return sorted(p.name for p in Path("/sys/class/net").iterdir()
                  if p.name == BRIDGE or p.name.startswith("dstig-"))


def footprint(lab_root: Path) -> dict:
    """Everything of the lab the host can see: processes, namespaces, mounts, links, folders."""
    lab = layout()
    pids = [pid for f in lab.pids.glob("*.pid") if (pid := recorded(f))]
    inodes = {os.stat(ns).st_ino for ns in lab.ns_dir.glob("node*.*")}
    containers = {p.name for p in lab_root.glob("node*/docker/**/containers/*")}
    pids += processes_in(inodes, containers)
    return {
        "processes": {(pid, start_time(pid)) for pid in pids},
        "namespaces": inodes,
        "containers": containers,
        "mounts": [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()
                   if line.split()[4].startswith(str(lab_root))],
        "links": links(),
    }


def leftovers(before: dict, lab_root: Path) -> dict:
    """What of the footprint taken before down still exists."""
    in_use = set()
    for proc in Path("/proc").iterdir():
        for kind in ("net", "mnt", "uts"):
            try:
                in_use.add(os.stat(proc / "ns" / kind).st_ino)
            except OSError:
                pass
    cgroups = [str(p) for p in Path("/sys/fs/cgroup").glob("**/lab-custom")] + [
        str(p) for cid in before["containers"] for p in Path("/sys/fs/cgroup").glob(f"*/docker/{cid}")]
    return {
        "processes": [p for p, start in before["processes"] if start and start_time(p) == start],
        "namespaces": sorted(before["namespaces"] & in_use),
        "mounts": [m for m in Path("/proc/self/mountinfo").read_text().splitlines()
                   if str(lab_root) in m],
        "links": links(),
        "folders": [str(lab_root)] if lab_root.exists() else [],
        "cgroups": cgroups,
    }


def test_up_after_a_crash_then_down_leaves_nothing(lab):
    lab_root = Path(lab["root"])
    crashed = footprint(lab_root)
    for pid_file in layout().pids.glob("*.pid"):  # a crash: every daemon killed at once
        if pid := recorded(pid_file):
            os.kill(pid, signal.SIGKILL)
    assert processes_in(crashed["namespaces"], crashed["containers"]), "nothing left to clean?"

    size = {"nodes": len(lab["nodes"]), "scenario_file": lab["scenario"],
            "managers": sum(n["role"] == "manager" for n in lab["nodes"])}
    labpkg.up(**size)
    assert labpkg.status()["up"]
    before = footprint(lab_root)
    assert before["processes"] and before["namespaces"] and before["mounts"] and before["links"]

    labpkg.down()
    left = leftovers(before, lab_root)
    assert left == {k: [] for k in left}
    assert not leftovers(crashed, lab_root)["processes"]
    assert labpkg.status()["up"] is False

    labpkg.up(**size)
    lab.clear()
    lab.update(labpkg.environment())


def test_status_and_env_say_so_when_the_lab_is_not_up(tmp_path):
    env = {**os.environ, "DOCKERSTIG_LAB_ROOT": str(tmp_path / "nothing")}
    status = subprocess.run([sys.executable, "-m", "lab", "status"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert status.returncode == 1 and "not up" in status.stdout
    out = subprocess.run([sys.executable, "-m", "lab", "env", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr == f"lab: no lab at {tmp_path / 'nothing'} (run: python -m lab up)\n"


def test_without_root_one_clear_line(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user")
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-m", "lab", "down"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "HOME": str(tmp_path)})
    assert (done.returncode, done.stderr) == (
        1, "lab: must run as root (the lab creates namespaces, mounts and daemons)\n")


def test_env_json_is_what_the_lab_fixture_returns(lab):
    out = subprocess.run([sys.executable, "-m", "lab", "env", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == lab
