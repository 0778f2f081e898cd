"""Heimdall HDF: one schema-valid file per run, statuses mapped as report-formats.md says."""

import json
from collections import Counter
from datetime import date

import jsonschema
import pytest

from dockerstig.catalogue import CATALOGUE
from dockerstig.reports.hdf import HDF_STATUS, NO_RESULT
from dockerstig.results import RuleResult
from dockerstig.settings import SeverityOverride, Settings, Waiver
from tests.unit import artefact_data as data


def hdf(out) -> dict:
    return json.loads(out["run.hdf.json"].read_text(encoding="utf-8"))


def controls(doc) -> dict:
    return {c["id"]: c for c in doc["profiles"][0]["controls"]}


@pytest.fixture(scope="module")
def audit():
    return data.results()


@pytest.fixture(scope="module", params=["xccdf", "catalogue"])
def doc(request, audit, tmp_path_factory):
    bench = data.benchmark() if request.param == "xccdf" else None
    return hdf(data.write(tmp_path_factory.mktemp("hdf"), audit, data.snapshot(), bench))


def test_valid_against_the_hdf_schema(doc):
    jsonschema.validate(doc, data.hdf_schema())
    assert len(doc["profiles"]) == 1 and len(doc["profiles"][0]["controls"]) == 101
    assert sum(block["total"] for block in doc["statistics"]["controls"].values()) == 101


def test_every_result_is_there_with_its_mapped_status(doc, audit):
    got = Counter((c["id"], r["code_desc"], r["status"]) for c in controls(doc).values() for r in c["results"]
                  if r["code_desc"] != "no result")
    assert got == Counter((r.vuln_id, r.target_id, HDF_STATUS[r.status]) for r in audit)


def test_passthrough_carries_each_assets_checklist_status(doc):
    assets = {a["name"]: a for a in doc["passthrough"]["dockerstig"]["assets"]}
    assert sorted(assets) == ["cluster", "node1", "node2", "node3"]
    assert assets["node1"]["host_name"] == "node1" and assets["node1"]["fqdn"] == "node1.lab.example"
    assert len(assets["node1"]["statuses"]) == 101


def test_groups_by_scope_and_impact_by_severity(doc):
    groups = {g["id"]: g["controls"] for g in doc["profiles"][0]["groups"]}
    assert "V-235802" in groups["checks/container"]
    c = controls(doc)["V-235802"]
    assert (c["impact"], c["tags"]["severity"], c["tags"]["stig_id"]) == (0.5, "medium", "DKER-EE-001960")
    assert c["source_location"]["ref"] == "checks/container/test_V-235802.py"


def test_all_not_applicable_is_impact_zero_and_no_result_is_skipped(tmp_path):
    rs = [RuleResult("V-235802", "n1/a", "container", "n1", "not_applicable", "stopped")]
    c = controls(hdf(data.write(tmp_path, rs)))
    assert c["V-235802"]["impact"] == 0.0 and c["V-235802"]["results"][0]["status"] == "skipped"
    (none,) = c["V-235803"]["results"]
    assert (none["status"], none["code_desc"], none["skip_message"]) == ("skipped", "no result", NO_RESULT)


def test_error_is_a_profile_error_not_a_pass(tmp_path):
    rs = [RuleResult("V-235867", "n1", "node", "n1", "error", "could not look: permission denied")]
    result = controls(hdf(data.write(tmp_path, rs)))["V-235867"]["results"][0]
    assert (result["status"], result["message"]) == ("error", "could not look: permission denied")


def test_waived_result_stays_failed_with_waiver_data(tmp_path):
    settings = Settings(waivers=[Waiver("V-235802", "n1/.*", "vendor", "AO", date(2026, 12, 31))],
                        severity_overrides=[SeverityOverride("V-235802", "low", "enclave")])
    rs = [RuleResult("V-235802", "n1/a", "container", "n1", "open", "Privileged=true")]
    doc = hdf(data.write(tmp_path, rs, settings=settings))
    jsonschema.validate(doc, data.hdf_schema())
    c = controls(doc)["V-235802"]
    assert c["results"][0]["status"] == "failed" and "waived: vendor" in c["results"][0]["message"]
    assert c["waiver_data"] == {"justification": "vendor", "expiration_date": "2026-12-31", "run": True,
                                "skipped_due_to_waiver": False,
                                "message": "n1/a: waived: vendor (approved by AO until 2026-12-31)"}
    assert (c["impact"], c["tags"]["severity_override"], c["tags"]["severity"]) == (0.3, "low", "medium")


def test_hostile_strings_keep_the_hdf_valid(tmp_path):
    out = data.write(tmp_path, data.results(("evil\x1b\udcff",), 1, label=data.HOSTILE))
    out["run.hdf.json"].read_bytes().decode("utf-8")
    doc = hdf(out)
    jsonschema.validate(doc, data.hdf_schema())
    message = controls(doc)["V-235802"]["results"][0]["message"]
    assert "<script>alert(1)</script>]]>" in message and len(message) < 40_000
    assert all(c["code_desc"].startswith("evil\\x1b\\xff") for c in controls(doc)["V-235802"]["results"])


def test_one_result_per_target_on_every_asset(doc):
    c = controls(doc)["V-235802"]
    assert {r["code_desc"].split("/")[0] for r in c["results"]} == {"node1", "node2", "node3"}
    assert len(c["results"]) == 9
    assert {c["id"] for c in controls(doc).values()} == {r.vuln_id for r in CATALOGUE}
