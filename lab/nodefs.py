"""A node's private files: what it sees as /etc, /run and the docker unit files.

The node's /etc is an overlay of the host's /etc with an upper layer of its own, so a node can
have, lack or differ in any file there. Files the lab writes go into that upper layer before
the overlay is mounted; /run files (the docker socket) are set once dockerd has made them.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import stat
from pathlib import Path

from .errors import LabError
from .layout import REGISTRY, Node

UNITS = ("docker.service", "docker.socket")
HOST_UNITS = Path("/lib/systemd/system")
RUN = ("/run/", "/var/run/")
#: The node paths a scenario may set: those each node has privately.
NODE_PATHS = ("/etc/", *RUN, *(str(HOST_UNITS / unit) for unit in UNITS))


def _roots(node: Node) -> dict[str, Path]:
    return {"/etc": node.etc_upper, "/run": node.run, "/var/run": node.run}


def host_path(node: Node, path: str) -> Path:
    """Where the node's path lives on the host (for the NODE_PATHS)."""
    for prefix, base in _roots(node).items():
        if path.startswith(prefix + "/"):
            return base / path[len(prefix) + 1:]
    if str(Path(path).parent) == str(HOST_UNITS) and Path(path).name in UNITS:
        return node.units / Path(path).name
    raise LabError(f"{node.name}: {path} is not a per-node path")


def prepare(node: Node, spec: dict, ca: Path, tls: tuple[Path, Path] | None) -> None:
    """Write the node's /etc layer and unit files, then the scenario's /etc and unit entries."""
    for folder in (node.run / "sshd", node.etc_upper, node.etc_work, node.units, node.mnt,
                   node.tmp, node.data_root):
        folder.mkdir(parents=True, exist_ok=True)
    write(node, "/etc/hostname", f"{node.name}\n")
    make_dirs(node, "/etc/docker")
    if "daemon" in spec:
        write(node, "/etc/docker/daemon.json", json.dumps(spec["daemon"], indent=2) + "\n")
    write(node, f"/etc/docker/certs.d/{REGISTRY}/ca.crt", ca.read_text(), 0o444)
    if tls:
        cert, key = tls
        folder = spec["tls_certs"].rstrip("/")
        write(node, f"{folder}/ca.pem", ca.read_text(), 0o444)
        write(node, f"{folder}/cert.pem", cert.read_text(), 0o444)
        write(node, f"{folder}/key.pem", key.read_text(), 0o400)
    for unit in UNITS:
        shutil.copyfile(HOST_UNITS / unit, node.units / unit)
        (node.units / unit).chmod(0o644)
    for entry in spec.get("files", []):
        if not entry["path"].startswith(RUN):
            apply(node, entry)


def apply_run_files(node: Node, spec: dict) -> None:
    """The scenario's /run entries, once the node's daemons have created their files."""
    for entry in spec.get("files", []):
        if entry["path"].startswith(RUN):
            apply(node, entry)


def apply(node: Node, entry: dict) -> None:
    """Make one scenario file entry true: absent, or content/owner/group/mode."""
    target = host_path(node, entry["path"])
    if entry.get("absent"):
        remove(node, entry["path"])
        return
    if "content" in entry:
        write(node, entry["path"], entry["content"])
    elif not target.exists() and not copy_up(node, entry["path"]):
        raise LabError(f"{node.name}: {entry['path']} does not exist (give it content)")
    if "owner" in entry or "group" in entry:
        os.chown(target, _uid(entry.get("owner", -1)), _gid(entry.get("group", -1)),
                 follow_symlinks=False)
    if "mode" in entry:
        target.chmod(int(entry["mode"], 8))


def write(node: Node, path: str, content: str, mode: int = 0o644) -> None:
    """Create a root-owned file in the node's view (parents copied up or made 0755)."""
    target = host_path(node, path)
    make_dirs(node, str(Path(path).parent))
    if target.is_char_device():
        target.unlink()
    target.write_text(content)
    os.chown(target, 0, 0)
    target.chmod(mode)


def make_dirs(node: Node, path: str) -> None:
    """Make path and its parents in the node's view, copying owner and mode from the host's."""
    roots = _roots(node)
    for folder in reversed([Path(path), *Path(path).parents]):
        under = any(str(folder).startswith(r + "/") for r in roots)
        target = host_path(node, str(folder)) if under else None
        if target is None or target.is_dir():
            continue
        if not copy_up(node, str(folder), target):
            target.mkdir()
            os.chown(target, 0, 0)
            target.chmod(0o755)


def copy_up(node: Node, path: str, target: Path | None = None) -> bool:
    """Copy a host /etc file or folder's attributes (and a file's content) into the node's layer."""
    lower = Path(path)
    if not path.startswith("/etc/") or not lower.exists():
        return False
    target = target or host_path(node, path)
    if lower.is_dir():
        target.mkdir(parents=True, exist_ok=True)
    else:
        make_dirs(node, str(lower.parent))
        shutil.copyfile(lower, target)
    info = lower.stat()
    os.chown(target, info.st_uid, info.st_gid)
    target.chmod(stat.S_IMODE(info.st_mode))
    return True


def remove(node: Node, path: str) -> None:
    """Make path absent in the node's view: drop the lab's copy, hide the host's (whiteout)."""
    target = host_path(node, path)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    if path.startswith("/etc/") and Path(path).exists():
        make_dirs(node, str(Path(path).parent))
        os.mknod(target, stat.S_IFCHR | 0o000, os.makedev(0, 0))


def _uid(owner) -> int:
    return owner if isinstance(owner, int) else pwd.getpwnam(owner).pw_uid


def _gid(group) -> int:
    return group if isinstance(group, int) else grp.getgrnam(group).gr_gid
