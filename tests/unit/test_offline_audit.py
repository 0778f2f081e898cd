"""The audit end to end on a synthetic snapshot (``--snapshot``): outcomes, selection, reports.

The lab integration tests (tests/integration) prove the same against real engines; these run
in seconds and cover cases the lab cannot show (an unreachable node, hostile labels).
"""

import xml.etree.ElementTree as ET

import pytest

from tests.integration.audit import run_audit
from tests.unit.snapshots import synthetic_snapshot, write_snapshot


@pytest.fixture(scope="module")
def snap_file(tmp_path_factory):
    return write_snapshot(tmp_path_factory.mktemp("snap") / "snapshot.json")


#: The rules of the core issue; other checks have their own tests.
CORE = "V-235792 or V-235802 or V-235823 or V-235834 or V-235839 or V-235867 or V-235868"


@pytest.fixture(scope="module")
def audit(snap_file, tmp_path_factory):
    return run_audit(["--snapshot", str(snap_file), "-k", CORE], tmp_path_factory.mktemp("reports"))


@pytest.mark.parametrize("vuln, target, status, words", [
    ("V-235802", "good/web", "pass", "HostConfig.Privileged=false"),
    ("V-235802", "bad/priv", "open", "HostConfig.Privileged=true; required: HostConfig.Privileged=false"),
    ("V-235802", "bad/stopped-priv", "open", "HostConfig.Privileged=true"),
    ("V-235802", "dark/unavailable", "error", "Connection refused"),
    ("V-235867", "good", "pass", "owner root:root"),
    ("V-235867", "bad", "open", "/etc/docker/daemon.json owner nobody:nogroup"),
    ("V-235867", "dark", "error", "Connection refused"),
    ("V-235868", "good", "pass", "mode 0644"),
    ("V-235868", "bad", "open", "/etc/docker/daemon.json mode 0666; required: /etc/docker/daemon.json with mode 0644 or more restrictive"),
    ("V-235792", "good", "pass", "Server.Experimental=false"),
    ("V-235792", "bad", "open", "Server.Experimental=true"),
    ("V-235823", "cluster", "pass", "AutoLockManagers=true"),
    ("V-235839", "good/reg:5000/app/busybox:signed", "pass", "signed Digest"),
    ("V-235839", "bad/reg:5000/app/busybox:unsigned", "open", "SignedTags=[] (tag unsigned is not signed)"),
    ("V-235839", "dark/unavailable", "error", "Connection refused"),
    ("V-235834", "cluster", "not_reviewed", "organisational"),
])
def test_outcome_and_message(audit, vuln, target, status, words):
    audit.expect(vuln, target, status, words)


def test_exit_status_and_summary(audit):
    assert audit.returncode == 1
    assert "open findings by CAT: CAT1 2, CAT2 4, CAT3 0" in audit.stdout
    assert "open findings by asset: bad 6" in audit.stdout


def test_autolock_off_is_open(snap_file, tmp_path):
    off = write_snapshot(tmp_path / "off.json", synthetic_snapshot(autolock=False))
    run = run_audit(["--snapshot", str(off), "-k", "V-235823"], tmp_path / "r")
    assert run.status("V-235823", "cluster") == "open"
    assert "AutoLockManagers=false" in run.result("V-235823", "cluster").message


@pytest.mark.parametrize("selector, expected", [
    ("-k V-235839", {"V-235839"}),
    ("-k V-95711", {"V-235839"}),
    ("-k DKER-EE-003610", {"V-235839"}),
])
def test_selection_by_ids(snap_file, tmp_path, selector, expected):
    run = run_audit(["--snapshot", str(snap_file), *selector.split()], tmp_path)
    assert {r.vuln_id for r in run.results} == expected


@pytest.mark.parametrize("cat, severity", [("cat1", "high"), ("cat2", "medium"), ("cat3", "low")])
def test_selection_by_cat_is_exactly_that_severity(snap_file, audit, tmp_path, cat, severity):
    run = run_audit(["--snapshot", str(snap_file), "-m", cat], tmp_path)
    everything = run_audit(["--snapshot", str(snap_file)], tmp_path / "all").results
    from dockerstig.catalogue import CATALOGUE
    assert {r.nodeid for r in run.results} == {r.nodeid for r in everything if CATALOGUE[r.vuln_id].severity == severity}


def test_collect_only_lists_the_audit_without_running(snap_file, tmp_path):
    run = run_audit(["--snapshot", str(snap_file), "--collect-only"], tmp_path)
    assert run.returncode == 0
    lines = [l for l in run.stdout.splitlines() if "::" in l]
    assert "checks/container/test_v235802.py::test_v235802_container_not_privileged[bad/priv]" in lines
    assert "checks/image/test_v235839.py::test_v235839_image_signed[good/reg:5000/app/busybox:signed]" in lines
    assert all("@" not in l.split("[", 1)[-1] for l in lines)


def test_junit_carries_vid_and_properties(audit):
    tree = ET.parse(audit.reports_dir / "junit.xml")
    case = next(c for c in tree.iter("testcase") if c.get("name").endswith("[bad/priv]"))
    assert "test_v235802" in case.get("classname")
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert props == {"vuln_id": "V-235802", "stig_id": "DKER-EE-001960", "severity": "medium", "target": "bad/priv"}
    failure = case.find("failure")
    assert failure.get("message").startswith("Open: HostConfig.Privileged=true")
    assert len(failure.text.strip().splitlines()) == 1


def test_html_has_stig_columns_and_escapes(audit):
    page = (audit.reports_dir / "report.html").read_text()
    for col in ("V-ID", "STIG ID", "CAT", "Target", "Evidence"):
        assert f">{col}</th>" in page
    assert "<script>alert(1)</script>" not in page


def test_secrets_are_redacted_from_results_and_reports(audit):
    for name in ("results.json", "junit.xml", "report.html"):
        assert "hunter2" not in (audit.reports_dir / name).read_text()


def test_xdist_gives_the_same_outcomes(snap_file, audit, tmp_path):
    run = run_audit(["--snapshot", str(snap_file), "-n", "2", "-k", CORE], tmp_path)
    assert run.outcomes() == audit.outcomes()


@pytest.mark.parametrize("args, message", [
    (["--ssp", "/nonexistent/ssp.yaml"], "ERROR: /nonexistent/ssp.yaml: cannot read the SSP file"),
    (["--stig-xccdf", "/nonexistent.xml"], "ERROR: /nonexistent.xml: not a readable XCCDF file"),
    (["--snapshot", "/nonexistent.json"], "ERROR: /nonexistent.json: cannot read the snapshot"),
    (["--fail-on", "cat9"], "ERROR: --fail-on: expected cat1, cat2, cat3 or none"),
    (["--timeout", "soon"], "ERROR: --timeout: expected a number, got 'soon'"),
])
def test_bad_input_is_one_line_and_exit_4(snap_file, tmp_path, args, message):
    run = run_audit(["--snapshot", str(snap_file), *args] if "--snapshot" not in args else args, tmp_path)
    assert run.returncode == 4
    assert run.stderr.strip() == message.split(": ", 1)[0] + ": " + message.split(": ", 1)[1] or message in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_html_can_drop_passed_rows_and_runs_without_pytest_html(snap_file, tmp_path):
    dropped = run_audit(["--snapshot", str(snap_file), "-k", CORE, "--html-passes=drop"], tmp_path / "a")
    page = (dropped.reports_dir / "report.html").read_text()
    assert "good/web" not in page and "bad/priv" in page
    assert {r.status for r in dropped.results} >= {"pass", "open"}  # the record keeps every pass
    bare = run_audit(["--snapshot", str(snap_file), "-k", CORE, "-p", "no:html"], tmp_path / "b")
    assert bare.returncode == 1 and "INTERNALERROR" not in bare.stdout + bare.stderr
    assert not (bare.reports_dir / "report.html").exists()


def test_hostile_evidence_is_escaped_in_html_and_valid_in_junit(tmp_path):
    data = synthetic_snapshot()
    bad = next(n for n in data["nodes"] if n["name"] == "bad")
    bad["docker"]["containers"][0]["Config"]["User"] = "<script>alert(1)</script>]]>\x1b[31m"
    run = run_audit(["--snapshot", str(write_snapshot(tmp_path / "s.json", data)), "-k", "V-235830"], tmp_path / "r")
    assert "Config.User=<script>" in run.result("V-235830", "bad/priv").message
    page = (run.reports_dir / "report.html").read_text()
    assert "<script>alert(1)</script>" not in page
    ET.parse(run.reports_dir / "junit.xml")  # still well-formed XML


@pytest.mark.parametrize("args, message", [
    (["--hosts=foo://x"], "ERROR: --hosts: foo://x: RuntimeError: Unknown connection type 'foo'"),
    (["--hosts=ansible://all", "--ansible-inventory=/nonexistent.ini"], "ERROR: --ansible-inventory: /nonexistent.ini: no such file"),
    (["--hosts=ssh://"], "ERROR: --hosts: ssh://: the hostspec names no host"),
    (["--ssh-config=/nonexistent"], "ERROR: --ssh-config: /nonexistent: no such file"),
])
def test_bad_targets_are_one_line_and_exit_4(tmp_path, args, message):
    run = run_audit(args, tmp_path)
    assert (run.returncode, run.stderr.strip()) == (4, message)
