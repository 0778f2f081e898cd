"""V-235823 (DKER-EE-002400): swarm manager auto-lock must be enabled.

STIG check: ``docker swarm unlock-key`` on a manager — "If the output is 'no unlock key is
set', this is a finding." The same fact, read without printing the key: the swarm spec's
``EncryptionConfig.AutoLockManagers`` (``docker info`` → Swarm.Cluster.Spec). Not a swarm → N/A.
"""

import pytest

from dockerstig.verdict import NotApplicable, require


@pytest.mark.stig("V-235823")
def test_v235823_swarm_autolock(cluster):
    if cluster.swarm is None:
        raise NotApplicable("the nodes are not part of a swarm")
    autolock = (cluster.spec.get("EncryptionConfig") or {}).get("AutoLockManagers") is True
    require(autolock, f"Spec.EncryptionConfig.AutoLockManagers={str(autolock).lower()} (on {cluster.swarm['manager']})",
            "AutoLockManagers=true (an unlock key is set)")
