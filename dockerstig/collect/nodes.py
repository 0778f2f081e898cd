"""Node facts through testinfra: one batched command per node, in parallel threads.

>>> [(name, spec) for name, spec, _ in node_hosts(["ssh://root@node1"])]
[('node1', 'ssh://node1')]
"""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import testinfra

from dockerstig.collect.hostscript import build_script, parse_output
from dockerstig.redact import redact_docker

#: Sections that describe the engine; the others are host facts.
DOCKER_SECTIONS = ("docker_version", "docker_info", "containers", "images", "top",
                   "swarm_nodes", "services", "networks", "secrets")


def _docker_facts(sections: dict) -> dict:
    """The engine part of a node's sections, shaped like the Engine API answers."""
    info_sec = sections.get("docker_info", {})
    info = (info_sec.get("docs") or [{}])[0]
    version = (sections.get("docker_version", {}).get("docs") or [{}])[0]
    errors = [m for m in info_sec.get("messages", []) if m]
    error = None
    if info_sec.get("rc", 1) != 0 or info.get("ServerErrors"):
        error = "; ".join(info.get("ServerErrors") or errors or ["docker info failed"])
    docker = {
        "error": error,
        "info": info,
        "version": version.get("Server") or version,
        "client_version": version.get("Client"),
        "containers": sections.get("containers", {}).get("docs", []),
        "images": sections.get("images", {}).get("docs", []),
        "top": sections.get("top", {}).get("containers", {}),
        "networks": sections.get("networks", {}).get("docs", []),
    }
    for key in ("swarm_nodes", "services", "secrets"):
        if key in sections:
            docker[key] = sections[key].get("docs", [])
    return docker


class HostspecError(ValueError):
    """A hostspec testinfra cannot use (message names it)."""


def node_hosts(hostspecs: list[str], **kwargs) -> list[tuple[str, str, testinfra.host.Host]]:
    """Expand testinfra hostspecs (an ``ansible://`` spec may name many hosts).

    Returns ``[(name, hostspec, host)]``; kwargs are testinfra's (ssh_config, sudo, …).
    Nothing is contacted here: testinfra connects lazily (ansible:// reads its inventory).
    """
    kwargs = {k: v for k, v in kwargs.items() if v not in (None, False, "")}
    out = []
    try:
        hosts = testinfra.get_hosts(hostspecs, **kwargs)
    except Exception as exc:  # testinfra raises RuntimeError/AssertionError with the details
        raise HostspecError(f"{','.join(hostspecs)}: {_reason(exc)}") from None
    for host in hosts:
        name = host.backend.get_hostname()
        if host.backend.get_connection_type() == "local":
            name = socket.gethostname()
        if not name:
            raise HostspecError(f"{host.backend.get_pytest_id()}: the hostspec names no host")
        out.append((name, host.backend.get_pytest_id(), host))
    return out


def collect_node(name: str, hostspec: str, host, script: str) -> dict:
    """Run the batched command on one node; never raises: errors land in ``"error"``."""
    started = time.monotonic()
    facts: dict = {"name": name, "hostspec": hostspec, "via": "shell", "error": None, "round_trips": 0}
    try:
        facts["round_trips"] += 1
        result = host.run(script)
    except Exception as exc:  # any backend failure means: could not look at this node
        facts["error"] = f"cannot run commands on {hostspec}: {_reason(exc)}"
    else:
        if result.rc == 255 or (result.rc != 0 and "@@dockerstig@@" not in result.stdout):
            msg = (result.stderr or result.stdout).strip().splitlines()
            facts["error"] = f"cannot run commands on {hostspec}: {msg[-1] if msg else 'exit ' + str(result.rc)}"
        else:
            sections = parse_output(result.stdout)
            facts["host"] = {k: v for k, v in sections.items() if k not in DOCKER_SECTIONS}
            facts["docker"] = redact_docker(_docker_facts(sections))
    facts["elapsed_seconds"] = round(time.monotonic() - started, 3)
    return facts


def _reason(exc: Exception) -> str:
    """One line for a backend failure; testinfra's ssh backend raises RuntimeError(CommandResult),
    whose text would repeat the whole batched command."""
    result = exc.args[0] if exc.args else None
    stderr = getattr(result, "stderr", None)
    if isinstance(stderr, str) and stderr.strip():
        return stderr.strip().splitlines()[-1]
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".strip()


def collect_nodes(hosts: list[tuple[str, str, object]], *, threads: int = 8,
                  progress: Callable[[str], None] = lambda line: None) -> list[dict]:
    """Collect ``[(name, hostspec, host)]`` in parallel; one progress line per node."""
    script = build_script()

    def one(target: tuple[str, str, object]) -> dict:
        facts = collect_node(*target, script)
        progress(f"{target[0]} ({target[1]}): {describe(facts)} [{facts['elapsed_seconds']:.1f}s]")
        return facts

    if not hosts:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(threads, len(hosts)))) as pool:
        return list(pool.map(one, hosts))


def describe(facts: dict) -> str:
    """A short progress summary of one node's facts."""
    if facts["error"]:
        return f"ERROR {facts['error']}"
    docker = facts["docker"]
    if docker.get("error"):
        return f"engine ERROR {docker['error']}"
    return f"{len(docker['containers'])} containers, {len(docker['images'])} images"
