"""V-235837 (DKER-EE-003560): Docker Enterprise network ports on all running containers must be limited to what is needed.

STIG check: ``docker ps -q | xargs docker inspect --format '{{ .Id }}: Ports={{ .NetworkSettings.Ports }}'``
— "If ports are not documented and approved in the SSP, this is a finding." Running containers
only. The approved ports are ``containers.allowed_ports`` (default: none); same test as V-235804.
"""

import pytest

from dockerstig.container_rules import require_documented_ports, skip_stopped


@pytest.mark.stig("V-235837")
def test_v235837_only_approved_ports_open(container, settings):
    skip_stopped(container)
    require_documented_ports(container, settings)
