"""The core checks against the real lab: outcomes per lab target, offline and parallel runs,
an unreachable node, an unreachable Notary, and proof that the audit changes nothing."""

import json
import os
import subprocess
import time

import pytest

from lab.audit import audit_args
from tests.integration.audit import run_audit

SIGNED, UNSIGNED, NOSIG = "signed", "unsigned", "nosig"


def _image(lab, which):
    return lab["images"][which]


@pytest.fixture(scope="module")
def expectations(lab):
    """(rule, target, status, words in the message) that the default scenario must give."""
    reg = lab["images"]
    return [
        ("V-235802", "node1/good", "pass", "HostConfig.Privileged=false"),
        ("V-235802", "node1/privileged", "open", "HostConfig.Privileged=true; required: HostConfig.Privileged=false"),
        ("V-235867", "node1", "pass", "/etc/docker/daemon.json owner root:root"),
        ("V-235867", "node2", "open", "/etc/docker/daemon.json owner"),
        ("V-235868", "node1", "pass", "mode 06"),
        ("V-235868", "node2", "open", "/etc/docker/daemon.json mode 0666"),
        ("V-235792", "node1", "pass", "Server.Experimental=false"),
        ("V-235792", "node2", "open", "Server.Experimental=true"),
        ("V-235823", "cluster", "pass", "AutoLockManagers=true"),
        ("V-235834", "cluster", "not_reviewed", "organisational"),
        ("V-235839", f"node1/{reg['signed']}", "pass", "Digest"),
        ("V-235839", f"node1/{reg['unsigned']}", "open", "SignedTags=[]"),
        ("V-235839", f"node1/{reg['nosig']}", "open", "no trust data"),
        ("V-235839", f"node1/{reg['root_local']}", "open", "no trust data"),
    ]


def test_core_outcomes_on_lab_targets(lab_audit, expectations):
    seen = {(v, t): lab_audit.result(v, t) for v, t, _, _ in expectations}
    wrong = [(v, t, s, seen[(v, t)].status, seen[(v, t)].message) for v, t, s, w in expectations
             if seen[(v, t)].status != s or w not in seen[(v, t)].message]
    assert not wrong


def test_every_node_took_one_round_trip(lab_audit):
    snap = json.loads((lab_audit.reports_dir / "snapshot.json").read_text())
    assert {n["name"]: n["round_trips"] for n in snap["nodes"]} == {"node1": 1, "node2": 1, "node3": 1}
    assert all(n["error"] is None for n in snap["nodes"])


def test_snapshot_round_trip_gives_the_same_outcomes(lab_audit, tmp_path):
    offline = run_audit([f"--snapshot={lab_audit.reports_dir / 'snapshot.json'}"], tmp_path)
    assert offline.outcomes() == lab_audit.outcomes()


def test_xdist_gives_the_same_outcomes(lab, lab_audit, tmp_path):
    parallel = run_audit([*audit_args(lab), "-n", "2"], tmp_path)
    assert parallel.outcomes() == lab_audit.outcomes()


def test_unreachable_node_is_errors_and_the_others_complete(lab, tmp_path):
    args = audit_args(lab)
    args[0] += ",ssh://root@127.0.0.1:1"
    run = run_audit([*args, "-k", "V-235867 or V-235802"], tmp_path)
    dark = [r for r in run.results if r.asset == "127.0.0.1"]
    assert dark and {r.status for r in dark} == {"error"}
    assert all("127.0.0.1" in r.message for r in dark)
    assert run.status("V-235867", "node1") == "pass" and run.status("V-235867", "node2") == "open"


def test_unreachable_notary_is_an_error_never_a_pass(lab, tmp_path):
    args = [a for a in audit_args(lab) if not a.startswith("--trust-server")]
    run = run_audit([*args, "--trust-server=https://127.0.0.1:1", "-k", "V-235839"], tmp_path)
    statuses = {r.status for r in run.results if "untagged" not in r.target_id}
    assert statuses == {"error"}, {(r.target_id, r.status, r.message) for r in run.results}


def _healthcheck_commands(docker_host: str) -> set[str]:
    ids = subprocess.run(["docker", "-H", docker_host, "ps", "-q"], check=True, capture_output=True, text=True).stdout.split()
    tests = subprocess.run(["docker", "-H", docker_host, "inspect", "--format", "{{json .Config.Healthcheck}}", *ids],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    commands = set()
    for line in tests:
        test = (json.loads(line) or {}).get("Test") or []
        if test[:1] == ["CMD-SHELL"]:
            commands.add("/bin/sh -c " + test[1])
        elif test[:1] == ["CMD"]:
            commands.add(" ".join(test[1:]))
    return commands


def test_the_audit_changes_nothing_on_the_engines(lab, tmp_path):
    """The engines' event streams during an audit hold nothing but the containers' own
    healthcheck execs and the audit's ``docker top`` reads: no create, start, exec of ours,
    kill, pull, network or volume event."""
    since = str(int(time.time()) - 1)
    run_audit([*audit_args(lab), "-k", "V-235802"], tmp_path)
    until = str(int(time.time()) + 1)
    for node in lab["nodes"]:
        health = _healthcheck_commands(node["docker_host"])
        events = subprocess.run(["docker", "-H", node["docker_host"], "events", "--since", since,
                                 "--until", until, "--format", "{{.Type}} {{.Action}}"],
                                check=True, capture_output=True, text=True).stdout.splitlines()
        ours = [e for e in events if e.strip() and not _is_health_or_read(e, health)]
        assert ours == [], node["name"]


def _is_health_or_read(event: str, health: set[str]) -> bool:
    kind, _, action = event.partition(" ")
    if kind != "container":
        return False
    if action.startswith("health_status") or action == "top":
        return True
    name, _, command = action.partition(": ")
    return name in ("exec_create", "exec_start", "exec_die") and (command in health or name == "exec_die")


def test_autolock_off_is_open(lab, tmp_path):
    """Last in this file: the swarm update it makes shows in the engines' event streams."""
    manager = next(n for n in lab["nodes"] if n["name"] == "node1")["docker_host"]
    docker = ["docker", "-H", manager, "swarm", "update"]
    subprocess.run([*docker, "--autolock=false"], check=True, capture_output=True)
    try:
        run = run_audit([*audit_args(lab), "-k", "V-235823"], tmp_path)
    finally:
        subprocess.run([*docker, "--autolock=true"], check=True, capture_output=True)
    assert run.status("V-235823", "cluster") == "open"
    assert "AutoLockManagers=false" in run.result("V-235823", "cluster").message


@pytest.fixture
def ssh_shim(tmp_path, monkeypatch):
    """An ``ssh`` first on PATH that logs (host, command) of every invocation, then runs the
    real client. Returns the log's path; each line is ``host<TAB>first 40 characters``."""
    shim_dir = tmp_path / "bin"
    shim_dir.mkdir()
    log = tmp_path / "ssh.log"
    real = subprocess.run(["sh", "-c", "command -v ssh"], capture_output=True, text=True).stdout.strip()
    (shim_dir / "ssh").write_text(
        "#!/bin/sh\nfor a; do host=$prev; prev=$a; done\n"
        'cmd=$(printf "%.40s" "$prev" | tr -d "\\n")\n'
        f'printf "%s\\t%s\\n" "$host" "$cmd" >> {log}\n'
        f'exec {real} "$@"\n')
    (shim_dir / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim_dir}:{os.environ['PATH']}")
    return log


def _ssh_calls(log):
    return sorted(tuple(line.split("\t", 1)) for line in log.read_text().splitlines() if line)


def test_one_ssh_round_trip_per_node_counted_at_the_ssh_client(lab, tmp_path, ssh_shim):
    run = run_audit([*audit_args(lab), "-k", "V-235867"], tmp_path / "r")
    assert run.status("V-235867", "node1") == "pass"
    assert [host for host, _ in _ssh_calls(ssh_shim)] == ["node1", "node2", "node3"]


def test_sudo_wraps_the_batched_command(lab, tmp_path, ssh_shim):
    run = run_audit([*audit_args(lab), "--sudo", "-k", "V-235867"], tmp_path / "r")
    assert run.status("V-235867", "node2") == "open"
    calls = _ssh_calls(ssh_shim)
    assert len(calls) == 3 and all(cmd.startswith("sudo /bin/sh -c") for _, cmd in calls), calls


def test_the_evidence_snapshot_holds_no_environment_values(lab_audit):
    snap = json.loads((lab_audit.reports_dir / "snapshot.json").read_text())
    envs = [e for n in snap["nodes"] for c in n["docker"]["containers"] for e in (c["Config"].get("Env") or [])]
    assert envs and all(e.endswith("=<redacted>") for e in envs)


def test_offline_collect_only_touches_nothing(lab, lab_audit, tmp_path, ssh_shim):
    """``--snapshot`` with the lab's own options: the whole audit is listed, no ssh is run."""
    snap = lab_audit.reports_dir / "snapshot.json"
    run = run_audit([*audit_args(lab), f"--snapshot={snap}", "--collect-only"], tmp_path / "r")
    listed = [line for line in run.stdout.splitlines() if "::" in line]
    assert len(listed) == len(lab_audit.results)
    assert not ssh_shim.exists() or ssh_shim.read_text() == ""
