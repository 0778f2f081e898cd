"""V-235811 (DKER-EE-002060): The Docker Enterprise hosts UTS namespace must not be shared.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
UTSMode={{ .HostConfig.UTSMode }}'`` — "If the above command returns host, … this is a finding."
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235811")
def test_v235811_host_uts_namespace_not_shared(container, settings):
    mode = container.host_config.get("UTSMode") or ""
    require(mode != "host", f"HostConfig.UTSMode={shown(mode)}", "HostConfig.UTSMode other than host")
