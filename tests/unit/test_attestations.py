"""Attestations of manual rules: parsing, expiry on both sides, and what every report shows."""

import json
from datetime import date, datetime, timedelta, timezone

import jsonschema
import pytest

from dockerstig.assessment import Assessment
from dockerstig.attestations import Attestation, attestation_file, load_attestations, load_attestations_text, period
from dockerstig.results import RuleResult
from dockerstig.settings import SettingsError, load_settings_text
from tests.integration.audit import run_audit
from tests.unit import artefact_data as data
from tests.unit.snapshots import write_snapshot

UPDATED = datetime(2026, 1, 31, 9, 0, tzinfo=timezone.utc)
MANUAL = RuleResult("V-235834", "cluster", "manual", "cluster", "not_reviewed", "organisational: SIEM alert")


def attest(status="passed", frequency="monthly", **kw) -> Attestation:
    return Attestation(kw.pop("rule", "V-235834"), status, "SIEM alerts at 75% (SEC-1)", frequency, UPDATED,
                       "Jane Doe, ISSO", **kw)


def test_a_valid_file_loads(tmp_path):
    path = tmp_path / "att.yaml"
    path.write_text("attestations:\n  - {rule: DKER-EE-003330, status: failed, explanation: no alert,"
                    " frequency: 90d, updated: 2026-01-31, updated_by: J. Doe, asset: cluster}\n")
    (a,) = load_attestations(path)
    assert (a.vuln_id, a.status, a.updated, a.asset) == ("V-235834", "failed", datetime(2026, 1, 31, tzinfo=timezone.utc), "cluster")
    assert load_attestations(None) == []


@pytest.mark.parametrize("item, error", [
    ("{rule: V-1}", "att.yaml: attestations[0].rule: unknown rule 'V-1'"),
    ("{rule: V-235834, explanation: ' '}", "att.yaml: attestations[0].explanation: required, must not be empty"),
    ("{rule: V-235834, explanation: x, updated_by: y, frequency: 1.5y}", "att.yaml: attestations[0].frequency: expected annually"),
    ("{rule: V-235834, explanation: x, updated_by: y, frequency: daily}", "att.yaml: attestations[0].updated: required"),
    ("{rule: V-235834, explanation: x, updated_by: y, frequency: daily, updated: 'soon'}", "att.yaml: attestations[0].updated: expected an ISO date"),
    ("{rule: V-235834, explanation: x, updated_by: y, frequency: daily, updated: 2026-01-01, status: ok}", "att.yaml: attestations[0].status: expected one of passed, failed, got 'ok'"),
    ("{rule: V-235834, explanation: x, updated_by: y, frequency: daily, updated: 2026-01-01, status: passed, target: '('}", "att.yaml: attestations[0].target: not a valid regular expression"),
    ("{rule: V-235834, colour: red}", "att.yaml: attestations[0].colour: unknown key"),
])
def test_bad_attestations_are_one_line_errors(item, error):
    with pytest.raises(SettingsError) as exc:
        load_attestations_text(f"attestations: [{item}]", "att.yaml")
    assert str(exc.value).startswith(error) and "\n" not in str(exc.value)


def test_unreadable_file_names_itself(tmp_path):
    with pytest.raises(SettingsError, match="missing.yaml: cannot read the attestation file"):
        load_attestations(tmp_path / "missing.yaml")


@pytest.mark.parametrize("frequency, months, days", [
    ("annually", 12, 0), ("semiannually", 6, 0), ("quarterly", 3, 0), ("monthly", 1, 0), ("every2weeks", 0, 14),
    ("fortnightly", 0, 14), ("weekly", 0, 7), ("every3days", 0, 3), ("daily", 0, 1), ("90d", 0, 90),
    ("2w", 0, 14), ("6m", 6, 0), ("1y", 12, 0), ("3 m", 3, 0),
])
def test_frequencies_as_heimdall_reads_them(frequency, months, days):
    assert period(frequency) == (months, days)


@pytest.mark.parametrize("frequency, expires", [
    ("monthly", "2026-02-28T09:00:00+00:00"), ("quarterly", "2026-04-30T09:00:00+00:00"),
    ("1y", "2027-01-31T09:00:00+00:00"), ("weekly", "2026-02-07T09:00:00+00:00"),
])
def test_expiry_adds_calendar_months(frequency, expires):
    assert attest(frequency=frequency).expires_at.isoformat() == expires


@pytest.mark.parametrize("status, outcome", [("passed", "pass"), ("failed", "open")])
def test_a_valid_attestation_decides_a_not_reviewed_rule(status, outcome):
    a = Assessment([], [attest(status)], UPDATED + timedelta(days=27)).assess(MANUAL)
    assert a.result.status == outcome
    assert a.notes == (f"attested {status} by Jane Doe, ISSO on 2026-01-31, monthly (valid until 2026-02-28): "
                       "SIEM alerts at 75% (SEC-1)",)


def test_an_expired_attestation_leaves_it_not_reviewed():
    a = attest()
    just_before, just_after = a.expires_at - timedelta(seconds=1), a.expires_at + timedelta(seconds=1)
    assert Assessment([], [a], just_before).assess(MANUAL).result.status == "pass"
    expired = Assessment([], [a], just_after).assess(MANUAL)
    assert expired.result.status == "not_reviewed" and expired.attestation_expired
    assert expired.notes[0].startswith("attestation expired on 2026-02-28 (passed by Jane Doe, ISSO")


def test_attestations_never_override_an_automated_verdict():
    ssp = Assessment([], [attest("failed", rule="V-235802")], UPDATED)
    for status in ("pass", "open", "not_applicable", "error"):
        result = RuleResult("V-235802", "n1/web", "container", "n1", status, "")
        assert ssp.assess(result).result.status == status and ssp.assess(result).attestation is None


def test_asset_and_target_limit_what_an_attestation_covers():
    newer = Attestation("V-235834", "failed", "newer", "monthly", UPDATED + timedelta(days=1), "B")
    ssp = Assessment([], [attest(asset="other"), attest(target="swarm"), attest(), newer], UPDATED + timedelta(days=2))
    assert ssp.assess(MANUAL).attestation is newer


def test_attestation_file_is_relative_to_the_ssp(tmp_path):
    settings = load_settings_text("attestations: att.yaml", "ssp.yaml")
    assert attestation_file(settings, tmp_path / "ssp.yaml") == tmp_path / "att.yaml"
    assert attestation_file(load_settings_text("", "ssp.yaml"), tmp_path / "ssp.yaml") is None


@pytest.mark.parametrize("now, status, ckl, hdf", [
    (UPDATED + timedelta(days=1), "passed", "NotAFinding", "passed"),
    (UPDATED + timedelta(days=1), "failed", "Open", "failed"),
    (UPDATED + timedelta(days=60), "passed", "Not_Reviewed", "skipped"),
])
def test_reports_carry_the_attestation(tmp_path, now, status, ckl, hdf):
    out = data.write(tmp_path, [MANUAL], attestations=[attest(status)], now=now)
    vuln = data.ckl_vulns(out["cluster.ckl"])["V-235834"]
    assert vuln.findtext("STATUS") == ckl and "SIEM alerts at 75% (SEC-1)" in vuln.findtext("COMMENTS")
    assert ("attestation expired on 2026-02-28" in vuln.findtext("FINDING_DETAILS")) == (ckl == "Not_Reviewed")
    doc = json.loads(out["run.hdf.json"].read_text())
    jsonschema.validate(doc, data.hdf_schema())
    control = next(c for c in doc["profiles"][0]["controls"] if c["id"] == "V-235834")
    assert control["results"][0]["status"] == hdf
    assert control["attestation_data"]["status"] == status and control["attestation_data"]["updated_by"] == "Jane Doe, ISSO"


def test_the_audit_turns_an_attestation_into_the_test_outcome(tmp_path):
    snap = write_snapshot(tmp_path / "snap.json")
    (tmp_path / "att.yaml").write_text(
        "attestations:\n  - {rule: V-235834, status: failed, explanation: no SIEM alert configured,"
        f" frequency: 1y, updated: {date.today()}, updated_by: J. Doe}}\n")
    (tmp_path / "ssp.yaml").write_text("attestations: att.yaml\n")
    run = run_audit([f"--snapshot={snap}", f"--ssp={tmp_path / 'ssp.yaml'}",
                     "-k", "V-235834", "-rA"], tmp_path / "reports")
    assert "FAILED checks/organisational/test_v235834.py" in run.stdout, run.stdout + run.stderr
    result = run.result("V-235834", "cluster")
    assert result.status == "open" and f"attested failed by J. Doe on {date.today()}" in result.message
    vuln = data.ckl_vulns(tmp_path / "reports" / "checklists" / "cluster.ckl")["V-235834"]
    assert vuln.findtext("STATUS") == "Open"
