"""V-235810 (DKER-EE-002050): Mount propagation mode must not set to shared in Docker Enterprise.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: Propagation={{range $mnt := .Mounts}} {{json $mnt.Propagation}} {{end}}'`` — "If
Propagation=shared or Propagation-rshared, then this is a finding" (the text's ``-`` is a typo for
``=``: both ``shared`` and ``rshared`` are findings). System containers are excluded.
"""

import pytest

from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235810")
def test_v235810_mount_propagation_not_shared(container, settings):
    skip_system_container(container, settings)
    mounts = container.attrs.get("Mounts") or []
    shared = [f"Mounts[].Propagation={m.get('Propagation')} (Destination={m.get('Destination')})"
              for m in mounts if m.get("Propagation") in ("shared", "rshared")]
    seen = "; ".join(shared) or "Mounts[].Propagation=[" + " ".join(m.get("Propagation") or '""' for m in mounts) + "]"
    require(not shared, seen, "no mount with propagation shared or rshared")
