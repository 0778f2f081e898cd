"""V-235815 (DKER-EE-002100): cgroup usage must be confirmed in Docker Enterprise.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
CgroupParent={{ .HostConfig.CgroupParent }}'`` — "If the cgroup is blank, the container is running
under default docker cgroup. If the containers are found to be running under cgroup other than the
one that is documented in the SSP, then this is a finding." Documented parents:
``containers.allowed_cgroup_parents``.
"""

import pytest

from dockerstig.container_rules import allowed, shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235815")
def test_v235815_cgroup_parent_documented(container, settings):
    parent = container.host_config.get("CgroupParent") or ""
    documented = allowed(container, settings.containers.allowed_cgroup_parents)
    require(parent == "" or parent in documented, f"HostConfig.CgroupParent={shown(parent)}",
            f"HostConfig.CgroupParent blank (default docker cgroup) or documented in the SSP {shown(documented)}")
