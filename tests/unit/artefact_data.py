"""Synthetic audits for the artefact tests: snapshots, result lists, the schemas, parsers.

>>> rs = results(nodes=("n1",), per_node=2)
>>> sorted({r.asset for r in rs})
['cluster', 'n1']
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
from pathlib import Path

from lxml import etree

from dockerstig.catalogue import CATALOGUE
from dockerstig.reports import Outputs, write_artefacts
from dockerstig.results import CLUSTER_ASSET, RuleResult, asset_of
from dockerstig.settings import Settings
from dockerstig.snapshot import Snapshot
from dockerstig.xccdf import read_benchmark

SHARED = Path(__file__).resolve().parents[3] / "shared"
XCCDF = SHARED / "stig" / "U_Docker_Enterprise_2-x_Linux-UNIX_STIG_V2R2_Manual-xccdf.xml"
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
STATUSES = ("pass", "open", "not_applicable", "not_reviewed", "error")
#: Control characters, markup, a CDATA end, an undecodable byte and a 100 KB label.
HOSTILE = "\x00\x07\x1b[31m<script>alert(1)</script>]]>&amp;\udcff\ufffe" + "L" * 100_000


@functools.cache
def benchmark():
    return read_benchmark(XCCDF)


@functools.cache
def xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / "schemas" / "U_Checklist_Schema_V2.xsd")))


@functools.cache
def hdf_schema() -> dict:
    return json.loads((SHARED / "schemas" / "hdf-exec-json.schema.json").read_text())


def node(name: str, addr: str = "", fqdn: str = "", manager: bool = False) -> dict:
    return {
        "name": name, "hostspec": f"ssh://{name}", "via": "shell", "error": None,
        "host": {"hostname": {"rc": 0, "text": f"{name}\n"}, "fqdn": {"rc": 0, "text": f"{fqdn or name}\n"},
                 "addresses": {"rc": 0, "text": f"{addr} 172.17.0.1\n"}},
        "docker": {"error": None, "info": {"Swarm": {
            "LocalNodeState": "active", "NodeID": f"id-{name}", "NodeAddr": addr, "ControlAvailable": manager,
            "Cluster": {"ID": "abcdef1234567890"} if manager else {}}}},
    }


def snapshot(nodes=("node1", "node2", "node3")) -> Snapshot:
    raw = [node(n, f"10.0.0.{i + 1}", f"{n}.lab.example", manager=i == 0) for i, n in enumerate(nodes)]
    return Snapshot({"nodes": raw, "swarm": {"manager": nodes[0], "info": raw[0]["docker"]["info"]["Swarm"]}})


def targets(scope: str, nodes, per_node: int) -> list[str]:
    if scope == "node":
        return list(nodes)
    if scope in ("container", "image"):
        return [f"{n}/{scope}{i}" for n in nodes for i in range(per_node)]
    return [CLUSTER_ASSET]


def results(nodes=("node1", "node2", "node3"), per_node: int = 3, label: str = "") -> list[RuleResult]:
    """A result for every rule on every target of its scope, statuses cycling through STATUSES."""
    cycle = itertools.cycle(STATUSES)
    out = []
    for rule in CATALOGUE:
        for target in targets(rule.scope, nodes, per_node):
            out.append(RuleResult(
                rule.vuln_id, target, rule.scope, asset_of(rule.scope, target), next(cycle),
                f"seen on {target}{label}", {"label": label} if label else {},
                nodeid=f"checks/{rule.scope}/test_{rule.vuln_id}.py::test[{target}]"))
    return out


def write(tmp_path: Path, rs: list[RuleResult], snap: Snapshot | None = None, bench=None,
          settings: Settings = Settings(), attestations=(), now: dt.datetime = NOW) -> dict[str, Path]:
    """Write every artefact into ``tmp_path``; return them by file name."""
    paths = write_artefacts(rs, snap, CATALOGUE, bench, settings,
                            Outputs(tmp_path / "ckl", tmp_path / "cklb", tmp_path / "run.hdf.json"),
                            attestations, now)
    return {p.name: p for p in paths}


def ckl_vulns(path: Path) -> dict[str, etree._Element]:
    """The VULN elements of a CKL by V-ID."""
    tree = etree.parse(str(path))
    return {v.findtext("STIG_DATA[VULN_ATTRIBUTE='Vuln_Num']/ATTRIBUTE_DATA"): v for v in tree.iter("VULN")}


def cklb_rules(path: Path) -> dict[str, dict]:
    return {r["group_id"]: r for r in json.loads(path.read_text())["stigs"][0]["rules"]}
