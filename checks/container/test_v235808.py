"""V-235808 (DKER-EE-002030): All Docker Enterprise containers root filesystem must be mounted as read only.

STIG check: ``docker ps --quiet --all | xargs -L 1 docker inspect --format '{{ .Id }}:
ReadonlyRootfs={{ .HostConfig.ReadonlyRootfs }}'`` — "If ReadonlyRootfs=false, … this is a finding."
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235808")
def test_v235808_root_filesystem_read_only(container, settings):
    read_only = container.host_config.get("ReadonlyRootfs") is True
    require(read_only, f"HostConfig.ReadonlyRootfs={shown(read_only)}", "HostConfig.ReadonlyRootfs=true")
