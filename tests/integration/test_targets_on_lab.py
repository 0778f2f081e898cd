"""Every way of pointing the suite at a cluster, against the real lab: swarm discovery, the
paramiko backend, Docker API endpoints (unix socket, TCP with TLS, a UCP-style client bundle)."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from lab.audit import audit_args
from tests.integration.audit import run_audit

RULE = "V-235802"


def _by_target(run):
    return {r.target_id: r.status for r in run.results if r.vuln_id == RULE}


def _lab_args_without_hosts(lab):
    return [a for a in audit_args(lab) if not a.startswith("--hosts")]


def test_swarm_discovery_from_one_manager_finds_every_node(lab, lab_audit, tmp_path):
    run = run_audit([*_lab_args_without_hosts(lab), "--hosts=ssh://node1", "--discover-swarm", "-k", RULE], tmp_path)
    assert "swarm discovery on node1: 2 more node(s)" in run.stdout
    expected = {r.target_id: r.status for r in lab_audit.results if r.vuln_id == RULE}
    assert _by_target(run) == expected


def test_paramiko_backend_reads_the_same_facts(lab, lab_audit, tmp_path):
    run = run_audit([*_lab_args_without_hosts(lab), "--hosts=paramiko://node2", "-k", "V-235867"], tmp_path)
    assert run.status("V-235867", "node2") == lab_audit.status("V-235867", "node2") == "open"


@pytest.fixture
def tls(lab):
    return lab["tls_endpoint"]


def _node3_shell(lab_audit):
    return {t.split("/", 1)[1]: s for t, s in
            ((r.target_id, r.status) for r in lab_audit.results if r.vuln_id == RULE) if t.startswith("node3/")}


def _api(run):
    return {t.split("/", 1)[1]: s for t, s in _by_target(run).items()}


def test_tls_endpoint_gives_what_the_shell_gives(lab, lab_audit, tls, tmp_path):
    run = run_audit([f"--engine={tls['host']}", f"--engine-tls-ca={tls['ca']}", f"--engine-tls-cert={tls['cert']}",
                     f"--engine-tls-key={tls['key']}", "-k", RULE], tmp_path, quiet=False)
    assert "(TLS, server verified)" in run.stdout
    assert _api(run) == _node3_shell(lab_audit)


def test_tls_server_is_verified_unless_told_otherwise(lab, tls, tmp_path):
    wrong_ca = tls["cert"]  # a certificate, but not the CA that signed the server's
    args = [f"--engine={tls['host']}", f"--engine-tls-ca={wrong_ca}", f"--engine-tls-cert={tls['cert']}",
            f"--engine-tls-key={tls['key']}", "-k", RULE]
    refused = run_audit(args, tmp_path / "a")
    assert {r.status for r in refused.results} == {"error"}
    assert any("SSL" in r.message or "certificate" in r.message for r in refused.results)
    unverified = run_audit([*args, "--engine-tls-no-verify"], tmp_path / "b", quiet=False)
    assert "server NOT verified: --engine-tls-no-verify" in unverified.stdout
    assert "error" not in {r.status for r in unverified.results}


def test_client_bundle_directory(lab, lab_audit, tls, tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    for src, dst in ((tls["ca"], "ca.pem"), (tls["cert"], "cert.pem"), (tls["key"], "key.pem")):
        shutil.copyfile(src, bundle / dst)
    (bundle / "env.sh").write_text(f"export DOCKER_TLS_VERIFY=1\nexport DOCKER_CERT_PATH=\"$PWD\"\n"
                                   f"export DOCKER_HOST={tls['host']}\n")
    run = run_audit([f"--client-bundle={bundle}", "-k", RULE], tmp_path / "r")
    assert _api(run) == _node3_shell(lab_audit)


def test_unix_socket_endpoint(lab, lab_audit, tmp_path):
    node1 = next(n for n in lab["nodes"] if n["name"] == "node1")
    run = run_audit([f"--engine={node1['docker_host']}", "-k", RULE], tmp_path)
    shell = {t: s for t, s in ((r.target_id, r.status) for r in lab_audit.results if r.vuln_id == RULE)
             if t.startswith("node1/")}
    assert _by_target(run) == shell


def test_ansible_inventory_hosts(lab, lab_audit, tmp_path, monkeypatch):
    """``ansible://lab`` with an inventory: testinfra expands the group and connects with the
    inventory's user, key and ssh options (ansible-inventory comes from the venv)."""
    root = lab["root"]
    inventory = tmp_path / "inventory.ini"
    inventory.write_text(
        "[lab]\n" + "".join(f"{n['name']} ansible_host={n['address']}\n" for n in lab["nodes"]) +
        f"[lab:vars]\nansible_user=root\nansible_ssh_private_key_file={root}/ssh/id_ed25519\n"
        f"ansible_ssh_common_args='-o UserKnownHostsFile={root}/ssh/known_hosts -o StrictHostKeyChecking=yes'\n")
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    trust = [a for a in audit_args(lab) if a.startswith("--trust")]
    run = run_audit([*trust, "--hosts=ansible://lab", f"--ansible-inventory={inventory}", "-k", "V-235867"], tmp_path / "r")
    assert {r.target_id: r.status for r in run.results} == {
        r.target_id: r.status for r in lab_audit.results if r.vuln_id == "V-235867"}
