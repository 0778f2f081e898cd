"""V-235807 (DKER-EE-002020): Docker Enterprise CPU priority must be set appropriately on all containers.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
CpuShares={{ .HostConfig.CpuShares }}'`` — "If the above command returns 0 or 1024, … this is a
finding." (0 means the default weight 1024.)

Text defect (stig-rule-map.md §5.8): swarm services cannot set CPU shares (only NanoCPUs), so every
swarm task fails the literal check. The literal reading is the default; an SSP may accept a CPU
quota instead with ``containers.accept_cpu_quota_equivalent: true`` (HostConfig.NanoCpus or
CpuQuota set).
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import observe, require


@pytest.mark.stig("V-235807")
def test_v235807_cpu_shares_set(container, settings):
    hc = container.host_config
    shares = hc.get("CpuShares") or 0
    if settings.containers.accept_cpu_quota_equivalent and (hc.get("NanoCpus") or hc.get("CpuQuota")):
        observe(f"HostConfig.CpuShares={shares} NanoCpus={hc.get('NanoCpus') or 0} CpuQuota={hc.get('CpuQuota') or 0}"
                " (a CPU quota, accepted by the SSP)")
        return
    require(shares not in (0, 1024), f"HostConfig.CpuShares={shown(shares)}", "HostConfig.CpuShares other than 0 or 1024")
