"""What a user (or a test) needs to point the suite at the lab: `python -m lab env`."""

from __future__ import annotations

import json
import shlex

from .errors import LabError
from .images import IMAGES
from .layout import NOTARY, REGISTRY, Layout, Node, layout


def tcp_hosts(flags: list[str], address: str) -> list[str]:
    """The tcp:// values of -H/--host in a node's extra dockerd flags."""
    flags = [f.replace("{address}", address) for f in flags]
    values = [b for a, b in zip(flags, flags[1:]) if a in ("-H", "--host")]
    values += [f.split("=", 1)[1] for f in flags if f.startswith(("-H=", "--host="))]
    return [v for v in values if v.lower().startswith("tcp://")]


def _tls_endpoint(lab: Layout, nodes: list[Node], spec: dict) -> dict | None:
    """The first node listening on tcp:// with --tlsverify, and the lab's client certificate."""
    for node in nodes:
        flags = spec["nodes"].get(node.name, {}).get("dockerd_flags", [])
        hosts = tcp_hosts(flags, node.address)
        if "--tlsverify" in flags and hosts:
            return {"host": hosts[0], "ca": str(lab.ca), "cert": str(lab.pki / "client.crt"),
                    "key": str(lab.pki / "client.key")}
    return None


def describe(lab: Layout) -> dict:
    """The environment dict of the lab under lab.root, from the state its last up recorded."""
    try:
        state = json.loads(lab.state.read_text())
    except (OSError, ValueError):
        raise LabError(f"no lab at {lab.root} (run: python -m lab up)") from None
    if state.get("phase") != "up":
        raise LabError(f"lab at {lab.root} is not up (phase {state.get('phase')}); "
                       "run: python -m lab up")
    nodes = lab.nodes(state["nodes"], state["managers"])
    return {
        "root": str(lab.root),
        "ssh_config": str(lab.ssh_config),
        "hosts": ",".join(f"ssh://{n.name}" for n in nodes),
        "nodes": [{"name": n.name, "address": n.address, "role": n.role,
                   "hostspec": f"ssh://{n.name}", "docker_host": n.docker_host} for n in nodes],
        "registry": REGISTRY,
        "notary": NOTARY,
        "ca": str(lab.ca),
        "docker_config": str(lab.docker_config),
        "tls_endpoint": _tls_endpoint(lab, nodes, state["scenario_data"]),
        "images": dict(IMAGES),
        "dangling_image": state["dangling_image"],
        "unlock_key_file": str(lab.unlock_key) if lab.unlock_key.exists() else None,
        "scenario": state["scenario"],
    }


def environment() -> dict:
    """The running lab's environment dict (see lab/README.md for the keys)."""
    return describe(layout())


def exports(env: dict) -> str:
    """Shell lines for humans: `eval "$(python -m lab env)"`."""
    q = shlex.quote
    lines = [f"export DOCKERSTIG_LAB_ROOT={q(env['root'])}",
             f"export DOCKERSTIG_HOSTS={q(env['hosts'])}",
             f"export DOCKERSTIG_SSH_CONFIG={q(env['ssh_config'])}"]
    lines += [f"export DOCKERSTIG_DOCKER_HOST_{n['name'].upper()}={q(n['docker_host'])}"
              for n in env["nodes"]]
    lines += [f"export DOCKERSTIG_REGISTRY={q(env['registry'])}",
              f"export DOCKERSTIG_NOTARY={q(env['notary'])}",
              f"export DOCKERSTIG_CA={q(env['ca'])}",
              f"export DOCKERSTIG_DOCKER_CONFIG={q(env['docker_config'])}"]
    if env["tls_endpoint"]:
        tls = env["tls_endpoint"]
        lines += [f"export DOCKERSTIG_TLS_HOST={q(tls['host'])}",
                  f"export DOCKERSTIG_TLS_CA={q(tls['ca'])}",
                  f"export DOCKERSTIG_TLS_CERT={q(tls['cert'])}",
                  f"export DOCKERSTIG_TLS_KEY={q(tls['key'])}"]
    lines += ["# e.g.: ssh -F \"$DOCKERSTIG_SSH_CONFIG\" node1 hostname",
              "#       pytest --hosts=\"$DOCKERSTIG_HOSTS\" --ssh-config=\"$DOCKERSTIG_SSH_CONFIG\"",
              "#       DOCKER_CONFIG=\"$DOCKERSTIG_DOCKER_CONFIG\" "
              "DOCKER_CONTENT_TRUST_SERVER=\"$DOCKERSTIG_NOTARY\" docker trust inspect "
              f"{env['images']['signed']}"]
    return "\n".join(lines)
