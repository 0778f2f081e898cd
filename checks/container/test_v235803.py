"""V-235803 (DKER-EE-001970): SSH must not run within Linux containers for Docker Enterprise.

STIG check: ``for i in $(docker ps -qa); do docker exec $i ps -el | grep -i sshd; done`` —
"Container not running errors are not a finding. If running containers have a process for SSH
server, this is a finding."

Nothing is exec'd: the processes come from ``docker top`` (``GET /containers/{id}/top``) in the
snapshot. A stopped container is not applicable. Decision: a container with
``HostConfig.PidMode=host`` sees the host's processes (the literal ``docker exec ps`` would list the
host's own sshd), so it is not applicable here rather than blamed for the host; sharing the host PID
namespace is V-235784's finding.
"""

import posixpath

import pytest

from dockerstig.container_rules import skip_stopped
from dockerstig.verdict import NotApplicable, require


def _is_sshd(process: dict) -> bool:
    argv0 = (process.get("args") or "").split(" ", 1)[0]
    return (process.get("comm") or "").lower() == "sshd" or posixpath.basename(argv0).lower().startswith("sshd")


@pytest.mark.stig("V-235803")
def test_v235803_no_sshd_in_container(container, settings):
    skip_stopped(container)
    if container.host_config.get("PidMode") == "host":
        raise NotApplicable("HostConfig.PidMode=host: its processes are the host's (V-235784 reports the shared namespace)")
    sshd = [f"pid {p.get('pid')}: {p.get('args') or p.get('comm')}" for p in container.processes if _is_sshd(p)]
    require(not sshd, f"docker top: sshd running ({'; '.join(sshd)})" if sshd else
            f"docker top: no sshd among {len(container.processes)} processes", "no SSH server process")
