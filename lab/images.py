"""The lab images: built once on the build node FROM scratch + busybox, shared via the registry."""

from __future__ import annotations

import shutil

from .docker import docker
from .layout import NOTARY, REGISTRY, Layout, Node

IMAGES = {
    "signed": f"{REGISTRY}/app/busybox:signed",
    "unsigned": f"{REGISTRY}/app/busybox:unsigned",
    "nosig": f"{REGISTRY}/app/nosig:1",
    # Named for the lab registry but never pushed: no reference of the lab names Docker Hub, so
    # no trust lookup ever leaves the lab (the default Notary of docker.io is notary.docker.io).
    "root_local": f"{REGISTRY}/lab/rootimg:1",
}
PUSHED = ("signed", "unsigned", "nosig")
PASSPHRASES = {"DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE": "dockerstig-lab-root",
               "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE": "dockerstig-lab-repo"}

# PID 1 ignores SIGTERM unless it traps it: trap, so `docker stop` and dockerd shutdown are quick.
IDLE = "trap 'exit 0' TERM; sleep infinity & wait"
BASE = f"""FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh", "-c", "{IDLE}"]
"""
DOCKERFILES = {
    "signed": BASE + "USER 1000\n",
    "unsigned": BASE + 'LABEL org.dockerstig.lab="unsigned tag, runs as root"\n',
    "nosig": BASE + "COPY sshd /usr/sbin/sshd\n",
    "root_local": BASE + 'LABEL org.dockerstig.lab="never pushed, runs as root"\n',
    "dangling": BASE + 'LABEL org.dockerstig.lab="untagged"\n',
}
# A process whose name (comm) is sshd: the kernel names a script's process after the script.
FAKE_SSHD = f"""#!/bin/sh
# Not an SSH daemon: a process named sshd, for the no-sshd-in-containers rule.
{IDLE}
"""


def build_and_push(builder: Node, lab: Layout) -> str:
    """Build every image on builder, push the registry ones; return the untagged image's id."""
    context = lab.images
    context.mkdir(parents=True, exist_ok=True)
    shutil.copy2("/bin/busybox", context / "busybox")
    (context / "sshd").write_text(FAKE_SSHD)
    (context / "sshd").chmod(0o755)
    built = {}
    for name, text in DOCKERFILES.items():
        (context / f"Dockerfile.{name}").write_text(text)
        tag = ["-t", IMAGES[name]] if name in IMAGES else []
        built[name] = docker(builder, "build", "-q", *tag, "-f",
                             str(context / f"Dockerfile.{name}"), str(context)).splitlines()[-1]
    docker(builder, "push", IMAGES["signed"],
           env={"DOCKER_CONFIG": str(lab.signer), "DOCKER_CONTENT_TRUST": "1",
                "DOCKER_CONTENT_TRUST_SERVER": NOTARY, **PASSPHRASES})
    for name in PUSHED[1:]:
        docker(builder, "push", IMAGES[name])
    return built["dangling"]


def pull(node: Node) -> None:
    for name in PUSHED:
        docker(node, "pull", "-q", IMAGES[name])
