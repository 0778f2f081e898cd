"""V-235830 (DKER-EE-003200): Docker Enterprise images must be built with the USER instruction to prevent containers from running as root.

STIG check: ``docker ps -q -a | xargs docker inspect --format '{{ .Id }}: User={{ .Config.User }}'``
— "If User is 0, root or undefined, this is a finding." ``0:<group>`` and ``root:<group>`` are root too.
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.verdict import require


@pytest.mark.stig("V-235830")
def test_v235830_container_user_not_root(container, settings):
    user = container.config.get("User") or ""
    require(user.split(":", 1)[0] not in ("", "0", "root"), f"Config.User={shown(user)}",
            "Config.User a non-root user or UID")
