"""V-235783 (DKER-EE-001190): Docker Enterprise sensitive host system directories must not be mounted on containers.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}: Volumes={{ .Mounts }}'
| grep -iv "ucp\\|kubelet\\|dtr"`` — "If there are containers mounted with RW access to sensitive host
system directories, this is a finding." The sensitive directories come from the SSP
(``containers.sensitive_host_paths``). A read-only bind of one is not a finding; it is recorded.

The check greps ``ucp|kubelet|dtr`` (not ``kube``): ``containers.mount_system_patterns``.
"""

import pytest

from dockerstig.container_rules import is_within
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import observe, require


@pytest.mark.stig("V-235783")
def test_v235783_no_sensitive_host_dir_mounted_rw(container, settings):
    skip_system_container(container, settings, settings.containers.mount_system_patterns)
    sensitive = [
        m for m in container.attrs.get("Mounts") or []
        if m.get("Type") == "bind"
        and any(is_within(m.get("Source") or "", p) for p in settings.containers.sensitive_host_paths)
    ]
    for m in (m for m in sensitive if not m.get("RW")):
        observe(f"Mounts[].Source={m.get('Source')} (Destination={m.get('Destination')}, RW=false): read-only")
    written = [f"Mounts[].Source={m.get('Source')} (Destination={m.get('Destination')}, RW=true)" for m in sensitive if m.get("RW")]
    require(not written, "; ".join(written) or "Mounts: no read-write bind of a sensitive host path",
            f"no read-write bind of {', '.join(settings.containers.sensitive_host_paths)}")
