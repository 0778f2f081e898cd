"""up, down and status of the whole lab."""

from __future__ import annotations

import fcntl
import json
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from . import containers, images, net, node, pki, prereq, registry, scenario, ssh, swarm
from .envinfo import describe
from .errors import LabError
from .layout import HOST_ADDRESS, LOCK_FILE, Layout, Node, layout
from .proc import kill, processes_in, recorded, run, stop
from .wait import docker_ping

MAX_NODES = 89  # addresses .11 to .99


@contextmanager
def locked():
    """One lab command at a time on this machine."""
    LOCK_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK_FILE, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _say(message: str) -> None:
    print(f"lab: {message}", file=sys.stderr, flush=True)


def _parallel(*calls) -> list:
    """Run the calls in threads and return their results; re-raise the first failure."""
    with ThreadPoolExecutor(max_workers=max(1, len(calls))) as pool:
        return [future.result() for future in [pool.submit(call) for call in calls]]


def up(nodes: int = 3, managers: int = 1, scenario_file: str | Path = scenario.DEFAULT) -> dict:
    """Clean whatever is left, then build the lab from the scenario; return its environment."""
    spec = _checked(nodes, managers, scenario_file)
    with locked():
        return _up(nodes, managers, scenario_file, spec)


def ensure_up(nodes: int = 3, managers: int = 1,
              scenario_file: str | Path = scenario.DEFAULT) -> bool:
    """Bring the lab up unless it is up already (checked under the lock); True if this call did."""
    spec = _checked(nodes, managers, scenario_file)
    with locked():
        if status()["up"]:
            return False
        _up(nodes, managers, scenario_file, spec)
        return True


def _checked(nodes: int, managers: int, scenario_file: str | Path) -> dict:
    """The validated scenario, once the arguments and the host are known to be fine."""
    spec = scenario.load(scenario_file)
    if not 1 <= managers <= nodes <= MAX_NODES:
        raise LabError(f"need 1 <= managers ({managers}) <= nodes ({nodes}) <= {MAX_NODES}")
    prereq.prepare_host()
    for name in sorted(set(spec["nodes"]) - {f"node{i}" for i in range(1, nodes + 1)}):
        _say(f"scenario nodes.{name} ignored (the lab has {nodes} nodes)")
    return spec


def _up(nodes: int, managers: int, scenario_file: str | Path, spec: dict) -> dict:
    lab = layout()
    _down(lab)
    started = time.monotonic()
    try:
        _build(lab, lab.nodes(nodes, managers), spec, Path(scenario_file).absolute(), started)
    except BaseException:
        _say(f"up failed; logs are in {lab.logs} until the next up or down")
        raise
    _say(f"up in {time.monotonic() - started:.1f}s")
    return describe(lab)


def _build(lab: Layout, members: list[Node], spec: dict, scenario_path: Path,
           started: float) -> None:
    lab.root.mkdir(mode=0o755, parents=True)
    state = {"phase": "starting", "nodes": len(members),
             "managers": sum(n.role == "manager" for n in members),
             "scenario": str(scenario_path), "scenario_data": spec}
    lab.state.write_text(json.dumps(state, indent=2))  # first: it marks the folder as the lab's
    for folder in (lab.pids, lab.logs, lab.ns_dir):
        folder.mkdir()
    run(["mount", "--bind", str(lab.ns_dir), str(lab.ns_dir)])
    run(["mount", "--make-private", str(lab.ns_dir)])
    _say("certificates and keys")
    pki.make_ca(lab.pki)
    server = pki.issue(lab.pki, "registry", HOST_ADDRESS, [f"IP:{HOST_ADDRESS}"], "serverAuth")
    pki.issue(lab.pki, "client", "dockerstig-lab-client", [], "clientAuth")
    tls = {n.name: pki.issue(lab.pki, f"{n.name}-engine", n.name,
                             [f"DNS:{n.name}", f"IP:{n.address}"], "serverAuth")
           for n in members if "tls_certs" in scenario.node_spec(spec, n.name)}
    ssh.make_keys(lab, members)
    ssh.write_client_config(lab, members)
    net.create_bridge()
    _say(f"starting registry, notary and {len(members)} nodes")
    _parallel(lambda: registry.start(lab, *server),
              *[lambda n=n: node.start(n, scenario.node_spec(spec, n.name), lab, tls.get(n.name))
                for n in members])
    _say("forming the swarm; building and pushing images")
    managers = [n for n in members if n.role == "manager"]
    swarm_spec = spec.get("swarm", {})
    _, dangling = _parallel(lambda: swarm.form(members, swarm_spec.get("autolock", False), lab),
                            lambda: images.build_and_push(members[0], lab))
    _say("pulling images; starting services and containers")
    _parallel(*[lambda n=n: images.pull(n) for n in members[1:]])
    swarm.create_objects(managers[0], swarm_spec)
    _parallel(*[lambda n=n: containers.start_all(n, scenario.node_spec(spec, n.name))
                for n in members])
    _say("waiting for healthchecks and services to settle")
    _parallel(lambda: swarm.converge(managers[0], swarm_spec),
              *[lambda n=n: containers.settle(n, scenario.node_spec(spec, n.name))
                for n in members])
    state |= {"phase": "up", "dangling_image": dangling,
              "up_seconds": round(time.monotonic() - started, 1)}
    lab.state.write_text(json.dumps(state, indent=2))


def down() -> None:
    """Stop everything the lab started and remove everything it made."""
    prereq.require_root()
    with locked():
        started = time.monotonic()
        _down(layout())
    _say(f"down in {time.monotonic() - started:.1f}s")


def _node_dirs(lab: Layout) -> list[Node]:
    found = [int(p.name[4:]) for p in lab.root.glob("node*") if p.name[4:].isdigit()]
    return [Node(i, "worker", lab.root) for i in sorted(found)]


def _down(lab: Layout) -> None:
    """Idempotent teardown; also what up does first, so it must cope with a half-built lab."""
    if lab.root.exists() and not lab.state.exists() and any(lab.root.iterdir()):
        raise LabError(f"{lab.root} is not empty and has no state.json: not a lab root, "
                       "not touching it (set DOCKERSTIG_LAB_ROOT?)")
    members = _node_dirs(lab)
    ssh.close_masters(lab, [n.name for n in members])
    stop([pid for f in sorted(lab.pids.glob("*.pid")) if (pid := recorded(f))])
    container_ids = {p.name for n in members
                     for p in [*n.data_root.glob("containers/*"), *n.data_root.glob("*/containers/*")]}
    inodes = {n.ns(kind).stat().st_ino for n in members for kind in ("net", "mnt", "uts")
              if _is_mountpoint(n.ns(kind))}
    kill(processes_in(inodes, container_ids))
    net.remove_links([p.name for p in Path("/sys/class/net").glob("dstig-v*")])
    for mount in sorted(_mounts_under(lab.root), key=len, reverse=True):
        run(["umount", "--lazy", mount])
    _remove_cgroups(container_ids, _cgroup_parents(lab))
    if lab.root.exists():
        shutil.rmtree(lab.root)


def _mounts_under(root: Path) -> list[str]:
    """Mount points at or below root in our mount namespace."""
    points = [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()]
    return [p for p in points if p == str(root) or p.startswith(f"{root}/")]


def _is_mountpoint(path: Path) -> bool:
    return str(path) in _mounts_under(path.parent)


def _cgroup_parents(lab: Layout) -> set[str]:
    """Cgroup parents the scenario gave containers (read from the state of the last up)."""
    try:
        spec = json.loads(lab.state.read_text())["scenario_data"]
    except (OSError, ValueError, KeyError):
        return set()
    return {c["cgroup_parent"].strip("/") for n in spec["nodes"].values()
            for c in n.get("containers", []) if c.get("cgroup_parent")}


def _remove_cgroups(container_ids: set[str], parents: set[str]) -> None:
    """Remove the (empty) cgroups of the lab's containers and the scenario's cgroup parents."""
    base = Path("/sys/fs/cgroup")
    for controller in [base, *[p for p in base.iterdir() if p.is_dir()]]:
        for parent in [*parents, "docker"]:
            for cid in container_ids:
                _rmdir(controller / parent / cid)
            _rmdir(controller / parent)


def _rmdir(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


def status() -> dict:
    """Whether the lab is up, and which of its parts answer."""
    lab = layout()
    try:
        state = json.loads(lab.state.read_text())
    except (OSError, ValueError):
        return {"up": False, "root": str(lab.root), "phase": "absent", "parts": {}}
    parts = {"registry": recorded(lab.pids / "registry.pid") is not None,
             "notary-server": recorded(lab.pids / "notary-server.pid") is not None}
    for n in lab.nodes(state["nodes"], state["managers"]):
        parts[f"{n.name}-sshd"] = recorded(lab.pids / f"{n.name}-sshd.pid") is not None
        parts[f"{n.name}-dockerd"] = docker_ping(n.socket)
    return {"up": state["phase"] == "up" and all(parts.values()), "root": str(lab.root),
            "phase": state["phase"], "parts": parts}
