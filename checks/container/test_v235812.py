"""V-235812 (DKER-EE-002070): The Docker Enterprise default seccomp profile must not be disabled.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: SecurityOpt={{ .HostConfig.SecurityOpt }}'`` — "If seccomp:=unconfined, then the
container is running without any seccomp profiles and this is a finding" (``seccomp=unconfined``
and ``seccomp:unconfined`` alike). System containers are excluded, as the grep does.
"""

import pytest

from dockerstig.container_rules import security_opts, shown
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235812")
def test_v235812_seccomp_not_unconfined(container, settings):
    skip_system_container(container, settings)
    opts = container.host_config.get("SecurityOpt")
    require(("seccomp", "unconfined") not in security_opts(container), f"HostConfig.SecurityOpt={shown(opts)}",
            "HostConfig.SecurityOpt without seccomp=unconfined")
