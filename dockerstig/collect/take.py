"""Take a snapshot: discover the targets and gather every fact, in parallel, never fatally.

Example (contacts the targets, so not a doctest)::

    snap = take_snapshot(Targets(hosts=node_hosts(["ssh://node1", "ssh://node2"])), progress=print)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from dockerstig import __version__
from dockerstig.collect.engine import Endpoint, collect_engine
from dockerstig.collect.nodes import HostspecError, collect_nodes, describe, node_hosts
from dockerstig.collect.trust import inspect_trust
from dockerstig.snapshot import FORMAT, Snapshot


@dataclass
class Targets:
    """What to audit, as the user gave it (see fixtures/options.py for the options).

    ``hosts`` are the expanded testinfra hosts (``node_hosts``), resolved before the run so a
    bad hostspec or inventory is a usage error, not a failed audit.
    """

    hosts: list[tuple] = field(default_factory=list)
    testinfra_kwargs: dict = field(default_factory=dict)
    endpoints: list[Endpoint] = field(default_factory=list)
    discover_swarm: bool = False
    discover_hostspec: str = "ssh://{hostname}"
    trust_server: str | None = None
    trust_ca: str | None = None
    timeout: float = 60.0
    threads: int = 8


def swarm_facts(nodes: list[dict]) -> dict | None:
    """Cluster facts from the first reachable manager (sorted by name), or None if no swarm."""
    for n in sorted(nodes, key=lambda n: n["name"]):
        docker = n.get("docker") or {}
        info = docker.get("info") or {}
        if n.get("error") or docker.get("error") or not (info.get("Swarm") or {}).get("ControlAvailable"):
            continue
        return {
            "manager": n["name"],
            "info": info.get("Swarm"),
            "spec": ((info.get("Swarm") or {}).get("Cluster") or {}).get("Spec"),
            "nodes": docker.get("swarm_nodes", []),
            "services": docker.get("services", []),
            "secrets": docker.get("secrets", []),
            "networks": docker.get("networks", []),
        }
    return None


def discovered_hostspecs(manager: dict, template: str, known: set[str]) -> list[str]:
    """Map each swarm node the manager lists to a hostspec via ``template``.

    >>> m = {"docker": {"swarm_nodes": [{"Description": {"Hostname": "node2"}, "Status": {"Addr": "10.0.0.2"}}]}}
    >>> discovered_hostspecs(m, "ssh://root@{addr}", set())
    ['ssh://root@10.0.0.2']
    """
    specs = []
    for sn in (manager.get("docker") or {}).get("swarm_nodes", []):
        hostname = (sn.get("Description") or {}).get("Hostname", "")
        if hostname in known:
            continue
        specs.append(template.format(hostname=hostname, addr=(sn.get("Status") or {}).get("Addr", "")))
    return sorted(specs)


def image_refs(nodes: list[dict]) -> list[str]:
    """Every tag on every reachable node, plus bare repositories of digest-only images."""
    refs = set()
    for n in nodes:
        for img in (n.get("docker") or {}).get("images") or []:
            tags = img.get("RepoTags") or []
            refs.update(tags)
            if not tags:
                refs.update(d.split("@", 1)[0] for d in img.get("RepoDigests") or [])
    return sorted(refs)


def _collect_discovered(hostspecs: list[str], targets: Targets, progress) -> list[dict]:
    """The nodes a manager listed; a hostspec testinfra cannot use is that node's error."""
    try:
        hosts = node_hosts(hostspecs, **targets.testinfra_kwargs)
    except HostspecError as exc:
        return [{"name": spec, "hostspec": spec, "via": "shell", "round_trips": 0,
                 "error": f"discovered, but {exc}"} for spec in hostspecs]
    return collect_nodes(hosts, threads=targets.threads, progress=progress)


def take_snapshot(targets: Targets, progress: Callable[[str], None] = lambda line: None) -> Snapshot:
    """Gather the facts of every target; unreachable targets are recorded, never fatal."""
    started = time.monotonic()
    nodes = collect_nodes(targets.hosts, threads=targets.threads, progress=progress)
    if targets.discover_swarm:
        known = {n["name"] for n in nodes}
        manager = next((n for n in nodes if n.get("docker", {}).get("swarm_nodes")), None)
        extra = discovered_hostspecs(manager, targets.discover_hostspec, known) if manager else []
        if extra:
            progress(f"swarm discovery on {manager['name']}: {len(extra)} more node(s)")
            nodes += _collect_discovered(extra, targets, progress)
    for ep in targets.endpoints:
        facts = collect_engine(ep, timeout=targets.timeout, threads=targets.threads)
        progress(f"{facts['name']} ({ep.describe()}): {describe(facts)} [{facts['elapsed_seconds']:.1f}s]")
        nodes.append(facts)
    refs = image_refs(nodes)
    trust = inspect_trust(refs, server=targets.trust_server, ca_file=targets.trust_ca, timeout=targets.timeout)
    if refs:
        progress(f"trust: {len(refs)} image reference(s) via {targets.trust_server or 'the registries default Notary'}"
                 + (f": ERROR {trust['error']}" if trust["error"] else ""))
    return Snapshot({
        "format": FORMAT,
        "tool": f"dockerstig {__version__}",
        "taken_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "elapsed_seconds": round(time.monotonic() - started, 3),
        "nodes": nodes,
        "swarm": swarm_facts(nodes),
        "trust": trust,
    })
