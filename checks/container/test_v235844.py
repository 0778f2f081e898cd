"""V-235844 (DKER-EE-004040): The Docker Enterprise default ulimit must not be overwritten at runtime unless approved in the SSP.

STIG check: ``docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}:
Ulimits={{ .HostConfig.Ulimits }}'`` — "If each container instance returns Ulimits=<no value>, this
is not a finding. If a container sets a Ulimit and the setting is not approved in the SSP, this is a
finding." Approved overrides: ``containers.allowed_ulimits`` (``nofile``, ``nofile=1024:2048``).
"""

import pytest

from dockerstig.container_rules import allowed, require_none, ulimit_approved


def _ulimit(u: dict) -> str:
    return f"{u.get('Name')}={u.get('Soft')}:{u.get('Hard')}"


@pytest.mark.stig("V-235844")
def test_v235844_ulimits_approved(container, settings):
    ulimits = container.host_config.get("Ulimits") or []
    entries = allowed(container, settings.containers.allowed_ulimits)
    require_none("HostConfig.Ulimits", [_ulimit(u) for u in ulimits],
                 [_ulimit(u) for u in ulimits if not ulimit_approved(u, entries)], "not in the SSP",
                 "no ulimit override, or only overrides approved in the SSP (containers.allowed_ulimits)")
