"""The swarm: init on the first manager, join the rest, then the scenario's swarm objects."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from .docker import docker
from .errors import LabError
from .images import IMAGES
from .layout import Layout, Node


def form(nodes: list[Node], autolock: bool, lab: Layout) -> None:
    """Init on nodes[0] (autolock as asked, unlock key saved), join the others in parallel."""
    first = nodes[0]
    docker(first, "swarm", "init", "--advertise-addr", first.address,
           "--listen-addr", f"{first.address}:2377", *(["--autolock"] if autolock else []))
    if autolock:
        lab.unlock_key.write_text(docker(first, "swarm", "unlock-key", "-q") + "\n")
        lab.unlock_key.chmod(0o600)
    tokens = {role: docker(first, "swarm", "join-token", "-q", role)
              for role in ("manager", "worker")}

    def join(node: Node) -> None:
        docker(node, "swarm", "join", "--token", tokens[node.role],
               "--advertise-addr", node.address, "--listen-addr", f"{node.address}:2377",
               f"{first.address}:2377")

    with ThreadPoolExecutor() as pool:
        list(pool.map(join, nodes[1:]))


def create_objects(manager: Node, spec: dict) -> None:
    """Overlay networks, secrets and services (detached; see converge)."""
    for net in spec.get("networks", []):
        encrypted = ["--opt", "encrypted"] if net.get("encrypted") else []
        docker(manager, "network", "create", "--driver", "overlay", *encrypted, net["name"])
    for secret in spec.get("secrets", []):
        docker(manager, "secret", "create", secret["name"], "-", input=secret["data"])
    for service in spec.get("services", []):
        args = ["service", "create", "--detach", "--name", service["name"],
                "--replicas", str(service.get("replicas", 1))]
        for net in service.get("networks", []):
            args += ["--network", net]
        for secret in service.get("secrets", []):
            args += ["--secret", secret]
        docker(manager, *args, IMAGES[service["image"]])


def converge(manager: Node, spec: dict, timeout: float = 90) -> None:
    """Wait until every service runs all its replicas."""
    wanted = {s["name"]: s.get("replicas", 1) for s in spec.get("services", [])}
    deadline = time.monotonic() + timeout
    while wanted:
        lines = docker(manager, "service", "ls", "--format", "{{.Name}} {{.Replicas}}")
        running = {name: reps.split("/")[0] for name, reps in
                   (line.split()[:2] for line in lines.splitlines())}
        if all(running.get(name) == str(count) for name, count in wanted.items()):
            return
        if time.monotonic() > deadline:
            raise LabError(f"services not converged after {timeout:.0f}s: {lines}")
        time.sleep(0.5)
