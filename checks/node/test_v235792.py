"""V-235792 (DKER-EE-001840): experimental features must be disabled.

STIG check: ``docker version --format '{{ .Server.Experimental }}'`` — "If this returns true,
this is a finding." The Engine API omits ``Experimental`` when it is false.
"""

import pytest

from dockerstig.verdict import require


@pytest.mark.stig("V-235792")
def test_v235792_experimental_disabled(node):
    experimental = node.version.get("Experimental") is True
    require(not experimental, f"Server.Experimental={str(experimental).lower()}", "Server.Experimental=false")
