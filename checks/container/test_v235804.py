"""V-235804 (DKER-EE-001990): Only required ports must be open on the containers in Docker Enterprise.

STIG check: ``docker ps --quiet | xargs docker inspect --format '{{ .Id }}:
Ports={{ .NetworkSettings.Ports }}'`` — "If there are any mapped ports that aren't documented by
the SSP, then this is a finding." Running containers only (``docker ps`` without ``--all``). The
SSP's documented ports are ``containers.allowed_ports`` (default: none). Same test as V-235837.
"""

import pytest

from dockerstig.container_rules import require_documented_ports, skip_stopped


@pytest.mark.stig("V-235804")
def test_v235804_only_documented_ports_mapped(container, settings):
    skip_stopped(container)
    require_documented_ports(container, settings)
