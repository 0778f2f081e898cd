"""Names, addresses and paths of the lab: one place, derived from the lab root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = "/var/lib/dockerstig-lab"
BRIDGE = "br-dstig"
HOST_ADDRESS = "10.213.7.1"
PREFIX_LEN = 24
REGISTRY = f"{HOST_ADDRESS}:5000"
NOTARY_ADDR = f"{HOST_ADDRESS}:4443"
NOTARY = f"https://{NOTARY_ADDR}"
LOCK_FILE = Path("/run/lock/dockerstig-lab.lock")


def root() -> Path:
    """The lab root: $DOCKERSTIG_LAB_ROOT or /var/lib/dockerstig-lab."""
    return Path(os.environ.get("DOCKERSTIG_LAB_ROOT") or DEFAULT_ROOT).absolute()


@dataclass(frozen=True)
class Node:
    """One lab node: its name, address, role and the host-side paths of its private files."""

    index: int
    role: str
    lab_root: Path

    @property
    def name(self) -> str:
        return f"node{self.index}"

    @property
    def address(self) -> str:
        return f"10.213.7.{10 + self.index}"

    @property
    def veth(self) -> str:
        return f"dstig-v{self.index}"

    @property
    def dir(self) -> Path:
        return self.lab_root / self.name

    @property
    def run(self) -> Path:
        """Host side of the node's /run (so also of /var/run)."""
        return self.dir / "run"

    @property
    def etc_upper(self) -> Path:
        """Upper layer of the overlay the node sees as /etc."""
        return self.dir / "etc.upper"

    @property
    def etc_work(self) -> Path:
        return self.dir / "etc.work"

    @property
    def units(self) -> Path:
        """Per-node copies of docker.service and docker.socket, bound over /lib/systemd/system/."""
        return self.dir / "units"

    @property
    def mnt(self) -> Path:
        """Host side of the node's /mnt, a shared mount (for rshared binds)."""
        return self.dir / "mnt"

    @property
    def tmp(self) -> Path:
        """TMPDIR of the node's dockerd and containerd."""
        return self.dir / "tmp"

    @property
    def data_root(self) -> Path:
        return self.dir / "docker"

    @property
    def socket(self) -> Path:
        return self.run / "docker.sock"

    @property
    def docker_host(self) -> str:
        return f"unix://{self.socket}"

    def ns(self, kind: str) -> Path:
        """Bind-mounted namespace file: kind is net, mnt or uts."""
        return self.lab_root / "ns" / f"{self.name}.{kind}"

    @property
    def nsenter(self) -> list[str]:
        """Command prefix that runs a program inside this node."""
        return ["nsenter", f"--net={self.ns('net')}", f"--mount={self.ns('mnt')}",
                f"--uts={self.ns('uts')}", "--"]


@dataclass(frozen=True)
class Layout:
    """Host-side paths under the lab root."""

    root: Path

    def nodes(self, count: int, managers: int) -> list[Node]:
        return [Node(i, "manager" if i <= managers else "worker", self.root)
                for i in range(1, count + 1)]

    @property
    def state(self) -> Path:
        return self.root / "state.json"

    @property
    def pids(self) -> Path:
        return self.root / "pids"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def ns_dir(self) -> Path:
        return self.root / "ns"

    @property
    def pki(self) -> Path:
        return self.root / "pki"

    @property
    def ca(self) -> Path:
        return self.pki / "ca.crt"

    @property
    def ssh(self) -> Path:
        return self.root / "ssh"

    @property
    def ssh_config(self) -> Path:
        return self.ssh / "ssh_config"

    @property
    def ssh_key(self) -> Path:
        return self.ssh / "id_ed25519"

    @property
    def known_hosts(self) -> Path:
        return self.ssh / "known_hosts"

    @property
    def docker_config(self) -> Path:
        """The DOCKER_CONFIG users and the suite get: the Notary CA under tls/, no keys."""
        return self.root / "docker-config"

    @property
    def signer(self) -> Path:
        """DOCKER_CONFIG of the lab's image signer: holds the trust keys, kept apart from the above."""
        return self.root / "signer"

    @property
    def registry(self) -> Path:
        return self.root / "registry"

    @property
    def notary(self) -> Path:
        return self.root / "notary"

    @property
    def images(self) -> Path:
        """Build context of the lab images."""
        return self.root / "images"

    @property
    def unlock_key(self) -> Path:
        return self.root / "swarm-unlock-key"


def layout() -> Layout:
    return Layout(root())
