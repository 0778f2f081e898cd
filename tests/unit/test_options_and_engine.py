"""Option precedence (ini < env < CLI), read-only enforcement, and the batched host command."""

import subprocess

import pytest

from dockerstig.collect.engine import ReadOnlyAPIClient, ReadOnlyViolation, bundle_endpoint, EndpointError
from dockerstig.collect.hostscript import build_script, parse_output
from tests.integration.audit import ROOT, run_audit
from tests.unit.snapshots import synthetic_snapshot, write_snapshot


def test_every_write_method_is_refused_before_it_leaves():
    api = ReadOnlyAPIClient(base_url="unix:///nonexistent.sock", version="1.41")
    for call in (lambda: api.create_container("busybox"), lambda: api.remove_container("x"),
                 lambda: api.exec_create("x", "ps"), lambda: api.kill("x")):
        with pytest.raises(ReadOnlyViolation, match="dockerstig only reads"):
            call()


def test_bundle_without_env_sh_is_one_clear_error(tmp_path):
    with pytest.raises(EndpointError, match="env.sh does not set DOCKER_HOST"):
        bundle_endpoint(str(tmp_path))


def test_batched_command_runs_locally_and_only_reads(tmp_path):
    out = subprocess.run(["sh", "-c", build_script()], capture_output=True, text=True, timeout=120).stdout
    sections = parse_output(out)
    assert {"hostname", "os_release", "stat", "daemon_json", "docker_info", "containers"} <= set(sections)
    assert sections["stat"]["entries"], "stat saw nothing"
    for word in (" rm ", " mv ", " cp ", "mkdir", "touch", " > /", "docker run", "docker exec", "tee "):
        assert word not in build_script()


def test_precedence_ini_env_cli(tmp_path):
    data = synthetic_snapshot()
    data["nodes"] = [n for n in data["nodes"] if n["name"] != "dark"]  # no errors, one CAT II finding
    snap = write_snapshot(tmp_path / "s.json", data)
    ini = tmp_path / "pytest.ini"
    ini.write_text((ROOT / "pytest.ini").read_text() + "dockerstig_fail_on = cat1\n")
    base = ["--snapshot", str(snap), "-k", "V-235792"]  # only a CAT II finding
    env_run = subprocess.run(
        [*_pytest(ini), *_eq(base), f"--reports-dir={tmp_path / 'a'}"], cwd=ROOT, capture_output=True, text=True)
    assert env_run.returncode == 0, env_run.stdout[-500:]  # ini: fail only on CAT I
    env = {"DOCKERSTIG_FAIL_ON": "cat2", "PATH": "/usr/bin:/bin"}
    env_over = subprocess.run([*_pytest(ini), *_eq(base), f"--reports-dir={tmp_path / 'b'}"],
                              cwd=ROOT, capture_output=True, text=True, env=env)
    assert env_over.returncode == 1  # env beats ini
    cli_over = subprocess.run([*_pytest(ini), *_eq(base), "--fail-on=none", f"--reports-dir={tmp_path / 'c'}"],
                              cwd=ROOT, capture_output=True, text=True, env=env)
    assert cli_over.returncode == 0  # CLI beats env
    assert "dockerstig: fail_on = none" in cli_over.stdout


def test_help_lists_options_with_ini_and_env(tmp_path):
    out = subprocess.run([*_pytest(ROOT / "pytest.ini"), "--help"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "--trust-server" in out and "DOCKERSTIG_TRUST_SERVER" in out and "dockerstig_ssp" in out


def test_report_header_redacts_secrets(tmp_path):
    snap = write_snapshot(tmp_path / "s.json")
    key = tmp_path / "key.pem"
    key.write_text("x")
    run = run_audit(["--snapshot", str(snap), "--engine-tls-key", str(key), "-k", "V-235792"], tmp_path, quiet=False)
    assert "engine_tls_key = <redacted>" in run.stdout and str(key) not in run.stdout


def _pytest(ini):
    import sys
    return [sys.executable, "-m", "pytest", "-c", str(ini), f"--rootdir={ROOT}", "-p", "no:cacheprovider"]


def _eq(args):
    from tests.integration.audit import _joined
    return _joined(args)


def test_bundle_zip_is_read_like_the_directory(tmp_path):
    import zipfile
    bundle = tmp_path / "ucp-bundle-admin.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("env.sh", "export DOCKER_HOST=tcp://ucp.example:443\n")
        for pem in ("ca.pem", "cert.pem", "key.pem"):
            zf.writestr(pem, "-----BEGIN X-----\n")
    endpoint = bundle_endpoint(str(bundle))
    assert endpoint.url == "tcp://ucp.example:443" and endpoint.verify and endpoint.uses_tls
    assert endpoint.describe() == f"tcp://ucp.example:443 (TLS, server verified) via client bundle {bundle}"


def test_with_no_target_the_local_host_is_audited(tmp_path):
    run = run_audit(["-k", "V-235867"], tmp_path)
    import socket
    assert [r.target_id for r in run.results] == [socket.gethostname()]
    assert run.results[0].status in ("pass", "open")  # read from the real local files
