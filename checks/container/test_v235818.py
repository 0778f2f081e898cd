"""V-235818 (DKER-EE-002130): The Docker Enterprise socket must not be mounted inside any containers.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: Volumes={{ .Mounts }}' | grep -i "docker.sock\\|docker_engine"`` — "If the Docker
socket is mounted inside containers, this is a finding." System containers are excluded.

Beyond the literal grep, a mount is a finding when its source is a socket dockerd listens on
(``-H unix://…`` in its argv, plus ``/var/run/docker.sock``/``/run/docker.sock``) or a directory
holding one (``-v /run:/host-run``), whatever it is called inside the container.
"""

import pytest

from dockerstig.container_rules import daemon_sockets, exposes_socket
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235818")
def test_v235818_docker_socket_not_mounted(container, settings):
    skip_system_container(container, settings)
    sockets = daemon_sockets(container.node)
    mounts = container.attrs.get("Mounts") or []
    exposed = [f"Mounts[].Source={m.get('Source')} (Destination={m.get('Destination')})"
               for m in mounts if exposes_socket(m, sockets)]
    require(not exposed, "; ".join(exposed) or f"Mounts: {len(mounts)} mounts, none of {', '.join(sockets)}",
            "no mount of the Docker socket")
