"""V-235867 (DKER-EE-005330): daemon.json must be owned by root:root.

STIG check: ``stat -c %U:%G /etc/docker/daemon.json | grep -v root:root`` — "If the
daemon.json file doesn't exist or isn't owned by root:root, this is a finding."
"""

import pytest

from dockerstig.verdict import require

PATH = "/etc/docker/daemon.json"


@pytest.mark.stig("V-235867")
def test_v235867_daemon_json_owned_by_root(node):
    st = node.stat(PATH)
    require(st is not None, f"{PATH} does not exist", f"{PATH} owned by root:root")
    owner = f"{st['owner']}:{st['group']}"
    require(owner == "root:root", f"{PATH} owner {owner}", f"{PATH} owned by root:root")
