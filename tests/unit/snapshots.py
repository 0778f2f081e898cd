"""Synthetic snapshots for offline tests of the audit (the lab gives the real ones).

>>> snap = synthetic_snapshot()
>>> [n["name"] for n in snap["nodes"]]
['good', 'bad', 'dark']
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from dockerstig.snapshot import FORMAT

HOSTILE = "<script>alert(1)</script>]]>\x1b[31m\x00" + "A" * 1000


def _stat(owner="root", group="root", mode="0644", kind="regular file"):
    return {"owner": owner, "group": group, "uid": 0, "gid": 0, "mode": mode, "type": kind}


def _container(name, *, privileged=False, running=True, labels=None):
    return {
        "Id": f"{name}-id", "Name": f"/{name}", "State": {"Running": running},
        "Config": {"User": "1000", "Env": ["SECRET=hunter2"], "Labels": labels or {}},
        "HostConfig": {"Privileged": privileged},
    }


def _node(name, *, daemon_stat, experimental, containers, images, swarm=None):
    return {
        "name": name, "hostspec": f"ssh://{name}", "via": "shell", "error": None, "round_trips": 1,
        "host": {
            "hostname": {"rc": 0, "text": f"{name}\n"},
            "stat": {"rc": 0, "text": "", "entries": {"/etc/docker/daemon.json": daemon_stat} if daemon_stat else {}},
            "daemon_json": {"rc": 0, "text": "{}"},
        },
        "docker": {
            "error": None,
            "info": {"Name": name, "Swarm": swarm or {"LocalNodeState": "inactive"}},
            "version": {"Version": "20.10.24", **({"Experimental": True} if experimental else {})},
            "containers": containers, "images": images, "top": {}, "networks": [],
        },
    }


def synthetic_snapshot(autolock: bool = True) -> dict:
    """Two reachable nodes (``good`` passes everything, ``bad`` fails) and one dark node."""
    signed = {"Id": "sha256:" + "1" * 64, "RepoTags": ["reg:5000/app/busybox:signed"],
              "RepoDigests": ["reg:5000/app/busybox@sha256:" + "a" * 64]}
    unsigned = {"Id": "sha256:" + "2" * 64, "RepoTags": ["reg:5000/app/busybox:unsigned"],
                "RepoDigests": ["reg:5000/app/busybox@sha256:" + "b" * 64]}
    manager = {"LocalNodeState": "active", "ControlAvailable": True,
               "Cluster": {"Spec": {"EncryptionConfig": {"AutoLockManagers": autolock}}}}
    nodes = [
        _node("good", daemon_stat=_stat(), experimental=False, swarm=manager,
              containers=[_container("web")], images=[signed]),
        _node("bad", daemon_stat=_stat("nobody", "nogroup", "0666"), experimental=True,
              containers=[_container("priv", privileged=True, labels={"evil": HOSTILE}),
                          _container("stopped-priv", privileged=True, running=False)],
              images=[copy.deepcopy(unsigned)]),
        {"name": "dark", "hostspec": "ssh://dark", "via": "shell", "round_trips": 1,
         "error": "cannot run commands on ssh://dark: ssh: connect to host dark port 22: Connection refused"},
    ]
    swarm = {"manager": "good", "spec": manager["Cluster"]["Spec"], "nodes": [], "services": [],
             "secrets": [], "networks": [], "info": manager}
    trust = {"server": "https://notary:4443", "error": None, "refs": {
        "reg:5000/app/busybox:signed": {"signed_tags": [{"SignedTag": "signed", "Digest": "a" * 64, "Signers": []}]},
        "reg:5000/app/busybox:unsigned": {"signed_tags": []},
    }}
    return {"format": FORMAT, "nodes": nodes, "swarm": swarm, "trust": trust}


def write_snapshot(path: Path, data: dict | None = None) -> Path:
    path.write_text(json.dumps(data or synthetic_snapshot()))
    return path
