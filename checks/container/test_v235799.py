"""V-235799 (DKER-EE-001930): An appropriate AppArmor profile must be enabled on Ubuntu systems for Docker Enterprise.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
AppArmorProfile={{ .AppArmorProfile }}'`` — every container must show a valid AppArmor profile.
"Valid" = one of ``containers.apparmor_allowed_profiles`` (default ``docker-default``); blank and
``unconfined`` never are. Not applicable on a node whose engine does not use AppArmor
(``docker info`` SecurityOptions without ``name=apparmor``).
"""

import pytest

from dockerstig.container_rules import shown, skip_without_lsm
from dockerstig.verdict import require


@pytest.mark.stig("V-235799")
def test_v235799_apparmor_profile(container, settings):
    skip_without_lsm(container, "apparmor")
    profile = container.attrs.get("AppArmorProfile") or ""
    allowed = settings.containers.apparmor_allowed_profiles
    require(profile in allowed and profile != "unconfined", f"AppArmorProfile={shown(profile)}",
            f"AppArmorProfile one of {shown(allowed)}")
