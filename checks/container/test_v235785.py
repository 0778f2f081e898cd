"""V-235785 (DKER-EE-001250): The Docker Enterprise hosts IPC namespace must not be shared.

STIG check: ``docker ps --all | grep -iv "ucp\\|kube\\|dtr" | … docker inspect --format
'{{ .Id }}: IpcMode={{ .HostConfig.IpcMode }}'`` — "If IpcMode="shareable", then the host's IPC
namespace is shared and this is a finding." System containers are excluded, as the grep does.

Text defect (stig-rule-map.md §5.1): ``shareable`` is the engine default on 18.09/19.03 and shares
nothing with the host; the fix text says not to use ``--ipc=host``. We read ``host`` as the finding.
``containers.ipc_shareable_is_finding: true`` gives the literal reading (``shareable`` too).
"""

import pytest

from dockerstig.container_rules import shown
from dockerstig.evaluate import skip_system_container
from dockerstig.verdict import require


@pytest.mark.stig("V-235785")
def test_v235785_host_ipc_namespace_not_shared(container, settings):
    skip_system_container(container, settings)
    mode = container.host_config.get("IpcMode") or ""
    banned = ("host", "shareable") if settings.containers.ipc_shareable_is_finding else ("host",)
    require(mode not in banned, f"HostConfig.IpcMode={shown(mode)}", f"HostConfig.IpcMode not {' or '.join(banned)}")
