"""Engine facts through the Docker Engine API, for endpoints with no shell (TLS, UCP bundle).

Read-only is enforced in ONE place: ``ReadOnlyAPIClient.request`` refuses every method but GET
and HEAD, so no code path of the suite can change an engine through this client.

>>> ReadOnlyAPIClient(base_url="unix:///nonexistent.sock", version="1.41").create_container("busybox")
Traceback (most recent call last):
...
dockerstig.collect.engine.ReadOnlyViolation: POST http+docker://localhost/v1.41/containers/create refused: dockerstig only reads
"""

from __future__ import annotations

import re
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import docker
import docker.errors
import requests

from dockerstig.redact import redact_docker


class ReadOnlyViolation(RuntimeError):
    """Something tried to send a non-GET request to an audited engine."""


class EndpointError(ValueError):
    """A bad endpoint option or client bundle (message names it)."""


class ReadOnlyAPIClient(docker.APIClient):
    """docker-py's low-level client, restricted to GET/HEAD.

    It ignores the environment's requests settings (``trust_env`` is always False): with
    ``REQUESTS_CA_BUNDLE`` set, requests would verify the engine against that bundle instead of
    the CA the user named, and the audit's TLS settings must be exactly the ones shown. (A
    property, because docker-py already makes a request inside ``__init__``.)
    """

    trust_env = property(lambda self: False, lambda self, value: None)

    def request(self, method, url, *args, **kwargs):  # noqa: D401 - requests.Session API
        if method.upper() not in ("GET", "HEAD"):
            raise ReadOnlyViolation(f"{method.upper()} {url} refused: dockerstig only reads")
        return super().request(method, url, *args, **kwargs)


@dataclass(frozen=True)
class Endpoint:
    """How to reach one engine: ``unix://`` socket or ``tcp://`` with TLS files."""

    url: str
    ca: str | None = None
    cert: str | None = None
    key: str | None = None
    verify: bool = True
    label: str | None = None

    @property
    def name(self) -> str:
        """The target name until the engine tells its own: ``10.213.7.13:2376``, or the socket path."""
        return self.url.split("://", 1)[-1].strip("/") or self.url

    @property
    def uses_tls(self) -> bool:
        return self.url.startswith("tcp://") and bool(self.ca or self.cert)

    def describe(self) -> str:
        via = f" via {self.label}" if self.label else ""
        if not self.url.startswith("tcp://"):
            return self.url + via
        if not self.uses_tls:
            return f"{self.url} (plain TCP, no TLS){via}"
        return f"{self.url} (TLS, server {'verified' if self.verify else 'NOT verified: --engine-tls-no-verify'}){via}"

    def client(self, timeout: float) -> ReadOnlyAPIClient:
        tls = False
        if self.uses_tls:
            tls = docker.tls.TLSConfig(
                client_cert=(self.cert, self.key) if self.cert else None,
                ca_cert=self.ca,
                verify=self.verify,
            )
        return ReadOnlyAPIClient(base_url=self.url, tls=tls, timeout=timeout, version="auto")


def bundle_endpoint(path: str) -> Endpoint:
    """The endpoint of a UCP client bundle (a directory or a zip with env.sh and the PEMs)."""
    p = Path(path)
    if p.is_file() and zipfile.is_zipfile(p):
        target = Path(tempfile.mkdtemp(prefix="dockerstig-bundle-"))
        with zipfile.ZipFile(p) as zf:
            for member in zf.namelist():
                if member in ("env.sh", "ca.pem", "cert.pem", "key.pem"):
                    zf.extract(member, target)
        p = target
    if not p.is_dir():
        raise EndpointError(f"{path}: not a client bundle directory or zip")
    env = (p / "env.sh").read_text() if (p / "env.sh").exists() else ""
    m = re.search(r"DOCKER_HOST=['\"]?(tcp://[^'\"\s]+)", env)
    if not m:
        raise EndpointError(f"{path}: env.sh does not set DOCKER_HOST=tcp://…")
    for pem in ("ca.pem", "cert.pem", "key.pem"):
        if not (p / pem).exists():
            raise EndpointError(f"{path}: the bundle lacks {pem}")
    return Endpoint(m.group(1), str(p / "ca.pem"), str(p / "cert.pem"), str(p / "key.pem"),
                    label=f"client bundle {path}")


def _processes(top: dict) -> list[dict]:
    titles = top.get("Titles") or []
    idx = {t: i for i, t in enumerate(titles)}
    out = []
    for row in top.get("Processes") or []:
        cmd_cols = [i for i, t in enumerate(titles) if t in ("COMMAND", "CMD")]
        out.append({
            "pid": int(row[idx.get("PID", 0)]),
            "comm": row[cmd_cols[0]] if cmd_cols else "",
            "args": row[cmd_cols[-1]] if cmd_cols else "",
        })
    return out


def collect_engine(endpoint: Endpoint, *, timeout: float = 60.0, threads: int = 8) -> dict:
    """Facts of one engine, shaped like a shell node's ``docker`` part; never raises."""
    started = time.monotonic()
    facts: dict = {"name": endpoint.name, "hostspec": endpoint.describe(),
                   "via": "engine-api", "error": None, "host": None, "round_trips": 0}
    try:
        api = endpoint.client(timeout)
        info = api.info()
        facts["name"] = info.get("Name") or facts["name"]
        summaries = api.containers(all=True)
        with ThreadPoolExecutor(max_workers=threads) as pool:
            containers = [c for c in pool.map(lambda s: _inspect_or_none(api.inspect_container, s["Id"]), summaries) if c]
            running = [c["Id"] for c in containers if (c.get("State") or {}).get("Running")]
            tops = dict(zip(running, pool.map(lambda i: _top(api, i), running)))
            images = [i for i in pool.map(lambda s: _inspect_or_none(api.inspect_image, s["Id"]), api.images()) if i]
        docker_facts = {
            "error": None, "info": info, "version": api.version(), "containers": containers,
            "images": images, "top": tops, "networks": api.networks(),
        }
        if (info.get("Swarm") or {}).get("ControlAvailable"):
            docker_facts["swarm_nodes"] = api.nodes()
            docker_facts["services"] = api.services()
            docker_facts["secrets"] = api.secrets()
        facts["docker"] = redact_docker(docker_facts)
        facts["round_trips"] = 6 + 2 * len(summaries) + len(running)
    except (docker.errors.DockerException, requests.RequestException, OSError, ValueError) as exc:
        facts["error"] = f"cannot reach the Docker API at {endpoint.describe()}: {type(exc).__name__}: {exc}"
    facts["elapsed_seconds"] = round(time.monotonic() - started, 3)
    return facts


def _inspect_or_none(fn, ident: str):
    """Inspect, tolerating objects removed between list and inspect."""
    try:
        return fn(ident)
    except docker.errors.NotFound:
        return None


def _top(api: ReadOnlyAPIClient, cid: str) -> dict:
    try:
        return {"processes": _processes(api.top(cid, ps_args="-eo pid,comm,args")), "messages": []}
    except docker.errors.APIError as exc:
        return {"processes": [], "messages": [str(exc)]}
