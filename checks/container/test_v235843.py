"""V-235843 (DKER-EE-004030): The on-failure container restart policy must be is set to 5 in Docker Enterprise.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format '{{ .Id }}:
RestartPolicyName={{ .HostConfig.RestartPolicy.Name }} MaximumRetryCount={{ … }}'`` — "" (or
``no``) passes; ``always`` is a finding; ``on-failure`` needs MaximumRetryCount ≤ 5 (the text's
"failure" is a typo for on-failure). System containers are excluded, as the grep does.

Text defects (stig-rule-map.md §5.7), read as an auditor does: ``unless-stopped`` restarts forever
like ``always``, and ``on-failure`` with MaximumRetryCount 0 retries without limit: both are
findings. ``containers.unless_stopped_is_finding: false`` and
``containers.on_failure_unlimited_is_finding: false`` give the literal reading. The limit 5 is
``containers.max_restart_retries``.
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235843")
def test_v235843_restart_policy_bounded(container, settings):
    skip_system_container(container, settings)
    cfg = settings.containers
    policy = container.host_config.get("RestartPolicy") or {}
    name, retries = policy.get("Name") or "", policy.get("MaximumRetryCount") or 0
    ok = {
        "": True, "no": True, "always": False,
        "unless-stopped": not cfg.unless_stopped_is_finding,
        "on-failure": retries <= cfg.max_restart_retries and (retries > 0 or not cfg.on_failure_unlimited_is_finding),
    }.get(name, False)
    require(ok, f"HostConfig.RestartPolicy.Name={shown(name)} MaximumRetryCount={retries}",
            f"no restart policy, or on-failure with 1 to {cfg.max_restart_retries} retries")
