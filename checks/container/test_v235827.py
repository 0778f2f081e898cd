"""V-235827 (DKER-EE-002770): Docker Enterprise container health must be checked at runtime.

STIG check: ``docker ps --quiet | xargs docker inspect --format '{{ .Id }}:
Health={{ .State.Health.Status }}'`` — "If Health does not = "Healthy", this is a finding." The API
value is ``healthy`` (§5.5); ``unhealthy``, ``starting`` and no health check at all are findings.
Running containers only.
"""

import pytest

from dockerstig.container_rules import skip_stopped
from dockerstig.verdict import require


@pytest.mark.stig("V-235827")
def test_v235827_container_healthy(container, settings):
    skip_stopped(container)
    health = (container.attrs.get("State") or {}).get("Health")
    status = (health or {}).get("Status") or ""
    require(status == "healthy", f"State.Health.Status={status}" if health else "State.Health absent (no health check)",
            "State.Health.Status=healthy")
