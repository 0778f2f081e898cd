"""Unit tests of dockerstig/container_rules.py and the container keys of the SSP file."""

import pytest

from dockerstig import container_rules as cr
from dockerstig.settings import SettingsError, load_settings_text
from dockerstig.snapshot import Container, Node
from dockerstig.verdict import CouldNotLook, Finding, NotApplicable


def make(name="web", node="node1", host=None, security=("name=apparmor",), **attrs):
    raw = {"name": node, "host": host, "docker": {"info": {"SecurityOptions": list(security)}}}
    return Container(Node(raw), {"Name": f"/{name}", "State": {"Running": True}, **attrs})


def ssp(text):
    return load_settings_text(text, "ssp.yaml")


# --- exceptions and applicability ---------------------------------------------------------------
def test_exception_applies_to_its_rule_and_container_only():
    settings = ssp("containers: {exceptions: [{rule: V-235802, container: node1/web, reason: vendor appliance}]}")
    assert cr.exception_for(make("web"), settings, "V-235802") == "vendor appliance"
    assert cr.exception_for(make("web"), settings, "V-235801") is None
    assert cr.exception_for(make("web2"), settings, "V-235802") is None
    assert cr.exception_for(make("web", node="node2"), settings, "V-235802") is None


def test_stopped_is_not_applicable_for_running_only_rules():
    with pytest.raises(NotApplicable, match=r"container is stopped; the STIG checks running containers \(docker ps\)"):
        cr.skip_stopped(make(State={"Running": False}))
    cr.skip_stopped(make())


@pytest.mark.parametrize("security, lsm, applies", [
    (["name=apparmor", "name=seccomp,profile=default"], "apparmor", True),
    (["name=seccomp,profile=default"], "apparmor", False),
    (["name=seccomp,profile=default", "name=selinux"], "selinux", True),
    (["name=apparmor"], "selinux", False),
])
def test_lsm_rules_apply_only_where_the_engine_uses_the_module(security, lsm, applies):
    container = make(security=security)
    if applies:
        cr.skip_without_lsm(container, lsm)
    else:
        with pytest.raises(NotApplicable, match=f"does not use {lsm}"):
            cr.skip_without_lsm(container, lsm)


def test_lsm_rules_cannot_look_without_docker_info():
    with pytest.raises(CouldNotLook, match="docker info gave no SecurityOptions"):
        cr.skip_without_lsm(Container(Node({"name": "node1", "docker": {}}), {"Name": "/web"}), "apparmor")


# --- allow-lists --------------------------------------------------------------------------------
def test_allowances_match_the_full_target_id():
    settings = ssp("containers: {allowed_capabilities: [{container: 'node./web', allow: [cap_net_admin]},"
                   " {allow: [CHOWN]}]}")
    assert cr.allowed(make("web"), settings.containers.allowed_capabilities) == ["cap_net_admin", "CHOWN"]
    assert cr.allowed(make("webapp"), settings.containers.allowed_capabilities) == ["CHOWN"]
    assert cr.excess_capabilities(make("web", HostConfig={"CapAdd": ["NET_ADMIN", "SYS_ADMIN", "ALL"]}), settings) \
        == ["SYS_ADMIN", "ALL"]


@pytest.mark.parametrize("entry, covered", [
    ("443/tcp", True), ("443", True), ("8443:443/tcp", True), ("10.0.0.5:8443:443/tcp", True),
    ("10.0.0.5::443/tcp", True), ("10.0.0.6:8443:443/tcp", False), ("9443:443/tcp", False),
    ("443/udp", False), ("[::1]:8443:443/tcp", False),
])
def test_port_entries_in_docker_run_notation(entry, covered):
    assert cr.port_documented(cr.Binding("10.0.0.5", "8443", "443/tcp"), [entry]) is covered


def test_bindings_of_running_and_stopped_containers():
    ports = {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "443/tcp": None}
    running = make(NetworkSettings={"Ports": ports}, HostConfig={"PortBindings": {}})
    stopped = make(State={"Running": False}, NetworkSettings={"Ports": {}}, HostConfig={"PortBindings": ports})
    assert [str(b) for b in cr.bindings(running)] == [str(b) for b in cr.bindings(stopped)] == ["0.0.0.0:8080->80/tcp"]


def test_require_documented_ports_names_the_field_and_the_value():
    container = make(NetworkSettings={"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "80"}]}})
    with pytest.raises(Finding, match=r"^NetworkSettings.Ports=\[0.0.0.0:80->80/tcp\] \(not in the SSP: 0.0.0.0:80->80/tcp\)"):
        cr.require_documented_ports(container, ssp(""))
    cr.require_documented_ports(container, ssp("containers: {allowed_ports: [{container: node1/web, allow: ['80/tcp']}]}"))


@pytest.mark.parametrize("perms, entry, approved", [
    ("rw", "/dev/fuse", True), ("rw", "/dev/fuse:rwm", True), ("rwm", "/dev/fuse:rw", False),
    ("r", "/dev/fuse:rw", True), ("rw", "/dev/sda", False),
])
def test_device_entries(perms, entry, approved):
    device = {"PathOnHost": "/dev/fuse", "PathInContainer": "/dev/fuse", "CgroupPermissions": perms}
    assert cr.device_approved(device, [entry]) is approved


@pytest.mark.parametrize("entry, approved", [
    ("nofile", True), ("nofile=1024:2048", True), ("nofile=1024", False), ("nproc", False), ("nofile=2048:2048", False),
])
def test_ulimit_entries(entry, approved):
    assert cr.ulimit_approved({"Name": "nofile", "Soft": 1024, "Hard": 2048}, [entry]) is approved


# --- security options, paths, sockets -----------------------------------------------------------
def test_security_opts_read_both_separators_and_bare_flags():
    container = make(HostConfig={"SecurityOpt": ["label:disable", "seccomp=unconfined", "no-new-privileges",
                                                 "apparmor=my:profile"]})
    assert cr.security_opts(container) == [("label", "disable"), ("seccomp", "unconfined"),
                                           ("no-new-privileges", "true"), ("apparmor", "my:profile")]


@pytest.mark.parametrize("path, root, within", [
    ("/etc", "/etc", True), ("/etc/", "/etc", True), ("/etc/ssl", "/etc", True), ("/etcd", "/etc", False),
    ("/", "/", True), ("/srv", "/", False), ("/var/run/x", "/run", True), ("/usr/../etc", "/etc", True),
])
def test_is_within(path, root, within):
    assert cr.is_within(path, root) is within


def test_daemon_sockets_from_dockerd_argv():
    argv = "/usr/bin/dockerd\n-H\nfd://\n--host=unix:///srv/a.sock\n-Hunix:///srv/b.sock\n-H\ntcp://0.0.0.0:2376\n"
    node = make(host={"dockerd_cmdline": {"rc": 0, "text": argv}}).node
    assert cr.daemon_sockets(node) == [*cr.DEFAULT_SOCKETS, "/srv/a.sock", "/srv/b.sock"]


@pytest.mark.parametrize("host", [None, {}, {"dockerd_cmdline": {"rc": 1, "text": ""}}])
def test_daemon_sockets_default_without_argv(host):
    assert cr.daemon_sockets(make(host=host).node) == list(cr.DEFAULT_SOCKETS)


@pytest.mark.parametrize("source, destination, exposed", [
    ("/var/run/docker.sock", "/var/run/docker.sock", True),
    ("/srv/a.sock", "/tmp/engine", True),              # the daemon's own socket, renamed
    ("/run", "/host-run", True),                       # a directory holding the socket
    ("/", "/host", True),
    ("/tmp/x", "/run/docker_engine", True),            # the STIG's literal grep
    ("/srv/data", "/data", False),
    ("/run/containerd", "/c", False),
])
def test_exposes_socket(source, destination, exposed):
    mount = {"Type": "bind", "Source": source, "Destination": destination}
    assert cr.exposes_socket(mount, [*cr.DEFAULT_SOCKETS, "/srv/a.sock"]) is exposed


# --- SSP validation -----------------------------------------------------------------------------
def test_container_defaults():
    c = ssp("").containers
    assert c.sensitive_host_paths == ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"]
    assert (c.apparmor_allowed_profiles, c.max_restart_retries, c.system_patterns) == (["docker-default"], 5, ["ucp", "kube", "dtr"])
    assert (c.ipc_shareable_is_finding, c.unless_stopped_is_finding, c.on_failure_unlimited_is_finding) == (False, True, True)
    assert (c.accept_cpu_quota_equivalent, c.accept_daemon_no_new_privileges, c.exceptions) == (False, False, [])


@pytest.mark.parametrize("text, message", [
    ("containers: {sensitive_host_paths: /etc}", "containers.sensitive_host_paths: expected a list of strings, got str"),
    ("containers: {max_restart_retries: '5'}", "containers.max_restart_retries: expected integer, got str"),
    ("containers: {max_restart_retries: -1}", "containers.max_restart_retries: expected 0 or more, got -1"),
    ("containers: {ipc_shareable_is_finding: 'no'}", "containers.ipc_shareable_is_finding: expected boolean, got str"),
    ("containers: {allowed_ports: ['80/tcp']}", "containers.allowed_ports[0]: expected a mapping, got str"),
    ("containers: {allowed_ports: [{allow: 80}]}", "containers.allowed_ports[0].allow: expected a list of strings, got int"),
    ("containers: {allowed_devices: [{container: '(', allow: []}]}", "containers.allowed_devices[0].container: not a valid regular expression"),
    ("containers: {allowed_ulimits: [{name: nofile}]}", "containers.allowed_ulimits[0].name: unknown key"),
    ("containers: {system_patterns: ['[']}", "containers.system_patterns[0]: not a valid regular expression"),
    ("containers: {exceptions: [{rule: '235802', container: x, reason: y}]}", "containers.exceptions[0].rule: expected a V-ID like V-235804, got '235802'"),
    ("containers: {exceptions: [{rule: V-235802, reason: y}]}", "containers.exceptions[0].container: a regex on the target id node/name is required"),
    ("containers: {exceptions: [{rule: V-235802, container: x}]}", "containers.exceptions[0].reason: the SSP justification must not be empty"),
    ("containers: {exceptions: {rule: V-235802}}", "containers.exceptions: expected a list of mappings, got dict"),
])
def test_bad_container_keys_name_file_and_key(text, message):
    with pytest.raises(SettingsError) as info:
        ssp(text)
    assert str(info.value).startswith(f"ssp.yaml: {message}")
