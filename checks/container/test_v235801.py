"""V-235801 (DKER-EE-001950): Linux Kernel capabilities must be restricted within containers as defined in the SSP.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
CapAdd={{ .HostConfig.CapAdd }} CapDrop={{ .HostConfig.CapDrop }}'`` — "If Linux Kernel
Capabilities exceed what is defined in the SSP, then this is a finding." The SSP's approved
additions are ``containers.allowed_capabilities`` (default: none). ``Privileged=true`` grants every
capability, so it exceeds the SSP unless ``ALL`` is approved.
"""

import pytest

from dockerstig.container_rules import allowed, capability, excess_capabilities, require_none, shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235801")
def test_v235801_capabilities_within_ssp(container, settings):
    approved = allowed(container, settings.containers.allowed_capabilities)
    required = f"HostConfig.CapAdd within the SSP's {shown(sorted(approved))}"
    if container.host_config.get("Privileged") is True:
        require("ALL" in map(capability, approved), "HostConfig.Privileged=true (all capabilities)", required)
    require_none("HostConfig.CapAdd", container.host_config.get("CapAdd") or [],
                 excess_capabilities(container, settings), "not in the SSP", required)
