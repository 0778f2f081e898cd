"""V-235817 (DKER-EE-002120): The Docker Enterprise hosts user namespace must not be shared.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
UsernsMode={{ .HostConfig.UsernsMode }}'`` — "If it returns a value of host, … this is a finding."
Text defect (stig-rule-map.md §5.5): the statement "Ensure PIDs cgroup limit is used" is copied from
V-235828; we check what the title and command say (UsernsMode).
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235817")
def test_v235817_host_user_namespace_not_shared(container, settings):
    mode = container.host_config.get("UsernsMode") or ""
    require(mode != "host", f"HostConfig.UsernsMode={shown(mode)}", "HostConfig.UsernsMode other than host")
