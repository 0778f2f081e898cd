"""The lab registry (Debian docker-registry, TLS) and Notary server, on the bridge address."""

from __future__ import annotations

import json
import shutil

import yaml

from .layout import NOTARY_ADDR, REGISTRY, Layout
from .proc import spawn
from .wait import port_open


def start(lab: Layout, cert, key) -> None:
    """Start both servers with the lab certificate, write the two DOCKER_CONFIG folders that
    trust the Notary CA (the users' one and the signer's), and wait until the servers listen."""
    lab.registry.mkdir(parents=True, exist_ok=True)
    (lab.registry / "config.yml").write_text(yaml.safe_dump({
        "version": 0.1,
        "log": {"level": "info"},
        "storage": {"filesystem": {"rootdirectory": str(lab.registry / "data")},
                    "delete": {"enabled": True}},
        "http": {"addr": REGISTRY, "tls": {"certificate": str(cert), "key": str(key)}},
    }))
    lab.notary.mkdir(parents=True, exist_ok=True)
    (lab.notary / "server.json").write_text(json.dumps({
        "server": {"http_addr": NOTARY_ADDR, "tls_cert_file": str(cert), "tls_key_file": str(key)},
        "trust_service": {"type": "local", "key_algorithm": "ecdsa"},
        "storage": {"backend": "memory"},
        "logging": {"level": "info"},
    }, indent=2))
    spawn("registry", ["docker-registry", "serve", str(lab.registry / "config.yml")],
          lab.pids, lab.logs)
    spawn("notary-server", ["notary-server", "-config", str(lab.notary / "server.json")],
          lab.pids, lab.logs)
    for config in (lab.docker_config, lab.signer):
        trust_ca = config / "tls" / NOTARY_ADDR / "ca.crt"
        trust_ca.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lab.ca, trust_ca)
        (config / "config.json").write_text("{}\n")
    for address, name in ((REGISTRY, "registry"), (NOTARY_ADDR, "notary-server")):
        host, port = address.rsplit(":", 1)
        port_open(host, int(port), what=name, log=lab.logs / f"{name}.log")
