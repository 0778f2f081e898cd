"""The lab bridge and each node's network namespace, joined to it by a veth pair."""

from __future__ import annotations

from pathlib import Path

from .layout import BRIDGE, HOST_ADDRESS, PREFIX_LEN, Node
from .proc import run


def link_exists(name: str) -> bool:
    return Path("/sys/class/net", name).exists()


def create_bridge() -> None:
    run(["ip", "link", "add", BRIDGE, "type", "bridge"])
    run(["ip", "addr", "add", f"{HOST_ADDRESS}/{PREFIX_LEN}", "dev", BRIDGE])
    run(["ip", "link", "set", BRIDGE, "up"])


def create_node_net(node: Node) -> None:
    """A persistent netns file for the node, with eth0 on the bridge and lo up."""
    netns = node.ns("net")
    netns.touch()
    run(["unshare", f"--net={netns}", "true"])
    run(["ip", "link", "add", node.veth, "type", "veth", "peer", "name", "eth0",
         "netns", str(netns)])
    run(["ip", "link", "set", node.veth, "master", BRIDGE, "up"])
    inside = ["nsenter", f"--net={netns}", "ip"]
    run([*inside, "addr", "add", f"{node.address}/{PREFIX_LEN}", "dev", "eth0"])
    run([*inside, "link", "set", "eth0", "up"])
    run([*inside, "link", "set", "lo", "up"])


def remove_links(veths: list[str]) -> None:
    """Delete the given host-side veths and the bridge, where they still exist."""
    for name in [*veths, BRIDGE]:
        if link_exists(name):
            run(["ip", "link", "del", name])
