"""Who each checklist is about: the asset facts (CKL ASSET, CKLB ``target_data``).

One asset per node (its name as the targets carry it) and one for the cluster (swarm, UCP,
DTR and organisational rules). HOST_FQDN is a real FQDN or empty (Heimdall rejects a short
name there); HOST_IP is the node's swarm address when it has one (the management address),
else every address ``hostname -I`` printed; TARGET_COMMENT lists what else is known.

>>> from dockerstig.snapshot import Snapshot
>>> snap = Snapshot({"nodes": [{"name": "node1", "host": {
...     "hostname": {"rc": 0, "text": "node1\\n"}, "fqdn": {"rc": 0, "text": "node1.lab.example\\n"},
...     "addresses": {"rc": 0, "text": "10.0.0.5 172.17.0.1 \\n"}}}]})
>>> a = asset_facts(snap, "node1")
>>> a.host_name, a.fqdn, a.ip, a.role, a.tech_area
('node1', 'node1.lab.example', '10.0.0.5 172.17.0.1', 'Member Server', 'UNIX OS')
>>> asset_facts(snap, "cluster").host_name
'cluster'
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from dockerstig.results import CLUSTER_ASSET
from dockerstig.snapshot import Node, Snapshot
from dockerstig.verdict import CouldNotLook

_FQDN = re.compile(r"(?=.{4,253}\.?$)(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+[A-Za-z][A-Za-z0-9-]{0,62}\.?")


@dataclass(frozen=True)
class Asset:
    name: str  # the asset key of the results (node name or "cluster")
    host_name: str
    ip: str = ""
    mac: str = ""
    fqdn: str = ""
    comment: str = ""
    role: str = "Member Server"  # CKL ROLE enum
    tech_area: str = "UNIX OS"  # CKL TECH_AREA enum
    asset_type: str = "Computing"


def is_fqdn(name: str) -> bool:
    """A dotted DNS name that is not localhost: ``node1.lab.example`` yes, ``node1`` no."""
    return bool(_FQDN.fullmatch(name)) and not name.lower().startswith("localhost")


def _ips(text: str) -> list[str]:
    out = []
    for word in text.split():
        try:
            out.append(str(ipaddress.ip_address(word)))
        except ValueError:
            continue
    return out


def _host_text(node: Node, section: str) -> str:
    try:
        sec = node.section(section)
    except CouldNotLook:
        return ""
    return sec["text"].strip() if sec.get("rc") == 0 else ""


def _swarm(node: Node) -> dict:
    try:
        return node.info.get("Swarm") or {}
    except CouldNotLook:
        return {}


def _node_asset(node: Node) -> Asset:
    swarm = _swarm(node)
    addresses = _ips(_host_text(node, "addresses"))
    manager_addr = _ips(swarm.get("NodeAddr") or "")
    fqdn = _host_text(node, "fqdn")
    notes = [f"dockerstig node {node.name}"]
    if swarm.get("LocalNodeState") == "active":
        notes.append(f"swarm {'manager' if swarm.get('ControlAvailable') else 'worker'} {swarm.get('NodeID', '')}".rstrip())
    if addresses:
        notes.append("addresses: " + " ".join(addresses))
    if node.error:
        notes.append(f"unreachable: {node.error}")
    return Asset(
        name=node.target_id,
        host_name=_host_text(node, "hostname") or node.name,
        ip=" ".join(manager_addr or addresses),
        fqdn=fqdn if is_fqdn(fqdn) else "",
        comment="; ".join(notes),
    )


def _cluster_asset(snapshot: Snapshot | None) -> Asset:
    managers = [n for n in (snapshot.nodes if snapshot else []) if _swarm(n).get("ControlAvailable")]
    swarm = (snapshot.swarm or {}) if snapshot else {}
    cluster_id = ((swarm.get("info") or {}).get("Cluster") or {}).get("ID", "")
    notes = ["dockerstig cluster asset: swarm, UCP, DTR and organisational rules"]
    if cluster_id:
        notes.append(f"swarm cluster {cluster_id}")
    if managers:
        notes.append("managers: " + ", ".join(n.name for n in managers))
    return Asset(
        name=CLUSTER_ASSET,
        host_name=f"swarm-{cluster_id[:12]}" if cluster_id else CLUSTER_ASSET,
        ip=" ".join(a for n in managers for a in _ips(_swarm(n).get("NodeAddr") or "")),
        comment="; ".join(notes),
        role="None",
        tech_area="Application Review",
    )


def asset_facts(snapshot: Snapshot | None, name: str) -> Asset:
    """The facts of asset ``name``; an asset the snapshot does not know is named and nothing more."""
    if name == CLUSTER_ASSET:
        return _cluster_asset(snapshot)
    for node in snapshot.nodes if snapshot else []:
        if node.target_id == name:
            return _node_asset(node)
    return Asset(name=name, host_name=name, comment="dockerstig: not in the snapshot")


def asset_names(snapshot: Snapshot | None, result_assets) -> list[str]:
    """Every node of the snapshot, every asset with a result, and the cluster, sorted (cluster first).

    >>> asset_names(None, {"node2", "node1"})
    ['cluster', 'node1', 'node2']
    """
    names = {n.target_id for n in (snapshot.nodes if snapshot else [])} | set(result_assets)
    names.discard(CLUSTER_ASSET)
    return [CLUSTER_ASSET, *sorted(names)]
