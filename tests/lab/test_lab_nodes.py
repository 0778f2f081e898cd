"""Each node is its own host: hostname, sshd (the lab key via ssh_config), dockerd; one swarm."""

import subprocess

import docker
import pytest
import testinfra

from lab import scenario
from lab.envinfo import tcp_hosts


@pytest.fixture(scope="module")
def hosts(lab):
    return {n["name"]: testinfra.get_host(n["hostspec"], ssh_config=lab["ssh_config"])
            for n in lab["nodes"]}


@pytest.fixture(scope="module")
def engines(lab):
    return {n["name"]: docker.DockerClient(base_url=n["docker_host"]) for n in lab["nodes"]}


def test_env_has_the_documented_keys(lab):
    assert {"root", "ssh_config", "hosts", "nodes", "registry", "notary", "ca", "docker_config",
            "tls_endpoint", "images", "scenario"} <= set(lab)
    assert lab["hosts"] == ",".join(n["hostspec"] for n in lab["nodes"])
    assert set(lab["images"]) == {"signed", "unsigned", "nosig", "root_local"}
    assert {tuple(n) for n in lab["nodes"]} == {
        ("name", "address", "role", "hostspec", "docker_host")}


def test_ssh_config_reaches_each_node_by_name(lab):
    for node in lab["nodes"]:
        done = subprocess.run(["ssh", "-F", lab["ssh_config"], node["name"], "hostname"],
                              capture_output=True, text=True, timeout=30)
        assert (done.returncode, done.stdout) == (0, f"{node['name']}\n"), done.stderr


def test_each_node_has_its_own_hostname_address_and_sshd(lab, hosts):
    for node in lab["nodes"]:
        host = hosts[node["name"]]
        assert host.check_output("hostname") == node["name"]
        assert host.check_output("cat /etc/hostname") == node["name"]
        assert f"inet {node['address']}/24" in host.check_output("ip -4 addr show eth0")
        sshd = host.socket(f"tcp://{node['address']}:22")
        assert sshd.is_listening
    listeners = {host.check_output("ss -Hltn 'sport = :22'") for host in hosts.values()}
    assert len(listeners) == len(hosts)


def test_sshd_refuses_passwords(lab):
    done = subprocess.run(["ssh", "-F", lab["ssh_config"], "-o", "ControlPath=none",
                           "-o", "PubkeyAuthentication=no", "-o", "BatchMode=yes",
                           lab["nodes"][0]["name"], "true"], capture_output=True, text=True)
    assert done.returncode == 255 and "Permission denied (publickey)" in done.stderr


def test_each_node_runs_its_own_dockerd_on_its_own_socket(lab, hosts, engines):
    ids = set()
    for node in lab["nodes"]:
        info = engines[node["name"]].info()
        assert info["Name"] == node["name"]
        ids.add(info["ID"])
        # The node's default socket (/var/run/docker.sock, i.e. /run) is its own engine.
        assert hosts[node["name"]].check_output("docker info --format '{{.Name}}'") == node["name"]
    assert len(ids) == len(lab["nodes"])


def test_swarm_has_every_node_and_the_scenario_autolock(lab, engines):
    manager = engines["node1"]
    info = manager.info()["Swarm"]
    assert info["Nodes"] == len(lab["nodes"])
    assert info["Managers"] == sum(n["role"] == "manager" for n in lab["nodes"])
    roles = {n.attrs["Description"]["Hostname"]: n.attrs["Spec"]["Role"] for n in manager.nodes.list()}
    assert roles == {n["name"]: n["role"] for n in lab["nodes"]}
    autolock = scenario.load(lab["scenario"]).get("swarm", {}).get("autolock", False)
    assert manager.swarm.attrs["Spec"]["EncryptionConfig"]["AutoLockManagers"] is autolock


def test_tls_endpoint_answers_with_the_client_certificate_only(lab):
    tls = lab["tls_endpoint"]
    base = ["docker", "-H", tls["host"], "--tlsverify", "--tlscacert", tls["ca"]]
    good = subprocess.run([*base, "--tlscert", tls["cert"], "--tlskey", tls["key"],
                           "info", "--format", "{{.Name}}"], capture_output=True, text=True)
    assert good.returncode == 0 and good.stdout.strip() == "node3", good.stderr
    anonymous = subprocess.run([*base, "info"], capture_output=True, text=True)
    assert anonymous.returncode != 0


def test_plain_tcp_listeners_of_the_scenario_answer(lab):
    data = scenario.load(lab["scenario"])
    for node in lab["nodes"]:
        flags = scenario.node_spec(data, node["name"]).get("dockerd_flags", [])
        if "--tlsverify" in flags:
            continue
        for host in tcp_hosts(flags, node["address"]):
            name = docker.DockerClient(base_url=host.replace("tcp://", "http://")).info()["Name"]
            assert name == node["name"]
