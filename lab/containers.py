"""A node's scenario containers: each structured key is one `docker run` flag."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from .docker import docker
from .errors import LabError
from .images import IMAGES
from .layout import Node

VALUE_FLAGS = {"user": "--user", "pid": "--pid", "ipc": "--ipc", "uts": "--uts",
               "userns": "--userns", "network": "--network", "memory": "--memory",
               "cpu_shares": "--cpu-shares", "pids_limit": "--pids-limit",
               "restart": "--restart", "cgroup_parent": "--cgroup-parent"}
LIST_FLAGS = {"ports": "--publish", "volumes": "--volume", "devices": "--device",
              "cap_add": "--cap-add", "cap_drop": "--cap-drop",
              "security_opt": "--security-opt", "ulimits": "--ulimit"}
BOOL_FLAGS = {"privileged": "--privileged", "read_only": "--read-only"}
HEALTH_DEFAULTS = {"interval": "1s", "retries": 1}


def run_args(spec: dict) -> list[str]:
    """`docker run` arguments for one scenario container (network none unless it says)."""
    args = ["run", "--detach", "--name", spec["name"]]
    spec = {"network": "none", **spec}
    for key, flag in VALUE_FLAGS.items():
        if key in spec:
            args += [flag, str(spec[key])]
    for key, flag in LIST_FLAGS.items():
        for value in spec.get(key, []):
            args += [flag, value]
    args += [flag for key, flag in BOOL_FLAGS.items() if spec.get(key)]
    if "healthcheck" in spec:
        health = {**HEALTH_DEFAULTS, **spec["healthcheck"]}
        args += ["--health-cmd", health["cmd"], "--health-interval", health["interval"],
                 "--health-retries", str(health["retries"])]
    return [*args, IMAGES[spec["image"]], *spec.get("command", [])]


def start_all(node: Node, spec: dict) -> None:
    """Create the node's user bridges, run its containers, stop those meant to be stopped."""
    for net in spec.get("networks", []):
        docker(node, "network", "create", "--driver", "bridge", net)
    containers = spec.get("containers", [])
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda c: docker(node, *run_args(c)), containers))
    stopped = [c["name"] for c in containers if c.get("state") == "stopped"]
    if stopped:
        docker(node, "stop", "--time", "5", *stopped)


def settle(node: Node, spec: dict, timeout: float = 60) -> None:
    """Wait until every healthcheck reports what the scenario expects of it."""
    expected = {c["name"]: c["healthcheck"]["expect"] for c in spec.get("containers", [])
                if "healthcheck" in c and c.get("state") != "stopped"}
    deadline = time.monotonic() + timeout
    while expected:
        out = docker(node, "inspect", "--format", "{{.Name}} {{.State.Health.Status}}",
                     *expected)
        seen = dict(line.lstrip("/").split() for line in out.splitlines())
        if seen == expected:
            return
        if time.monotonic() > deadline:
            raise LabError(f"{node.name}: healthchecks not settled after {timeout:.0f}s: {seen}")
        time.sleep(0.5)
