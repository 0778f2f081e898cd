"""What the scenario file asks for is what the lab shows: container inspect values, host files
with their owners and modes, daemon settings and swarm objects. Driven by the scenario itself."""

import base64
import grp
import json
import pwd
import shlex

import docker
import pytest
import testinfra

from lab import scenario

SIZES = {"b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def _ports(specs):
    """["10.213.7.12:8081:80", "8080:80"] -> docker's PortBindings."""
    bindings = {}
    for spec in specs:
        *host, port = spec.split(":")
        ip, host_port = host if len(host) == 2 else ["", host[0]]
        bindings.setdefault(f"{port}/tcp", []).append({"HostIp": ip, "HostPort": host_port})
    return bindings


def _mounts(specs):
    """["/etc:/host/etc:ro"] -> {(Source, Destination, RW, Propagation)}."""
    seen = set()
    for spec in specs:
        source, dest, *opts = spec.split(":")
        options = opts[0].split(",") if opts else []
        propagation = next((o for o in options if "shared" in o or "slave" in o), "rprivate")
        seen.add((source, dest, "ro" not in options, propagation))
    return seen


def _caps(names):
    return sorted(n.upper().removeprefix("CAP_") for n in names or [])


def _ulimits(specs):
    return [{"Name": s.split("=")[0], "Soft": int(s.split("=")[1].split(":")[0]),
             "Hard": int(s.split("=")[1].split(":")[-1])} for s in specs]


def _restart(value):
    name, _, count = value.partition(":")
    return {"Name": name, "MaximumRetryCount": int(count or 0)}


def _hc(key):
    return lambda attrs: attrs["HostConfig"][key]


#: scenario key -> (what docker inspect shows, what the scenario's value means there)
FIELDS = {
    "image": (lambda a: a["Config"]["Image"], lambda v, env: env["images"][v]),
    "command": (lambda a: a["Config"]["Cmd"], lambda v, env: v),
    "state": (lambda a: a["State"]["Status"], lambda v, env: {"stopped": "exited"}.get(v, v)),
    "user": (lambda a: a["Config"]["User"], lambda v, env: v),
    "privileged": (_hc("Privileged"), lambda v, env: v),
    "pid": (_hc("PidMode"), lambda v, env: v),
    "ipc": (_hc("IpcMode"), lambda v, env: v),
    "uts": (_hc("UTSMode"), lambda v, env: v),
    "userns": (_hc("UsernsMode"), lambda v, env: v),
    "network": (_hc("NetworkMode"), lambda v, env: v),
    "ports": (_hc("PortBindings"), lambda v, env: _ports(v)),
    "volumes": (lambda a: {(m["Source"], m["Destination"], m["RW"], m["Propagation"])
                           for m in a["Mounts"]}, lambda v, env: _mounts(v)),
    "devices": (_hc("Devices"), lambda v, env: [
        {"PathOnHost": s.split(":")[0], "PathInContainer": s.split(":")[1],
         "CgroupPermissions": "rwm"} for s in v]),
    "cap_add": (lambda a: _caps(a["HostConfig"]["CapAdd"]), lambda v, env: _caps(v)),
    "cap_drop": (lambda a: _caps(a["HostConfig"]["CapDrop"]), lambda v, env: _caps(v)),
    "security_opt": (_hc("SecurityOpt"), lambda v, env: v),
    "read_only": (_hc("ReadonlyRootfs"), lambda v, env: v),
    "memory": (_hc("Memory"), lambda v, env: int(v[:-1]) * SIZES[v[-1]]),
    "cpu_shares": (_hc("CpuShares"), lambda v, env: v),
    "pids_limit": (_hc("PidsLimit"), lambda v, env: v),
    "restart": (_hc("RestartPolicy"), lambda v, env: _restart(v)),
    "ulimits": (_hc("Ulimits"), lambda v, env: _ulimits(v)),
    "cgroup_parent": (_hc("CgroupParent"), lambda v, env: v),
    "healthcheck": (lambda a: (a["Config"]["Healthcheck"]["Test"], a["State"]["Health"]["Status"]),
                    lambda v, env: (["CMD-SHELL", v["cmd"]], v["expect"])),
}


def _scenario(lab):
    return scenario.load(lab["scenario"])


def test_every_container_key_is_checked_here():
    assert set(scenario.SCHEMA["$defs"]["container"]["properties"]) - {"name", "description"} \
        == set(FIELDS)


@pytest.fixture(scope="module")
def inspected(lab):
    """docker inspect of every container the scenario names, keyed by (node, name)."""
    data = _scenario(lab)
    seen = {}
    for node in lab["nodes"]:
        engine = docker.DockerClient(base_url=node["docker_host"])
        for spec in scenario.node_spec(data, node["name"]).get("containers", []):
            seen[(node["name"], spec["name"])] = engine.api.inspect_container(spec["name"])
    return seen


def test_each_scenario_container_has_exactly_the_settings_asked_for(lab, inspected):
    wrong = []
    data = _scenario(lab)
    for node, conf in data["nodes"].items():
        for spec in conf.get("containers", []):
            attrs = inspected[(node, spec["name"])]
            for key, value in {"network": "none", "state": "running", **spec}.items():
                if key in ("name", "description"):
                    continue
                shown, meant = FIELDS[key][0](attrs), FIELDS[key][1](value, lab)
                if shown != meant:
                    wrong.append(f"{node}/{spec['name']} {key}: inspect {shown!r}, scenario {meant!r}")
    assert not wrong, "\n".join(wrong)


def test_sshd_container_runs_a_process_named_sshd(lab, inspected):
    data = _scenario(lab)
    for node in lab["nodes"]:
        engine = docker.DockerClient(base_url=node["docker_host"])
        for spec in scenario.node_spec(data, node["name"]).get("containers", []):
            if spec.get("command") == ["/usr/sbin/sshd"]:
                top = engine.api.top(spec["name"], ps_args="-eo pid,comm")
                assert "sshd" in {row[1] for row in top["Processes"]}


@pytest.fixture(scope="module")
def node_files(lab):
    """Per node, in one round trip: (stat 'uid gid mode' or 'absent', content) of its files."""
    data = _scenario(lab)
    found = {}
    for node in lab["nodes"]:
        conf = scenario.node_spec(data, node["name"])
        paths = [f["path"] for f in conf.get("files", [])] + ["/etc/docker/daemon.json"]
        script = ("for p in " + " ".join(shlex.quote(p) for p in paths) + "; do "
                  "if [ -e \"$p\" ]; then echo \"$(stat -c '%u %g %a' \"$p\") "
                  "$([ -f \"$p\" ] && base64 -w0 \"$p\")\"; else echo absent; fi; done")
        host = testinfra.get_host(node["hostspec"], ssh_config=lab["ssh_config"])
        lines = host.check_output(script).splitlines()
        found[node["name"]] = {
            path: (" ".join(line.split()[:3]),
                   base64.b64decode(line.split()[3]).decode() if len(line.split()) > 3 else None)
            for path, line in zip(paths, lines)}
    return found


def _stat_meant(entry: dict, shown: str) -> str:
    """What stat should show for a scenario file entry: 'uid gid mode' or 'absent'."""
    if entry.get("absent"):
        return "absent"
    uid, gid, mode = shown.split() if shown != "absent" else ("-", "-", "-")
    if "owner" in entry:
        owner = entry["owner"]
        uid = str(owner if isinstance(owner, int) else pwd.getpwnam(owner).pw_uid)
    if "group" in entry:
        group = entry["group"]
        gid = str(group if isinstance(group, int) else grp.getgrnam(group).gr_gid)
    if "mode" in entry:
        mode = f"{int(entry['mode'], 8):o}"
    return f"{uid} {gid} {mode}"


def test_host_files_have_the_owners_modes_and_content_asked_for(lab, node_files):
    wrong = []
    for node, conf in _scenario(lab)["nodes"].items():
        for entry in conf.get("files", []):
            shown, content = node_files[node][entry["path"]]
            if shown != _stat_meant(entry, shown):
                wrong.append(f"{node}:{entry['path']} is {shown!r}, "
                             f"scenario says {_stat_meant(entry, shown)!r}")
            if "content" in entry and content != entry["content"]:
                wrong.append(f"{node}:{entry['path']} has content {content!r}")
    assert not wrong, "\n".join(wrong)


def test_daemon_json_is_the_scenario_daemon_setting(lab, node_files):
    data = _scenario(lab)
    for node in lab["nodes"]:
        conf = scenario.node_spec(data, node["name"])
        stat, content = node_files[node["name"]]["/etc/docker/daemon.json"]
        if "daemon" in conf:
            assert json.loads(content) == conf["daemon"], node["name"]
        else:
            assert stat == "absent", node["name"]


def test_dockerd_runs_with_the_scenario_flags(lab):
    data = _scenario(lab)
    for node in lab["nodes"]:
        host = testinfra.get_host(node["hostspec"], ssh_config=lab["ssh_config"])
        argv = host.check_output("tr '\\0' '\\n' < /proc/$(cat /var/run/docker.pid)/cmdline")
        flags = scenario.node_spec(data, node["name"]).get("dockerd_flags", [])
        wanted = [f.replace("{address}", node["address"]) for f in flags]
        argv = argv.splitlines()
        assert argv[0] == "dockerd" and argv[len(argv) - len(wanted):] == wanted, argv


def test_engines_report_the_daemon_settings(lab):
    """Spot checks of what the scenario's daemon.json changes in `docker info`."""
    data = _scenario(lab)
    for node in lab["nodes"]:
        daemon = scenario.node_spec(data, node["name"]).get("daemon", {})
        info = docker.DockerClient(base_url=node["docker_host"]).info()
        assert info["LoggingDriver"] == daemon.get("log-driver", "json-file")
        assert info["ExperimentalBuild"] is daemon.get("experimental", False)
        insecure = set(info["RegistryConfig"]["InsecureRegistryCIDRs"]) | {
            name for name, index in info["RegistryConfig"]["IndexConfigs"].items()
            if not index["Secure"]}
        assert set(daemon.get("insecure-registries", [])) <= insecure
        assert ("name=userns" in info["SecurityOptions"]) is ("userns-remap" in daemon)


def test_swarm_objects_are_the_scenario_ones(lab):
    wanted = _scenario(lab).get("swarm", {})
    manager = docker.DockerClient(base_url=lab["nodes"][0]["docker_host"])
    for net in wanted.get("networks", []):
        options = manager.networks.get(net["name"]).attrs["Options"] or {}
        assert ("encrypted" in options) is net.get("encrypted", False), net
    assert {s.name for s in manager.secrets.list()} == {s["name"] for s in wanted.get("secrets", [])}
    services = {s.name: s for s in manager.services.list()}
    for spec in wanted.get("services", []):
        service = services[spec["name"]]
        running = [t for t in service.tasks() if t["Status"]["State"] == "running"]
        assert len(running) == spec.get("replicas", 1)
        container = service.attrs["Spec"]["TaskTemplate"]["ContainerSpec"]
        assert container["Image"].split("@")[0] == lab["images"][spec["image"]]
        assert [s["SecretName"] for s in container.get("Secrets", [])] == spec.get("secrets", [])
