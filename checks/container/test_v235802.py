"""V-235802 (DKER-EE-001960): Docker Enterprise containers must not run privileged.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
Privileged={{ .HostConfig.Privileged }}'`` — "If Privileged=true, this is a finding."

Text defect (stig-rule-map.md §5.4): the check's ``grep -iv "ucp\\|kube\\|dtr"`` runs over bare
container IDs, so the literal exclusion does nothing. We apply the intended exclusion by name
(``containers.system_patterns`` in the SSP file).
"""

import pytest

from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235802")
def test_v235802_container_not_privileged(container, settings):
    skip_system_container(container, settings)
    privileged = container.host_config.get("Privileged") is True
    require(not privileged, f"HostConfig.Privileged={str(privileged).lower()}", "HostConfig.Privileged=false")
