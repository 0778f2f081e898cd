"""V-235820 (DKER-EE-002160): Docker Enterprise incoming container traffic must be bound to a specific host interface.

STIG check: ``docker ps --quiet | xargs docker inspect --format '{{ .Id }}:
Ports={{ .NetworkSettings.Ports }}'`` — exposed ports must be tied to a particular interface, not
the wildcard 0.0.0.0 (nor ``::`` or a blank HostIp). Running containers only.
"""

import pytest

from dockerstig.container_rules import bindings, require_none, skip_stopped


@pytest.mark.stig("V-235820")
def test_v235820_ports_bound_to_host_interface(container, settings):
    skip_stopped(container)
    published = bindings(container)
    wildcard = [str(b) for b in published if b.host_ip in ("", "0.0.0.0", "::")]
    require_none("NetworkSettings.Ports", [str(b) for b in published], wildcard, "wildcard address",
                 "every published port bound to a specific host IP")
