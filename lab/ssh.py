"""SSH into the nodes: the lab key, each node's sshd, known_hosts and the ssh_config."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .layout import Layout, Node
from .proc import run


def keygen(path: Path, comment: str) -> None:
    run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)])


def host_key(node: Node) -> Path:
    return node.dir / "ssh_host_ed25519_key"


def sshd_config(node: Node, lab: Layout) -> Path:
    """Key auth only, root allowed by key, listening on the node's own address."""
    path = node.dir / "sshd_config"
    path.write_text("\n".join([
        f"ListenAddress {node.address}",
        f"HostKey {host_key(node)}",
        f"AuthorizedKeysFile {lab.ssh / 'authorized_keys'}",
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PidFile none",
        "MaxSessions 50",
        "MaxStartups 50:30:100",
        "Subsystem sftp /usr/lib/openssh/sftp-server",
    ]) + "\n")
    return path


def make_keys(lab: Layout, nodes: list[Node]) -> None:
    """The lab's client key (authorized on every node) and one host key per node."""
    lab.ssh.mkdir(mode=0o700, parents=True, exist_ok=True)
    keygen(lab.ssh_key, "dockerstig-lab")
    (lab.ssh / "authorized_keys").write_text(lab.ssh_key.with_suffix(".pub").read_text())
    for node in nodes:
        node.dir.mkdir(parents=True, exist_ok=True)
        keygen(host_key(node), node.name)


def write_client_config(lab: Layout, nodes: list[Node]) -> None:
    """known_hosts with every node's host key, and the ssh_config testinfra's ssh:// reads."""
    lab.known_hosts.write_text("".join(
        f"{n.name},{n.address} {' '.join(host_key(n).with_suffix('.pub').read_text().split()[:2])}\n"
        for n in nodes))
    blocks = [
        f"Host {n.name}\n"
        f"  HostName {n.address}\n"
        "  User root\n"
        f"  IdentityFile {lab.ssh_key}\n"
        "  IdentitiesOnly yes\n"
        f"  UserKnownHostsFile {lab.known_hosts}\n"
        "  StrictHostKeyChecking yes\n"
        "  ControlMaster auto\n"
        f"  ControlPath {lab.ssh}/cm-%C\n"
        "  ControlPersist 10m\n"
        for n in nodes]
    lab.ssh_config.write_text("\n".join(blocks))


def close_masters(lab: Layout, names: list[str]) -> None:
    """Ask any multiplexing master ssh left running for the nodes to exit."""
    if not lab.ssh_config.exists():
        return
    for name in names:
        subprocess.run(["ssh", "-F", str(lab.ssh_config), "-O", "exit", name],
                       capture_output=True, timeout=10)
