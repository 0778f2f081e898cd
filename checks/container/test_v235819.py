"""V-235819 (DKER-EE-002150): Docker Enterprise privileged ports must not be mapped within containers.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
Ports={{ .NetworkSettings.Ports }}'`` — "ensure that container ports are not mapped to host port
numbers below 1024. If they are, then this is a finding." All containers: a stopped one has no
NetworkSettings.Ports, so its HostConfig.PortBindings are read. An empty or ``0`` HostPort is an
ephemeral port.
"""

import pytest

from dockerstig.container_rules import bindings, require_none


@pytest.mark.stig("V-235819")
def test_v235819_no_privileged_host_port(container, settings):
    published = bindings(container)
    low = [str(b) for b in published if b.host_port.isdigit() and 0 < int(b.host_port) < 1024]
    field = "NetworkSettings.Ports" if container.running else "HostConfig.PortBindings"
    require_none(field, [str(b) for b in published], low, "below 1024", "no host port below 1024")
