"""V-235784 (DKER-EE-001240): The Docker Enterprise hosts process namespace must not be shared.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: PidMode={{ .HostConfig.PidMode }}'`` — "If PidMode = "host", … this is a finding."
System containers are excluded, as the check's grep does.
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235784")
def test_v235784_host_pid_namespace_not_shared(container, settings):
    skip_system_container(container, settings)
    mode = container.host_config.get("PidMode") or ""
    require(mode != "host", f"HostConfig.PidMode={shown(mode)}", "HostConfig.PidMode other than host")
