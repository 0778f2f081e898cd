"""Waivers: SSP validation, expiry on both sides, their own class in every report."""

import json
from datetime import date, datetime, timezone

import pytest

from dockerstig.assessment import Assessment
from dockerstig.results import RuleResult
from dockerstig.settings import SettingsError, Waiver, load_settings_text
from dockerstig.waivers import severity_override, waiver_for
from tests.integration.audit import run_audit
from tests.unit import artefact_data as data
from tests.unit.snapshots import write_snapshot

LAST_DAY = date(2026, 6, 30)
ON_LAST_DAY = datetime(2026, 6, 30, 23, 59, 59, tzinfo=timezone.utc)
DAY_AFTER = datetime(2026, 7, 1, tzinfo=timezone.utc)
WAIVER = Waiver("V-235802", "node1/legacy-.*", "vendor appliance", "J. Smith (AO)", LAST_DAY)
FINDING = RuleResult("V-235802", "node1/legacy-db", "container", "node1", "open", "HostConfig.Privileged=true")


def test_the_ssp_file_takes_waivers_and_overrides():
    s = load_settings_text(
        "waivers:\n  - {rule: DKER-EE-001960, target: 'node1/.*', justification: vendor, approver: AO, expires: 2026-06-30}\n"
        "severity_overrides:\n  - {rule: V-95639, severity: low, justification: enclave}\n", "ssp.yaml")
    assert (s.waivers[0].vuln_id, s.waivers[0].expires) == ("V-235802", LAST_DAY)
    assert severity_override(s.severity_overrides, "V-235802").severity == "low"
    toml = load_settings_text('[[waivers]]\nrule = "V-235802"\njustification = "j"\napprover = "a"\n'
                              'expires = 2026-06-30\n', "ssp.toml")
    assert toml.waivers[0].expires == LAST_DAY and toml.waivers[0].target == ".*"


@pytest.mark.parametrize("text, error", [
    ("waivers: [{rule: V-1}]", "ssp.yaml: waivers[0].rule: unknown rule 'V-1'"),
    ("waivers: [{rule: V-235802, target: '['}]", "ssp.yaml: waivers[0].target: not a valid regular expression"),
    ("waivers: [{rule: V-235802}]", "ssp.yaml: waivers[0].justification: required, must not be empty"),
    ("waivers: [{rule: V-235802, justification: j}]", "ssp.yaml: waivers[0].approver: required, must not be empty"),
    ("waivers: [{rule: V-235802, justification: j, approver: a}]", "ssp.yaml: waivers[0].expires: required"),
    ("waivers: [{rule: V-235802, justification: j, approver: a, expires: 'June'}]",
     "ssp.yaml: waivers[0].expires: expected an ISO date like 2026-06-30, got 'June'"),
    ("waivers: [{rule: V-235802, approved: yes}]", "ssp.yaml: waivers[0].approved: unknown key"),
    ("severity_overrides: [{rule: V-235802, severity: cat1, justification: j}]",
     "ssp.yaml: severity_overrides[0].severity: expected one of low, medium, high, got 'cat1'"),
    ("severity_overrides: [{rule: V-235802, severity: low}]", "ssp.yaml: severity_overrides[0].justification: required"),
    ("severity_overrides: [{rule: V-235802, severity: low, justification: j}, {rule: V-95639, severity: high, justification: j}]",
     "ssp.yaml: severity_overrides[1].rule: V-235802 already has an override (severity_overrides[0])"),
    ("attestations: [a.yaml]", "ssp.yaml: attestations: expected string, got list"),
])
def test_bad_ssp_values_are_one_line_errors(text, error):
    with pytest.raises(SettingsError) as exc:
        load_settings_text(text, "ssp.yaml")
    assert str(exc.value).startswith(error) and "\n" not in str(exc.value)


def test_a_waiver_applies_through_its_last_day_and_not_after():
    waived = Assessment([WAIVER], [], ON_LAST_DAY).assess(FINDING)
    assert waived.result.status == "waived"
    assert waived.notes == ("waived: vendor appliance (approved by J. Smith (AO) until 2026-06-30)",)
    expired = Assessment([WAIVER], [], DAY_AFTER).assess(FINDING)
    assert expired.result.status == "open" and expired.waiver_expired
    assert expired.notes == ("waiver expired (approved by J. Smith (AO) until 2026-06-30): vendor appliance",)


def test_the_target_pattern_matches_in_full_and_an_active_waiver_wins():
    old = Waiver("V-235802", ".*", "old", "AO", date(2020, 1, 1))
    assert waiver_for([old, WAIVER], "V-235802", "node1/legacy-db", ON_LAST_DAY) is WAIVER
    assert waiver_for([WAIVER], "V-235802", "node2/node1/legacy-db", ON_LAST_DAY) is None
    assert waiver_for([WAIVER], "V-235803", "node1/legacy-db", ON_LAST_DAY) is None


@pytest.mark.parametrize("status", ["pass", "not_applicable", "not_reviewed", "error"])
def test_a_waiver_only_changes_findings(status):
    assert Assessment([WAIVER], [], ON_LAST_DAY).assess(
        RuleResult("V-235802", "node1/legacy-db", "container", "node1", status, "")).result.status == status


@pytest.mark.parametrize("now, status, note", [
    (ON_LAST_DAY, "Open", "waived: vendor appliance (approved by J. Smith (AO) until 2026-06-30) [node1/legacy-db]"),
    (DAY_AFTER, "Open", "waiver expired (approved by J. Smith (AO) until 2026-06-30): vendor appliance [node1/legacy-db]"),
])
def test_ckl_keeps_a_waived_finding_open_with_the_waiver_in_comments(tmp_path, now, status, note):
    rs = [FINDING, RuleResult("V-235802", "node1/web", "container", "node1", "pass", "HostConfig.Privileged=false")]
    out = data.write(tmp_path, rs, settings=data.Settings(waivers=[WAIVER]), now=now)
    vuln = data.ckl_vulns(out["node1.ckl"])["V-235802"]
    assert (vuln.findtext("STATUS"), vuln.findtext("COMMENTS")) == (status, note)
    waived = "waived" if now == ON_LAST_DAY else "open"
    assert f"[{waived}] node1/legacy-db: HostConfig.Privileged=true" in vuln.findtext("FINDING_DETAILS")
    cklb = data.cklb_rules(out["node1.cklb"])["V-235802"]
    assert (cklb["status"], cklb["comments"]) == ("open", note)
    control = next(c for c in json.loads(out["run.hdf.json"].read_text())["profiles"][0]["controls"] if c["id"] == "V-235802")
    assert control["waiver_data"]["expiration_date"] == "2026-06-30" and control["waiver_data"]["run"] is True


def test_the_audit_reports_a_waived_finding_as_xfail(tmp_path):
    snap = write_snapshot(tmp_path / "snap.json")
    (tmp_path / "ssp.yaml").write_text(
        "waivers:\n"
        "  - {rule: V-235802, target: bad/priv, justification: vendor appliance, approver: J. Smith, expires: 2999-12-31}\n"
        "  - {rule: V-235802, target: bad/stopped-priv, justification: gone, approver: J. Smith, expires: 2000-01-01}\n")
    run = run_audit([f"--snapshot={snap}", f"--ssp={tmp_path / 'ssp.yaml'}",
                     "-k", "V-235802", "-rxf", "--tb=short"], tmp_path / "reports")
    out = run.stdout
    assert ("XFAIL checks/container/test_v235802.py::test_v235802_container_not_privileged[bad/priv]"
            " - waived: vendor appliance (approved by J. Smith until 2999-12-31)") in out, out + run.stderr
    assert "waiver expired (approved by J. Smith until 2000-01-01): gone" in out
    assert "FAILED checks/container/test_v235802.py::test_v235802_container_not_privileged[bad/stopped-priv]" in out
    assert run.status("V-235802", "bad/priv") == "waived"
    assert run.result("V-235802", "bad/priv").message.startswith("HostConfig.Privileged=true")
    assert run.status("V-235802", "bad/stopped-priv") == "open"
    assert "CKL (STIG Viewer 2): " in out and "cluster.ckl bad.ckl dark.ckl good.ckl" in out
    assert "HDF (Heimdall): " in out and "dockerstig.hdf.json" in out


def test_artefact_options_choose_what_is_written_and_where(tmp_path):
    snap = write_snapshot(tmp_path / "snap.json")
    run = run_audit([f"--snapshot={snap}", "-k", "V-235823", "--artefacts=hdf",
                     f"--hdf-file={tmp_path / 'h.json'}"], tmp_path / "reports")
    assert (tmp_path / "h.json").is_file() and not (tmp_path / "reports" / "checklists").exists(), run.stdout
    bad = run_audit([f"--snapshot={snap}", "--artefacts=ckl,pdf"], tmp_path / "r2")
    assert bad.returncode == 4 and "--artefacts: unknown artefact 'pdf' (expected ckl, cklb, hdf or none)" in bad.stderr
