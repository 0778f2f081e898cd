"""Scenario files: the default one is valid; a bad one is one line naming the file and the key."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lab import containers, scenario

ROOT = Path(__file__).resolve().parents[2]
CONTAINER_KEYS = scenario.SCHEMA["$defs"]["container"]["properties"]


def test_default_scenario_is_valid():
    assert set(scenario.load()["nodes"]) == {"node1", "node2", "node3"}


def test_every_container_key_becomes_a_docker_run_flag():
    mapped = {*containers.VALUE_FLAGS, *containers.LIST_FLAGS, *containers.BOOL_FLAGS}
    handled_apart = {"name", "description", "image", "command", "state", "healthcheck"}
    assert set(CONTAINER_KEYS) == mapped | handled_apart


def test_run_args_map_keys_to_flags():
    args = containers.run_args({"name": "x", "image": "signed", "restart": "on-failure:5",
                                "cap_add": ["NET_ADMIN"], "read_only": True,
                                "healthcheck": {"cmd": "true", "expect": "healthy"}})
    assert args == ["run", "--detach", "--name", "x", "--network", "none",
                    "--restart", "on-failure:5", "--cap-add", "NET_ADMIN", "--read-only",
                    "--health-cmd", "true", "--health-interval", "1s", "--health-retries", "1",
                    "10.213.7.1:5000/app/busybox:signed"]


BAD = [
    ({"nodes": {"node1": {"containers": [{"name": "a", "image": "signed", "restart": "sometimes"}]}}},
     "nodes.node1.containers[0].restart", "'sometimes' does not match"),
    ({"nodes": {"node1": {"containers": [{"name": "a", "image": "alpine"}]}}},
     "nodes.node1.containers[0].image", "'alpine' is not one of"),
    ({"nodes": {"node1": {"containers": [{"name": "a", "image": "signed", "privilegd": True}]}}},
     "nodes.node1.containers[0]", "'privilegd' was unexpected"),
    ({"nodes": {"host1": {}}}, "nodes", "'host1' does not match"),
    ({"nodes": {"node2": {"files": [{"path": "/usr/bin/docker", "mode": "0755"}]}}},
     "nodes.node2.files[0].path", "not a per-node path"),
    ({"nodes": {"node2": {"files": [{"path": "/etc/docker/daemon.json", "mode": "rw"}]}}},
     "nodes.node2.files[0].mode", "'rw' does not match"),
    ({"nodes": {"node2": {"containers": [{"name": "a", "image": "root_local"}]}}},
     "nodes.node2.containers[0].image", "exists only on node1"),
    ({"nodes": {"node1": {"containers": [{"name": "a", "image": "signed", "network": "labnet"}]}}},
     "nodes.node1.containers[0].network", "undeclared network 'labnet'"),
    ({"nodes": {"node1": {"containers": [{"name": "a", "image": "signed"},
                                          {"name": "a", "image": "unsigned"}]}}},
     "nodes.node1.containers", "container name 'a' used twice"),
    ({"swarm": {"services": [{"name": "s", "image": "signed", "secrets": ["nope"]}]}, "nodes": {}},
     "swarm.services[0].secrets[0]", "undeclared secret 'nope'"),
    ({"nodes": {"node1": {"files": [{"path": "/etc/default/docker", "absent": True, "mode": "0644"}]}}},
     "nodes.node1.files[0].path", "absent: true takes no other keys"),
]


@pytest.mark.parametrize("data, key, words", BAD, ids=[key for _, key, _ in BAD])
def test_bad_scenario_names_file_and_key(tmp_path, data, key, words):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(scenario.ScenarioError) as caught:
        scenario.load(path)
    assert str(caught.value).startswith(f"scenario {path}: {key}: ")
    assert words in str(caught.value)


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("nodes:\n  node1: {containers: [\n")
    with pytest.raises(scenario.ScenarioError, match=rf"^scenario {path}: line \d+: not valid YAML"):
        scenario.load(path)


def test_command_line_prints_one_line_and_fails(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps({"nodes": {"node1": {"daemon": "not a mapping"}}}))
    done = subprocess.run([sys.executable, "-m", "lab", "up", "--scenario", str(path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (f"lab: scenario {path}: nodes.node1.daemon: "
                           "'not a mapping' is not of type 'object'\n")
