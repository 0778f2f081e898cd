"""V-235868 (DKER-EE-005340): daemon.json permissions must be 644 or more restrictive.

STIG check: ``stat -c %a /etc/docker/daemon.json`` — "If the daemon.json file doesn't exist or
isn't set to 644 or more restrictive, this is a finding." "More restrictive" is read as: no
permission bit beyond 0644 and no setuid/setgid/sticky bit (``files.mode_compare: exact`` in the
SSP file gives the literal reading, mode exactly 644).
"""

import pytest

from dockerstig.evaluate import mode_within
from dockerstig.verdict import require

PATH = "/etc/docker/daemon.json"


@pytest.mark.stig("V-235868")
def test_v235868_daemon_json_mode(node, settings):
    st = node.stat(PATH)
    require(st is not None, f"{PATH} does not exist", f"{PATH} with mode 0644 or more restrictive")
    ok = mode_within(st["mode"], "0644", settings.files.mode_compare)
    require(ok, f"{PATH} mode {st['mode']}", f"{PATH} with mode 0644 or more restrictive")
