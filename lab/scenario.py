"""Load and validate a scenario file; every problem is one line naming the file and the key."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import yaml

from .errors import LabError
from .nodefs import NODE_PATHS

DEFAULT = Path(__file__).parent / "scenarios" / "default.yaml"
SCHEMA = json.loads((Path(__file__).parent / "scenario.schema.json").read_text())
BUILD_NODE = "node1"


class ScenarioError(LabError):
    def __init__(self, path: Path, key: str, message: str):
        super().__init__(f"scenario {path}: {key or '(top level)'}: {message}")


def key_of(parts) -> str:
    """('nodes', 'node2', 'containers', 3, 'restart') -> 'nodes.node2.containers[3].restart'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load(path: Path | str = DEFAULT) -> dict:
    """Parse and validate the scenario at path; raise ScenarioError on the first problem."""
    path = Path(path).absolute()
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise ScenarioError(path, "", f"cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise ScenarioError(path, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    if error is not None:
        raise ScenarioError(path, key_of(error.absolute_path), error.message)
    for key, message in semantic_problems(data):
        raise ScenarioError(path, key, message)
    return data


def semantic_problems(data: dict):
    """Yield (key, message) for what the schema cannot say."""
    swarm = data.get("swarm", {})
    swarm_nets = {n["name"] for n in swarm.get("networks", [])}
    secrets = {s["name"] for s in swarm.get("secrets", [])}
    for i, service in enumerate(swarm.get("services", [])):
        for j, net in enumerate(service.get("networks", [])):
            if net not in swarm_nets:
                yield key_of(("swarm", "services", i, "networks", j)), f"undeclared network {net!r}"
        for j, secret in enumerate(service.get("secrets", [])):
            if secret not in secrets:
                yield key_of(("swarm", "services", i, "secrets", j)), f"undeclared secret {secret!r}"
    for name, node in data["nodes"].items():
        yield from _node_problems(name, node)


def _node_problems(name: str, node: dict):
    for i, spec in enumerate(node.get("files", [])):
        key = key_of(("nodes", name, "files", i, "path"))
        if not spec["path"].startswith(NODE_PATHS):
            yield key, f"{spec['path']} is not a per-node path (allowed: {', '.join(NODE_PATHS)})"
        if spec.get("absent") and set(spec) - {"path", "absent"}:
            yield key, "absent: true takes no other keys"
    names = [c["name"] for c in node.get("containers", [])]
    for dup in [n for n, count in Counter(names).items() if count > 1]:
        yield key_of(("nodes", name, "containers")), f"container name {dup!r} used twice"
    networks = {"none", "host", *node.get("networks", [])}
    for i, spec in enumerate(node.get("containers", [])):
        net = spec.get("network", "none")
        if net not in networks and not net.startswith("container:"):
            yield key_of(("nodes", name, "containers", i, "network")), f"undeclared network {net!r}"
        if spec["image"] == "root_local" and name != BUILD_NODE:
            yield (key_of(("nodes", name, "containers", i, "image")),
                   f"root_local is never pushed, it exists only on {BUILD_NODE}")


def node_spec(data: dict, name: str) -> dict:
    """The scenario's settings for one node (empty for a node it does not mention)."""
    return data["nodes"].get(name, {})
