"""The snapshot: every fact of one audit, taken once, saved as evidence, read back offline.

A snapshot is plain JSON (so it crosses to xdist workers and into ``reports/``). The classes
here are read-only views that the checks use; they name facts the way ``docker inspect`` does.

>>> snap = Snapshot({"nodes": [{"name": "node1", "hostspec": "local://",
...     "docker": {"containers": [{"Id": "ab12", "Name": "/web", "State": {"Running": True}}]}}]})
>>> [c.target_id for c in snap.containers()]
['node1/web']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dockerstig.verdict import CouldNotLook

FORMAT = "dockerstig-snapshot/1"


class SnapshotError(ValueError):
    """The snapshot file cannot be read back (message names the file)."""


def _safe_id(text: str) -> str:
    """Parametrize ids must not contain ``::`` or ``@`` (node ids and xdist scopes break)."""
    return text.replace("::", ":").replace("@", "-at-")


@dataclass
class Node:
    """One node: its host facts (from the batched command) and its engine's facts."""

    raw: dict

    @property
    def name(self) -> str:
        return self.raw["name"]

    @property
    def target_id(self) -> str:
        return _safe_id(self.name)

    @property
    def error(self) -> str | None:
        return self.raw.get("error")

    @property
    def via(self) -> str:
        """``shell`` (testinfra host) or ``engine-api`` (Docker API only, no host files)."""
        return self.raw.get("via", "shell")

    def require_reachable(self) -> None:
        if self.error:
            raise CouldNotLook(f"{self.name}: {self.error}")

    # --- host facts -------------------------------------------------------------------------
    def section(self, name: str) -> dict:
        """A section of the batched command's output; CouldNotLook if there is no shell."""
        self.require_reachable()
        host = self.raw.get("host")
        if host is None:
            raise CouldNotLook(f"{self.name}: host facts need a shell on the node; {self.via} reaches only the Docker API")
        if name not in host:
            raise CouldNotLook(f"{self.name}: the snapshot has no '{name}' facts")
        return host[name]

    def stat(self, path: str) -> dict | None:
        """``{"owner", "group", "uid", "gid", "mode", "type"}`` of ``path``, or None if absent."""
        return self.section("stat")["entries"].get(path)

    def file_text(self, section: str, path: str) -> str | None:
        """The text of a config file read by the batched command, or None if it does not exist."""
        sec = self.section(section)
        if sec["rc"] == 0:
            return sec["text"]
        if self.stat(path) is None:
            return None
        raise CouldNotLook(f"{self.name}: cannot read {path}: {sec['text'].strip()}")

    @cached_property
    def daemon_json(self) -> dict | None:
        """/etc/docker/daemon.json parsed, or None if the file does not exist."""
        text = self.file_text("daemon_json", "/etc/docker/daemon.json")
        if text is None:
            return None
        try:
            return json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise CouldNotLook(f"{self.name}: /etc/docker/daemon.json is not valid JSON ({exc})") from None

    # --- engine facts -----------------------------------------------------------------------
    def _docker(self) -> dict:
        self.require_reachable()
        docker = self.raw.get("docker") or {}
        if docker.get("error"):
            raise CouldNotLook(f"{self.name}: Docker engine: {docker['error']}")
        return docker

    @property
    def info(self) -> dict:
        """``docker info`` (``GET /info``)."""
        return self._docker().get("info") or {}

    @property
    def version(self) -> dict:
        """``docker version`` (``GET /version``): the Server part when it came from the CLI."""
        return self._docker().get("version") or {}

    @property
    def is_manager(self) -> bool:
        return bool((self.info.get("Swarm") or {}).get("ControlAvailable"))

    def containers(self) -> list["Container"]:
        docker = self._docker()
        top = docker.get("top") or {}
        return sorted(
            (Container(self, c, top.get(c.get("Id"))) for c in docker.get("containers") or []),
            key=lambda c: c.target_id,
        )

    def images(self) -> list["Image"]:
        out = []
        for attrs in self._docker().get("images") or []:
            tags = attrs.get("RepoTags") or []
            out.extend(Image(self, attrs, tag) for tag in (tags or [None]))
        return sorted(out, key=lambda i: i.target_id)


@dataclass
class Container:
    """One container on a node, running or stopped: ``attrs`` is its ``docker inspect``."""

    node: Node
    attrs: dict
    top_raw: dict | None = None

    @property
    def name(self) -> str:
        return (self.attrs.get("Name") or self.attrs.get("Id", "")[:12]).lstrip("/")

    @property
    def target_id(self) -> str:
        return _safe_id(f"{self.node.name}/{self.name}")

    @property
    def host_config(self) -> dict:
        return self.attrs.get("HostConfig") or {}

    @property
    def config(self) -> dict:
        return self.attrs.get("Config") or {}

    @property
    def running(self) -> bool:
        return bool((self.attrs.get("State") or {}).get("Running"))

    @property
    def processes(self) -> list[dict]:
        """``docker top`` of a running container: [{pid, comm, args}]; CouldNotLook if missing."""
        if not self.running:
            return []
        if not self.top_raw or (self.top_raw.get("messages") and not self.top_raw.get("processes")):
            why = "; ".join((self.top_raw or {}).get("messages") or ["no docker top output"])
            raise CouldNotLook(f"{self.target_id}: cannot list processes: {why}")
        return self.top_raw["processes"]


@dataclass
class Image:
    """One image reference on a node (one per tag; ``tag`` None for an untagged image)."""

    node: Node
    attrs: dict
    tag: str | None

    @property
    def short_id(self) -> str:
        return self.attrs.get("Id", "").removeprefix("sha256:")[:12]

    @property
    def target_id(self) -> str:
        return _safe_id(f"{self.node.name}/{self.tag or 'untagged-' + self.short_id}")

    @property
    def repo_digests(self) -> list[str]:
        return self.attrs.get("RepoDigests") or []

    @property
    def repository(self) -> str | None:
        """The repository of the tag (``10.213.7.1:5000/app/busybox`` for ``…:signed``)."""
        if self.tag:
            return re.sub(r":[^:/]+$", "", self.tag)
        if self.repo_digests:
            return self.repo_digests[0].split("@", 1)[0]
        return None

    def local_digest(self) -> str | None:
        """The registry digest of this image for its repository (from RepoDigests)."""
        repo = self.repository
        for ref in self.repo_digests:
            name, _, digest = ref.partition("@")
            if name == repo:
                return digest
        return None


@dataclass(frozen=True)
class Unreachable:
    """A placeholder target for a node whose containers/images could not be listed.

    Its tests error in setup (Not_Reviewed) instead of silently vanishing from the audit.
    """

    target_id: str
    reason: str


def _targets_of(node: Node, kind: str) -> list:
    try:
        return node.containers() if kind == "containers" else node.images()
    except CouldNotLook as exc:
        return [Unreachable(_safe_id(f"{node.name}/unavailable"), str(exc))]


@dataclass
class Snapshot:
    raw: dict

    @classmethod
    def load(cls, path: str | Path) -> "Snapshot":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{path}: cannot read the snapshot ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SnapshotError(f"{path}: not a dockerstig snapshot (expected format {FORMAT})")
        return cls(data)

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.raw, indent=1, sort_keys=True), encoding="utf-8")

    @cached_property
    def nodes(self) -> list[Node]:
        return sorted((Node(n) for n in self.raw.get("nodes", [])), key=lambda n: n.target_id)

    def containers(self) -> list[Container | Unreachable]:
        """Every container on every node, sorted; an Unreachable stands in for a dark node."""
        return [c for n in self.nodes for c in _targets_of(n, "containers")]

    def images(self) -> list[Image | Unreachable]:
        """Every image reference on every node, sorted, like ``containers()``."""
        return [i for n in self.nodes for i in _targets_of(n, "images")]

    @property
    def swarm(self) -> dict | None:
        """Swarm facts from a manager (nodes, services, networks, secrets, spec), or None."""
        return self.raw.get("swarm")

    @property
    def trust(self) -> dict:
        """``docker trust inspect`` results: {"server", "error", "refs": {ref: {...}}}."""
        return self.raw.get("trust") or {}
