"""Bring one node up: namespaces, private mounts, then its own sshd and dockerd."""

from __future__ import annotations

from pathlib import Path

from . import net, nodefs, ssh
from .layout import Layout, Node
from .proc import run, spawn
from .wait import docker_ping, port_open, until

# dockerd settings the lab needs on this machine; a daemon.json key of the same name wins.
PLUMBING = {
    "iptables": "--iptables=false",
    "ip6tables": "--ip6tables=false",
    "bridge": "--bridge=none",
    "storage-driver": "--storage-driver=overlay2",
}


def mount_script(node: Node) -> str:
    """Shell run in the node's new mount and UTS namespaces to give it its own files."""
    units = "".join(f"mount --bind {node.units / unit} {nodefs.HOST_UNITS / unit}\n"
                    for unit in nodefs.UNITS)
    return (f"hostname {node.name}\n"
            f"mount -t overlay overlay -o lowerdir=/etc,upperdir={node.etc_upper},"
            f"workdir={node.etc_work} /etc\n"
            f"mount --bind {node.run} /run\n"
            f"{units}"
            f"mount --bind {node.mnt} /mnt\n"
            "mount --make-shared /mnt\n")


def dockerd_argv(node: Node, spec: dict) -> list[str]:
    """dockerd in the node: the lab's plumbing flags (unless daemon.json has the key), then the
    scenario's flags."""
    daemon = spec.get("daemon", {})
    argv = [*node.nsenter, "dockerd"]
    if "hosts" not in daemon:
        argv += ["-H", "unix:///var/run/docker.sock"]
    argv += [flag for key, flag in PLUMBING.items() if key not in daemon]
    if "data-root" not in daemon:
        argv.append(f"--data-root={node.data_root}")
    return argv + [f.replace("{address}", node.address) for f in spec.get("dockerd_flags", [])]


def start(node: Node, spec: dict, lab: Layout, tls: tuple[Path, Path] | None) -> None:
    """Create the node and start its daemons; return once sshd and dockerd answer."""
    nodefs.prepare(node, spec, lab.ca, tls)
    net.create_node_net(node)
    for kind in ("mnt", "uts"):
        node.ns(kind).touch()
    run(["nsenter", f"--net={node.ns('net')}", "unshare", f"--mount={node.ns('mnt')}",
         f"--uts={node.ns('uts')}", "--propagation", "private", "sh", "-euc", mount_script(node)])
    spawn(f"{node.name}-sshd",
          [*node.nsenter, "/usr/sbin/sshd", "-D", "-e", "-f", str(ssh.sshd_config(node, lab))],
          lab.pids, lab.logs)
    # containerd writes stack dumps to $TMPDIR: keep them in the lab root.
    spawn(f"{node.name}-dockerd", dockerd_argv(node, spec), lab.pids, lab.logs,
          env={"TMPDIR": str(node.tmp)})
    port_open(node.address, 22, f"{node.name} sshd", lab.logs / f"{node.name}-sshd.log")
    until(lambda: docker_ping(node.socket), f"{node.name} dockerd",
          lab.logs / f"{node.name}-dockerd.log")
    nodefs.apply_run_files(node, spec)
