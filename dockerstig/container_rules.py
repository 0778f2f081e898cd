"""What the container checks share: SSP exceptions and allow-lists, and readings of inspect data.

>>> shown(True), shown(""), shown(None), shown(["label=disable"])
('true', '""', 'null', '[label=disable]')
>>> is_within("/etc/nginx", "/etc"), is_within("/etcetera", "/etc"), is_within("/srv", "/")
(True, False, False)
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from dockerstig.settings import Allowance, Settings
from dockerstig.verdict import CouldNotLook, NotApplicable, require

#: Where dockerd listens when its argv names no unix socket (``/var/run`` links to ``/run``).
DEFAULT_SOCKETS = ("/var/run/docker.sock", "/run/docker.sock")


def shown(value) -> str:
    """An inspect value the way ``docker inspect --format`` prints it (``""`` for blank)."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if value == "":
        return '""'
    if isinstance(value, list):
        return "[" + " ".join(map(str, value)) + "]"
    return str(value)


def require_none(field: str, values: list[str], bad: list[str], why: str, required: str) -> None:
    """A Finding naming ``field=[values]`` and the ``bad`` ones among them (``why``: "not in the SSP")."""
    require(not bad, f"{field}={shown(values)}" + (f" ({why}: {', '.join(bad)})" if bad else ""), required)


# --- applicability ------------------------------------------------------------------------------
def exception_for(container, settings: Settings, rule: str) -> str | None:
    """The reason of the SSP's exception to ``rule`` for this container, if it has one.

    The ``container`` fixture applies it before any check runs (Not_Applicable).
    """
    for exc in settings.containers.exceptions:
        if exc.rule == rule and re.fullmatch(exc.container, container.target_id):
            return exc.reason
    return None


def skip_stopped(container) -> None:
    """The STIG checks only running containers (``docker ps`` without ``--all``)."""
    if not container.running:
        raise NotApplicable("container is stopped; the STIG checks running containers (docker ps)")


def skip_without_lsm(container, lsm: str) -> None:
    """Not applicable on a node whose engine does not run the ``apparmor``/``selinux`` module."""
    options = container.node.info.get("SecurityOptions")
    if options is None:
        raise CouldNotLook(f"{container.node.name}: docker info gave no SecurityOptions")
    if not any(f"name={lsm}" in option.split(",") for option in options):
        raise NotApplicable(f"{container.node.name} does not use {lsm} (docker info SecurityOptions: {shown(options)})")


# --- allow-lists --------------------------------------------------------------------------------
def allowed(container, allowances: list[Allowance]) -> list[str]:
    """Every value the SSP approves for this container (allowances whose regex matches its id)."""
    return [v for a in allowances if re.fullmatch(a.container, container.target_id) for v in a.allow]


def capability(name: str) -> str:
    """``cap_net_admin`` / ``NET_ADMIN`` → ``NET_ADMIN`` (docker accepts both spellings)."""
    return name.upper().removeprefix("CAP_")


def excess_capabilities(container, settings: Settings) -> list[str]:
    """The CapAdd entries the SSP does not approve for this container (``ALL`` only if approved)."""
    approved = {capability(c) for c in allowed(container, settings.containers.allowed_capabilities)}
    return [c for c in container.host_config.get("CapAdd") or [] if capability(c) not in approved]


@dataclass(frozen=True)
class Binding:
    """One published port: ``host_ip:host_port->container_port`` (container_port like ``80/tcp``)."""

    host_ip: str
    host_port: str
    container_port: str

    def __str__(self) -> str:
        return f"{self.host_ip}:{self.host_port}->{self.container_port}"


def bindings(container) -> list[Binding]:
    """Published ports: ``NetworkSettings.Ports`` of a running container, else ``HostConfig.PortBindings``."""
    if container.running:
        ports = (container.attrs.get("NetworkSettings") or {}).get("Ports") or {}
    else:
        ports = container.host_config.get("PortBindings") or {}
    return sorted(
        (Binding(b.get("HostIp") or "", b.get("HostPort") or "", port) for port, binds in ports.items() for b in binds or []),
        key=str,
    )


def _port_entry(entry: str) -> tuple[str | None, str | None, str]:
    """``[ip:][host_port:]container_port[/proto]`` → (ip, host_port, ``80/tcp``); None = any."""
    ip = None
    if entry.startswith("["):
        ip, _, entry = entry[1:].partition("]:")
    parts = entry.split(":")
    if ip is None and len(parts) == 3:
        ip = parts.pop(0)
    host_port = parts[0] if len(parts) == 2 else None
    port = parts[-1] if "/" in parts[-1] else f"{parts[-1]}/tcp"
    return ip, host_port or None, port.lower()


def port_documented(binding: Binding, entries: list[str]) -> bool:
    """Whether an SSP entry (``80/tcp``, ``8080:80/tcp``, ``10.0.0.5:8080:80/tcp``) covers ``binding``."""
    for ip, host_port, port in map(_port_entry, entries):
        if port == binding.container_port.lower() and host_port in (None, binding.host_port) \
                and ip in (None, binding.host_ip):
            return True
    return False


def require_documented_ports(container, settings: Settings) -> None:
    """A Finding unless every published port is documented in the SSP (``containers.allowed_ports``)."""
    entries = allowed(container, settings.containers.allowed_ports)
    published = bindings(container)
    require_none("NetworkSettings.Ports", [str(b) for b in published],
                 [str(b) for b in published if not port_documented(b, entries)], "not in the SSP",
                 "every mapped port documented in the SSP (containers.allowed_ports)")


def device_approved(device: dict, entries: list[str]) -> bool:
    """Whether an SSP entry (``/dev/fuse`` or ``/dev/fuse:rw``) approves a ``HostConfig.Devices`` item."""
    perms = set(device.get("CgroupPermissions") or "rwm")
    for entry in entries:
        path, _, allowed_perms = entry.partition(":")
        if path == device.get("PathOnHost") and (not allowed_perms or perms <= set(allowed_perms)):
            return True
    return False


def ulimit_approved(ulimit: dict, entries: list[str]) -> bool:
    """Whether an SSP entry (``nofile``, ``nofile=1024``, ``nofile=1024:2048``) approves a ``HostConfig.Ulimits`` item."""
    for entry in entries:
        name, _, values = entry.partition("=")
        soft, _, hard = values.partition(":")
        if name != ulimit.get("Name"):
            continue
        if not values or (str(ulimit.get("Soft")) == soft and str(ulimit.get("Hard")) == (hard or soft)):
            return True
    return False


# --- security options ---------------------------------------------------------------------------
def security_opts(container) -> list[tuple[str, str]]:
    """``HostConfig.SecurityOpt`` as (key, value): ``label:disable`` and ``label=disable`` alike.

    A bare flag (``no-new-privileges``) reads as ``true``.
    """
    out = []
    for opt in container.host_config.get("SecurityOpt") or []:
        key, sep, value = re.match(r"([^=:]*)([=:]?)(.*)", opt, re.S).groups()
        out.append((key.strip().lower(), value.strip() if sep else "true"))
    return out


# --- host paths ---------------------------------------------------------------------------------
def _norm(path: str) -> str:
    path = posixpath.normpath("/" + path.lstrip("/"))
    return "/run" + path[len("/var/run"):] if path == "/var/run" or path.startswith("/var/run/") else path


def is_within(path: str, root: str) -> bool:
    """``path`` is ``root`` or under it; ``/`` as ``root`` matches only ``/`` itself."""
    path, root = _norm(path), _norm(root)
    return path == root or (root != "/" and path.startswith(root + "/"))


def daemon_sockets(node) -> list[str]:
    """The unix sockets dockerd listens on: its argv ``-H unix://…`` plus the default paths."""
    sockets = list(DEFAULT_SOCKETS)
    try:
        section = node.section("dockerd_cmdline")
    except CouldNotLook:
        return sockets
    args = section.get("text", "").splitlines() if section.get("rc") == 0 else []
    for i, arg in enumerate(args):
        value = None
        if arg in ("-H", "--host") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(("-H=", "--host=")):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-H") and len(arg) > 2:
            value = arg[2:]
        if value and value.startswith("unix://"):
            sockets.append(value.removeprefix("unix://"))
    return sockets


def exposes_socket(mount: dict, sockets: list[str]) -> bool:
    """A mount gives the container the engine socket: by name, or its source is a socket or a parent of one."""
    source, destination = mount.get("Source") or "", mount.get("Destination") or ""
    if any(name in text.lower() for text in (source, destination) for name in ("docker.sock", "docker_engine")):
        return True
    if not source:
        return False
    src = _norm(source)
    return any(src == "/" or _norm(sock) == src or _norm(sock).startswith(src + "/") for sock in sockets)
