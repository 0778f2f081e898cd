"""The 29 container checks end to end on a synthetic snapshot (tests/unit/data/containers-*.{json,yaml}).

node1 runs AppArmor, node2 SELinux. ``good`` passes every rule; each other container breaks one.
"""

import pytest

from tests.integration.audit import run_audit

DATA = "tests/unit/data"
RULES = ("V-235783 V-235784 V-235785 V-235799 V-235800 V-235801 V-235802 V-235803 V-235804 V-235805 "
         "V-235806 V-235807 V-235808 V-235809 V-235810 V-235811 V-235812 V-235815 V-235816 V-235817 "
         "V-235818 V-235819 V-235820 V-235827 V-235828 V-235830 V-235837 V-235843 V-235844").split()
BASE = [f"--snapshot={DATA}/containers-snapshot.json", "-k", " or ".join(RULES)]

#: rule → (failing container, words of its finding); ``node1/good`` (node2 for SELinux) passes each.
OPEN = {
    "V-235783": ("node1/mount-etc-rw", "Mounts[].Source=/etc (Destination=/host/etc, RW=true)"),
    "V-235784": ("node1/pid-host", "HostConfig.PidMode=host"),
    "V-235785": ("node1/ipc-host", "HostConfig.IpcMode=host"),
    "V-235799": ("node1/apparmor-unconfined", "AppArmorProfile=unconfined"),
    "V-235800": ("node2/label-disabled", "HostConfig.SecurityOpt=[label=disable no-new-privileges]"),
    "V-235801": ("node1/caps-added", "HostConfig.CapAdd=[NET_ADMIN CAP_SYS_ADMIN] (not in the SSP"),
    "V-235802": ("node1/privileged", "HostConfig.Privileged=true"),
    "V-235803": ("node1/sshd", "docker top: sshd running (pid 4250: /usr/sbin/sshd -D)"),
    "V-235804": ("node1/ports-wildcard", "NetworkSettings.Ports=[0.0.0.0:80->80/tcp] (not in the SSP"),
    "V-235805": ("node1/net-host", "HostConfig.NetworkMode=host"),
    "V-235806": ("node1/memory-unlimited", "HostConfig.Memory=0"),
    "V-235807": ("node1/cpu-shares-1024", "HostConfig.CpuShares=1024"),
    "V-235808": ("node1/rootfs-writable", "HostConfig.ReadonlyRootfs=false"),
    "V-235809": ("node1/device-sda", "HostConfig.Devices=[/dev/sda:/dev/sda:rwm] (not in the SSP"),
    "V-235810": ("node1/mount-rshared", "Mounts[].Propagation=rshared"),
    "V-235811": ("node1/uts-host", "HostConfig.UTSMode=host"),
    "V-235812": ("node1/seccomp-unconfined", "HostConfig.SecurityOpt=[seccomp=unconfined"),
    "V-235815": ("node1/cgroup-custom", "HostConfig.CgroupParent=/custom"),
    "V-235816": ("node1/nnp-missing", "HostConfig.SecurityOpt=[]"),
    "V-235817": ("node1/userns-host", "HostConfig.UsernsMode=host"),
    "V-235818": ("node1/socket-renamed", "Mounts[].Source=/srv/engine/api.sock (Destination=/tmp/engine)"),
    "V-235819": ("node1/ports-wildcard", "NetworkSettings.Ports=[0.0.0.0:80->80/tcp] (below 1024"),
    "V-235820": ("node1/ports-wildcard", "NetworkSettings.Ports=[0.0.0.0:80->80/tcp] (wildcard address"),
    "V-235827": ("node1/unhealthy", "State.Health.Status=unhealthy"),
    "V-235828": ("node1/pids-unlimited", "HostConfig.PidsLimit=null"),
    "V-235830": ("node1/user-root", "Config.User=root"),
    "V-235837": ("node1/ports-wildcard", "NetworkSettings.Ports=[0.0.0.0:80->80/tcp] (not in the SSP"),
    "V-235843": ("node1/restart-always", "HostConfig.RestartPolicy.Name=always"),
    "V-235844": ("node1/ulimit-nofile", "HostConfig.Ulimits=[nofile=1024:2048] (not in the SSP"),
}

#: Further cases: (rule, target, status, words).
CASES = [
    ("V-235783", "node1/good", "pass", "Mounts[].Source=/etc/ssl/certs (Destination=/etc/ssl/certs, RW=false): read-only"),
    ("V-235783", "node1/kube-proxy", "open", "Mounts[].Source=/etc"),  # the check greps kubelet, not kube
    ("V-235783", "node1/ucp-agent", "not_applicable", "system container excluded"),
    ("V-235784", "node1/ucp-agent", "not_applicable", "system container excluded"),
    ("V-235785", "node1/ipc-shareable", "pass", "HostConfig.IpcMode=shareable"),
    ("V-235799", "node2/apparmor-unconfined", "not_applicable", "node2 does not use apparmor"),
    ("V-235799", "node1/privileged", "open", "AppArmorProfile=unconfined"),
    ("V-235800", "node1/good", "not_applicable", "node1 does not use selinux"),
    ("V-235801", "node1/privileged", "open", "HostConfig.Privileged=true (all capabilities)"),
    ("V-235802", "node1/stopped-privileged", "open", "HostConfig.Privileged=true"),
    ("V-235803", "node1/pid-host", "not_applicable", "HostConfig.PidMode=host"),
    ("V-235803", "node1/stopped-privileged", "not_applicable", "container is stopped; the STIG checks running containers (docker ps)"),
    ("V-235804", "node1/stopped-privileged", "not_applicable", "container is stopped"),
    ("V-235806", "node1/ucp-agent", "open", "HostConfig.Memory=0"),  # no exclusion in this check
    ("V-235807", "node1/cpu-shares-0", "open", "HostConfig.CpuShares=0"),
    ("V-235807", "node1/cpu-quota", "open", "HostConfig.CpuShares=0"),
    ("V-235809", "node1/device-fuse-rwm", "open", "/dev/fuse:/dev/fuse:rwm"),
    ("V-235818", "node1/socket-default", "open", "Mounts[].Source=/var/run/docker.sock"),
    ("V-235818", "node1/run-dir", "open", "Mounts[].Source=/run (Destination=/host-run)"),
    ("V-235818", "node1/ucp-agent", "not_applicable", "system container excluded"),
    ("V-235819", "node1/stopped-privileged", "open", "HostConfig.PortBindings=[:22->22/tcp] (below 1024"),
    ("V-235820", "node1/stopped-privileged", "not_applicable", "container is stopped"),
    ("V-235827", "node1/no-healthcheck", "open", "State.Health absent"),
    ("V-235827", "node1/stopped-privileged", "not_applicable", "container is stopped"),
    ("V-235830", "node1/user-unset", "open", 'Config.User=""'),
    ("V-235830", "node1/stopped-privileged", "open", "Config.User=0"),
    ("V-235843", "node1/restart-unless-stopped", "open", "HostConfig.RestartPolicy.Name=unless-stopped"),
    ("V-235843", "node1/restart-on-failure-0", "open", "MaximumRetryCount=0"),
    ("V-235843", "node1/restart-on-failure-10", "open", "MaximumRetryCount=10"),
]


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    return run_audit([*BASE, f"--ssp={DATA}/containers-ssp.yaml"], tmp_path_factory.mktemp("containers"))


@pytest.mark.parametrize("rule", RULES)
def test_good_passes_and_bad_is_open(audit, rule):
    good = "node2/good" if rule == "V-235800" else "node1/good"
    assert audit.status(rule, good) == "pass", audit.result(rule, good).message
    target, words = OPEN[rule]
    audit.expect(rule, target, "open", words)
    assert "; required: " in audit.result(rule, target).message


@pytest.mark.parametrize("rule, target, status, words", CASES)
def test_edge_cases(audit, rule, target, status, words):
    audit.expect(rule, target, status, words)


OVERRIDES = """
containers:
  allowed_ports:
    - {container: "node./.*", allow: ["10.0.0.5:8443:443/tcp"]}
    - {container: node1/ports-wildcard, allow: ["80/tcp"]}
  allowed_devices: [{allow: ["/dev/fuse:rw"]}]
  allowed_capabilities: [{container: node1/caps-added, allow: [net_admin, SYS_ADMIN]}]
  allowed_ulimits: [{container: node1/ulimit-nofile, allow: ["nofile=1024:2048"]}]
  allowed_cgroup_parents: [{container: node1/cgroup-custom, allow: [/custom]}]
  ipc_shareable_is_finding: true
  unless_stopped_is_finding: false
  on_failure_unlimited_is_finding: false
  accept_cpu_quota_equivalent: true
  apparmor_allowed_profiles: [docker-default, unconfined]
  exceptions:
    - {rule: V-235802, container: node1/privileged, reason: "vendor appliance, SSP 4.2"}
"""


@pytest.fixture(scope="module")
def overridden(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("overrides")
    (tmp / "ssp.yaml").write_text(OVERRIDES)
    return run_audit([*BASE, f"--ssp={tmp / 'ssp.yaml'}"], tmp / "reports")


@pytest.mark.parametrize("rule, target, status, words", [
    ("V-235801", "node1/caps-added", "pass", "HostConfig.CapAdd=[NET_ADMIN CAP_SYS_ADMIN]"),
    ("V-235801", "node1/privileged", "open", "HostConfig.Privileged=true"),
    ("V-235802", "node1/privileged", "not_applicable", "exception in the SSP: vendor appliance, SSP 4.2"),
    ("V-235802", "node1/stopped-privileged", "open", "HostConfig.Privileged=true"),
    ("V-235804", "node1/ports-wildcard", "pass", "NetworkSettings.Ports=[0.0.0.0:80->80/tcp]"),
    ("V-235820", "node1/ports-wildcard", "open", "wildcard address"),
    ("V-235844", "node1/ulimit-nofile", "pass", "HostConfig.Ulimits=[nofile=1024:2048]"),
    ("V-235815", "node1/cgroup-custom", "pass", "HostConfig.CgroupParent=/custom"),
    ("V-235785", "node1/ipc-shareable", "open", "HostConfig.IpcMode=shareable"),
    ("V-235843", "node1/restart-unless-stopped", "pass", "unless-stopped"),
    ("V-235843", "node1/restart-on-failure-0", "pass", "MaximumRetryCount=0"),
    ("V-235843", "node1/restart-always", "open", "always"),
    ("V-235807", "node1/cpu-quota", "pass", "NanoCpus=500000000"),
    ("V-235807", "node1/cpu-shares-0", "open", "HostConfig.CpuShares=0"),
    ("V-235799", "node1/apparmor-unconfined", "open", "AppArmorProfile=unconfined"),  # never valid
])
def test_ssp_overrides(overridden, rule, target, status, words):
    overridden.expect(rule, target, status, words)


def test_bad_ssp_value_stops_the_audit(tmp_path):
    (tmp_path / "ssp.yaml").write_text("containers: {allowed_ports: [{allow: 80}]}")
    run = run_audit([*BASE, f"--ssp={tmp_path / 'ssp.yaml'}"], tmp_path / "reports")
    assert run.returncode == 4
    assert "ssp.yaml: containers.allowed_ports[0].allow: expected a list of strings, got int" in run.stderr + run.stdout
