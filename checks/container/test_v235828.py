"""V-235828 (DKER-EE-002780): PIDs cgroup limits must be used in Docker Enterprise.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
PidsLimit={{ .HostConfig.PidsLimit }}'`` — "If the PidsLimit is set to either 0 or -1 then this is a
finding." Unset (null) is unlimited too, so also a finding.

Text defect (stig-rule-map.md §5.8): swarm services can set a PIDs limit only from Engine API 1.41,
so EE 2.x swarm tasks fail; the SSP documents them as exceptions (``containers.exceptions``).
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235828")
def test_v235828_pids_limit_set(container, settings):
    limit = container.host_config.get("PidsLimit")
    require((limit or 0) > 0, f"HostConfig.PidsLimit={shown(limit)}", "HostConfig.PidsLimit greater than 0")
