"""V-235805 (DKER-EE-002000): Docker Enterprise hosts network namespace must not be shared.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: NetworkMode={{ .HostConfig.NetworkMode }}'`` — "If the above command returns
NetworkMode=host, this is a finding." System containers are excluded, as the check's grep does.
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235805")
def test_v235805_host_network_namespace_not_shared(container, settings):
    skip_system_container(container, settings)
    mode = container.host_config.get("NetworkMode") or ""
    require(mode != "host", f"HostConfig.NetworkMode={shown(mode)}", "HostConfig.NetworkMode other than host")
