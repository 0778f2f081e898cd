"""V-235809 (DKER-EE-002040): Docker Enterprise host devices must not be directly exposed to containers.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
Devices={{ .HostConfig.Devices }}'`` — "If Devices=[], or Devices=<no value>, this is not a
finding. If Devices are listed and the host device is not documented and approved in the SSP, this
is a finding." Approved devices: ``containers.allowed_devices`` (``/dev/fuse`` or ``/dev/fuse:rw``
to cap the cgroup permissions).
"""

import pytest

from dockerstig.container_rules import allowed, device_approved, require_none


def _device(d: dict) -> str:
    return f"{d.get('PathOnHost')}:{d.get('PathInContainer')}:{d.get('CgroupPermissions')}"


@pytest.mark.stig("V-235809")
def test_v235809_host_devices_approved(container, settings):
    devices = container.host_config.get("Devices") or []
    entries = allowed(container, settings.containers.allowed_devices)
    require_none("HostConfig.Devices", [_device(d) for d in devices],
                 [_device(d) for d in devices if not device_approved(d, entries)], "not in the SSP",
                 "no host device, or only devices approved in the SSP (containers.allowed_devices)")
