"""What the lab needs from the machine: root, Debian packages, the docker group."""

from __future__ import annotations

import grp
import os
import sys

from .errors import LabError
from .proc import run

PACKAGES = ["docker.io", "openssh-server", "busybox-static", "notary", "docker-registry",
            "iproute2", "openssl", "util-linux"]


def require_root() -> None:
    if os.geteuid() != 0:
        raise LabError("must run as root (the lab creates namespaces, mounts and daemons)")


def missing_packages() -> list[str]:
    done = run(["dpkg-query", "-W", "-f", "${Package} ${Status}\n", *PACKAGES], check=False)
    installed = {line.split()[0] for line in done.stdout.splitlines()
                 if line.endswith(" installed")}
    return [p for p in PACKAGES if p not in installed]


def ensure_packages() -> None:
    """Install missing Debian packages with apt-get, saying so first."""
    missing = missing_packages()
    if not missing:
        return
    print(f"lab: installing missing Debian packages: {' '.join(missing)}", file=sys.stderr)
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update"], env=env, timeout=600)
    run(["apt-get", "install", "-y", "--no-install-recommends", *missing], env=env, timeout=1200)


def ensure_docker_group() -> None:
    """dockerd gives its socket to group docker; create the group if the host lacks it."""
    try:
        grp.getgrnam("docker")
    except KeyError:
        run(["groupadd", "--system", "docker"])


def prepare_host() -> None:
    require_root()
    ensure_packages()
    ensure_docker_group()
