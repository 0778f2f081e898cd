"""V-235806 (DKER-EE-002010): Memory usage for all containers must be limited in Docker Enterprise.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
Memory={{ .HostConfig.Memory }}'`` — "If the above command returns 0, … this is a finding."
No exclusion: UCP/DTR system containers are audited too (SSP exceptions where documented).
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235806")
def test_v235806_memory_limited(container, settings):
    memory = container.host_config.get("Memory") or 0
    require(memory > 0, f"HostConfig.Memory={shown(memory)}", "HostConfig.Memory greater than 0 (a memory limit)")
