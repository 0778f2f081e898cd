"""The 29 container checks against the lab (lab/scenarios/default.yaml): for every rule, the
outcome on its passing and failing lab containers, with the inspect field and value named."""

import json

import pytest

from tests.integration.audit import run_audit

STOPPED = "container is stopped; the STIG checks running containers (docker ps)"

#: (rule, target, status, words in the message) that the default scenario must give.
EXPECTED = [
    ("V-235783", "node1/good", "pass", "no read-write bind of a sensitive host path"),
    ("V-235783", "node1/etc-ro", "pass", "Mounts[].Source=/etc (Destination=/host/etc, RW=false): read-only"),
    ("V-235783", "node1/etc-rw", "open", "Mounts[].Source=/etc (Destination=/host/etc, RW=true)"),
    ("V-235784", "node1/good", "pass", 'HostConfig.PidMode=""'),
    ("V-235784", "node1/hostpid", "open", "HostConfig.PidMode=host"),
    ("V-235785", "node1/ipc-private", "pass", "HostConfig.IpcMode=private"),
    ("V-235785", "node1/ipc-shareable", "pass", "HostConfig.IpcMode=shareable"),
    ("V-235785", "node1/hostipc", "open", "HostConfig.IpcMode=host"),
    ("V-235801", "node1/good", "pass", "HostConfig.CapAdd=[]"),
    ("V-235801", "node2/cap-netadmin", "open", "HostConfig.CapAdd=[NET_ADMIN] (not in the SSP: NET_ADMIN)"),
    ("V-235801", "node2/cap-sysadmin", "open", "HostConfig.CapAdd=[SYS_ADMIN]"),
    ("V-235801", "node1/privileged", "open", "HostConfig.Privileged=true (all capabilities)"),
    ("V-235802", "node1/good", "pass", "HostConfig.Privileged=false"),
    ("V-235802", "node1/privileged", "open", "HostConfig.Privileged=true"),
    ("V-235802", "node1/stopped-privileged", "open", "HostConfig.Privileged=true"),
    ("V-235803", "node1/good", "pass", "docker top: no sshd"),
    ("V-235803", "node1/sshd", "open", "docker top: sshd running"),
    ("V-235803", "node1/hostpid", "not_applicable", "HostConfig.PidMode=host"),
    ("V-235803", "node1/stopped", "not_applicable", STOPPED),
    ("V-235804", "node1/good", "pass", "NetworkSettings.Ports=[]"),
    ("V-235804", "node2/port-any", "open", "0.0.0.0:8080->80/tcp"),
    ("V-235804", "node1/stopped", "not_applicable", STOPPED),
    ("V-235805", "node1/good", "pass", "HostConfig.NetworkMode="),
    ("V-235805", "node1/hostnet", "open", "HostConfig.NetworkMode=host"),
    ("V-235806", "node3/memory", "pass", "HostConfig.Memory=67108864"),
    ("V-235806", "node1/good", "pass", "HostConfig.Memory=67108864"),
    ("V-235806", "node3/pids-limit", "open", "HostConfig.Memory=0"),
    ("V-235807", "node1/good", "pass", "HostConfig.CpuShares=512"),
    ("V-235807", "node3/cpu-shares-1024", "open", "HostConfig.CpuShares=1024"),
    ("V-235807", "node3/memory", "open", "HostConfig.CpuShares=0"),
    ("V-235808", "node3/read-only", "pass", "HostConfig.ReadonlyRootfs=true"),
    ("V-235808", "node3/memory", "open", "HostConfig.ReadonlyRootfs=false"),
    ("V-235809", "node1/good", "pass", "HostConfig.Devices=[]"),
    ("V-235809", "node2/device", "open", "HostConfig.Devices=[/dev/null:/dev/xnull:rwm] (not in the SSP"),
    ("V-235810", "node1/good", "pass", "Mounts[].Propagation=[]"),
    ("V-235810", "node1/rshared", "open", "Mounts[].Propagation=rshared (Destination=/shared)"),
    ("V-235811", "node1/good", "pass", 'HostConfig.UTSMode=""'),
    ("V-235811", "node1/hostuts", "open", "HostConfig.UTSMode=host"),
    ("V-235812", "node1/good", "pass", "HostConfig.SecurityOpt=[no-new-privileges]"),
    ("V-235812", "node2/seccomp-unconfined", "open", "HostConfig.SecurityOpt=[seccomp=unconfined]"),
    ("V-235815", "node1/good", "pass", 'HostConfig.CgroupParent=""'),
    ("V-235815", "node3/cgroup-parent", "open", "HostConfig.CgroupParent=/lab-custom"),
    ("V-235816", "node3/no-new-privileges", "pass", "HostConfig.SecurityOpt=[no-new-privileges]"),
    ("V-235816", "node3/memory", "open", "HostConfig.SecurityOpt=null"),
    ("V-235817", "node1/good", "pass", 'HostConfig.UsernsMode=""'),
    ("V-235817", "node3/userns-host", "open", "HostConfig.UsernsMode=host"),
    ("V-235818", "node1/good", "pass", "none of /var/run/docker.sock, /run/docker.sock"),
    ("V-235818", "node1/docker-sock", "open", "Mounts[].Source=/var/run/docker.sock (Destination=/var/run/docker.sock)"),
    ("V-235818", "node1/engine-sock", "open", "Mounts[].Source=/run/docker.sock (Destination=/tmp/engine.sock)"),
    ("V-235819", "node2/port-ip", "pass", "NetworkSettings.Ports=[10.213.7.12:8081->80/tcp]"),
    ("V-235819", "node2/port-priv", "open", "NetworkSettings.Ports=[10.213.7.12:80->80/tcp] (below 1024"),
    ("V-235820", "node2/port-ip", "pass", "NetworkSettings.Ports=[10.213.7.12:8081->80/tcp]"),
    ("V-235820", "node2/port-any", "open", "0.0.0.0:8080->80/tcp"),
    ("V-235820", "node3/stopped-node3", "not_applicable", STOPPED),
    ("V-235827", "node2/healthy", "pass", "State.Health.Status=healthy"),
    ("V-235827", "node1/good", "pass", "State.Health.Status=healthy"),
    ("V-235827", "node2/unhealthy", "open", "State.Health.Status=unhealthy"),
    ("V-235827", "node3/memory", "open", "State.Health absent"),
    ("V-235827", "node1/stopped", "not_applicable", STOPPED),
    ("V-235828", "node3/pids-limit", "pass", "HostConfig.PidsLimit=100"),
    ("V-235828", "node3/memory", "open", "HostConfig.PidsLimit="),
    ("V-235830", "node2/user1000", "pass", "Config.User=1000"),
    ("V-235830", "node1/rootimg", "open", 'Config.User=""'),
    ("V-235837", "node1/good", "pass", "NetworkSettings.Ports=[]"),
    ("V-235837", "node2/port-ip", "open", "NetworkSettings.Ports=[10.213.7.12:8081->80/tcp] (not in the SSP"),
    ("V-235843", "node1/good", "pass", "HostConfig.RestartPolicy.Name=no"),
    ("V-235843", "node2/restart-on-failure-5", "pass", "HostConfig.RestartPolicy.Name=on-failure MaximumRetryCount=5"),
    ("V-235843", "node2/restart-always", "open", "HostConfig.RestartPolicy.Name=always"),
    ("V-235843", "node2/restart-on-failure-10", "open", "MaximumRetryCount=10"),
    ("V-235843", "node2/restart-unless-stopped", "open", "HostConfig.RestartPolicy.Name=unless-stopped"),
    ("V-235844", "node1/good", "pass", "HostConfig.Ulimits=[]"),
    ("V-235844", "node3/ulimit", "open", "HostConfig.Ulimits=[nofile=1024:2048] (not in the SSP"),
]


@pytest.mark.parametrize("rule, target, status, words", EXPECTED)
def test_container_rule_on_lab(lab_audit, rule, target, status, words):
    lab_audit.expect(rule, target, status, words)


def _uses(lab_audit, node: str, lsm: str) -> bool:
    snap = json.loads((lab_audit.reports_dir / "snapshot.json").read_text())
    info = next(n for n in snap["nodes"] if n["name"] == node)["docker"]["info"]
    return any(f"name={lsm}" in o.split(",") for o in info.get("SecurityOptions") or [])


@pytest.mark.parametrize("rule, lsm, good, bad, words", [
    ("V-235799", "apparmor", "node2/healthy", "node2/apparmor-unconfined", "AppArmorProfile=unconfined"),
    ("V-235800", "selinux", "node2/healthy", "node2/label-disable", "HostConfig.SecurityOpt=[label=disable]"),
])
def test_lsm_rules_on_lab(lab_audit, rule, lsm, good, bad, words):
    """Open/pass where the node's engine uses the module, not applicable where it does not."""
    if _uses(lab_audit, "node2", lsm):
        assert lab_audit.status(rule, good) == "pass", lab_audit.result(rule, good).message
        assert (lab_audit.status(rule, bad), words in lab_audit.result(rule, bad).message) == ("open", True)
    else:
        for target in (good, bad):
            assert lab_audit.status(rule, target) == "not_applicable"
            assert f"does not use {lsm}" in lab_audit.result(rule, target).message


SSP = """
containers:
  allowed_ports: [{container: node2/port-ip, allow: ["10.213.7.12:8081:80/tcp"]}]
  allowed_capabilities: [{container: node2/cap-netadmin, allow: [NET_ADMIN]}]
  allowed_devices: [{container: node2/device, allow: ["/dev/null"]}]
  allowed_ulimits: [{container: node3/ulimit, allow: ["nofile=1024:2048"]}]
  allowed_cgroup_parents: [{container: node3/cgroup-parent, allow: [/lab-custom]}]
  ipc_shareable_is_finding: true
  exceptions: [{rule: V-235802, container: node1/privileged, reason: lab exception}]
"""


@pytest.fixture(scope="module")
def lab_with_ssp(lab_audit, tmp_path_factory):
    """The lab's own snapshot re-evaluated offline with SSP values that document its deviations."""
    tmp = tmp_path_factory.mktemp("lab-ssp")
    (tmp / "ssp.yaml").write_text(SSP)
    return run_audit([f"--snapshot={lab_audit.reports_dir / 'snapshot.json'}", f"--ssp={tmp / 'ssp.yaml'}",
                      "-k", "V-2357 or V-2358"], tmp / "reports")


@pytest.mark.parametrize("rule, target, status, words", [
    ("V-235804", "node2/port-ip", "pass", "NetworkSettings.Ports=[10.213.7.12:8081->80/tcp]"),
    ("V-235837", "node2/port-ip", "pass", "NetworkSettings.Ports=[10.213.7.12:8081->80/tcp]"),
    ("V-235804", "node2/port-any", "open", "not in the SSP"),
    ("V-235801", "node2/cap-netadmin", "pass", "HostConfig.CapAdd=[NET_ADMIN]"),
    ("V-235801", "node2/cap-sysadmin", "open", "not in the SSP: SYS_ADMIN"),
    ("V-235809", "node2/device", "pass", "HostConfig.Devices=[/dev/null:/dev/xnull:rwm]"),
    ("V-235844", "node3/ulimit", "pass", "HostConfig.Ulimits=[nofile=1024:2048]"),
    ("V-235815", "node3/cgroup-parent", "pass", "HostConfig.CgroupParent=/lab-custom"),
    ("V-235785", "node1/ipc-shareable", "open", "HostConfig.IpcMode=shareable"),
    ("V-235802", "node1/privileged", "not_applicable", "exception in the SSP: lab exception"),
    ("V-235802", "node1/stopped-privileged", "open", "HostConfig.Privileged=true"),
])
def test_ssp_values_on_lab(lab_with_ssp, rule, target, status, words):
    lab_with_ssp.expect(rule, target, status, words)
