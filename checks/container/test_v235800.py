"""V-235800 (DKER-EE-001940): SELinux security options must be set on Red Hat or CentOS systems for Docker Enterprise.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Name }}:
SecurityOpt={{ .HostConfig.SecurityOpt }}' | grep -iv "ucp\\|kube\\|dtr"`` — "If
SecurityOpt=[label=disable], then this is a finding." ``label:disable`` (the older spelling) is the
same option. Not applicable on a node whose engine does not use SELinux (``docker info``
SecurityOptions without ``name=selinux``). System containers are excluded, as the grep does.
"""

import pytest

from dockerstig.container_rules import security_opts, shown, skip_without_lsm
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235800")
def test_v235800_selinux_labels_not_disabled(container, settings):
    skip_without_lsm(container, "selinux")
    skip_system_container(container, settings)
    opts = container.host_config.get("SecurityOpt")
    require(("label", "disable") not in security_opts(container), f"HostConfig.SecurityOpt={shown(opts)}",
            "HostConfig.SecurityOpt without label=disable")
