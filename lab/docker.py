"""The docker CLI pointed at one node's engine, with the lab's own DOCKER_CONFIG."""

from __future__ import annotations

from .layout import Layout, Node
from .proc import run

# The docker.io CLI, the same release as the engine (a newer one on PATH would rewrite some
# settings, e.g. store --cap-add NET_ADMIN as CAP_NET_ADMIN).
CLI = "/usr/bin/docker"
# Settings from the caller's environment that would point the CLI elsewhere or change its mode.
INHERITED = ("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTENT_TRUST",
             "DOCKER_CONTENT_TRUST_SERVER", "DOCKER_API_VERSION", "DOCKER_DEFAULT_PLATFORM")


def docker(node: Node, *args: str, input: str | None = None, env: dict | None = None,
           timeout: float = 120) -> str:
    """Run `docker ARGS` against node; return stdout (stripped); LabError on failure."""
    full_env = {**dict.fromkeys(INHERITED), "DOCKER_HOST": node.docker_host,
                "DOCKER_CONFIG": str(Layout(node.lab_root).docker_config),
                "DOCKER_BUILDKIT": "0", "DOCKER_CLI_HINTS": "false", **(env or {})}
    return run([CLI, *args], env=full_env, input=input, timeout=timeout).stdout.strip()
