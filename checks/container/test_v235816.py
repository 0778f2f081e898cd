"""V-235816 (DKER-EE-002110): All Docker Enterprise containers must be restricted from acquiring additional privileges.

STIG check: ``docker ps --quiet --all | xargs -L 1 docker inspect --format '{{ .Id }}:
SecurityOpt={{ .HostConfig.SecurityOpt }}'`` — "if 'SecurityOpt=' setting does not include the
'no-new-privileges' flag, this is a finding." ``no-new-privileges``, ``…=true`` and ``…:true``
count; ``…:false`` does not.

Text defect (stig-rule-map.md §5.8): swarm services cannot set the flag (Engine API ≤ 1.41), so
swarm tasks fail the literal check, which is the default. With
``containers.accept_daemon_no_new_privileges: true`` the node's daemon.json
``"no-new-privileges": true`` is accepted instead.
"""

import pytest

from dockerstig.container_rules import security_opts, shown
from dockerstig.verdict import observe, require


@pytest.mark.stig("V-235816")
def test_v235816_no_new_privileges(container, settings):
    opts = container.host_config.get("SecurityOpt")
    flag = dict(security_opts(container)).get("no-new-privileges", "false").lower() == "true"
    if not flag and settings.containers.accept_daemon_no_new_privileges \
            and (container.node.daemon_json or {}).get("no-new-privileges") is True:
        observe(f"HostConfig.SecurityOpt={shown(opts)}; daemon.json no-new-privileges=true (accepted by the SSP)")
        return
    require(flag, f"HostConfig.SecurityOpt={shown(opts)}", "HostConfig.SecurityOpt with no-new-privileges")
