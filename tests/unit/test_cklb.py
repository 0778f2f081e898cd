"""STIG Viewer 3 checklists: the documented CKLB shape, and the same content as the CKL."""

import json
import uuid

import pytest

from dockerstig.catalogue import CATALOGUE
from dockerstig.reports.cklb import CKLB_STATUS
from dockerstig.settings import SeverityOverride, Settings
from tests.unit import artefact_data as data

TOP = {"title", "id", "active", "mode", "has_path", "cklb_version", "target_data", "stigs"}
TARGET_DATA = {"target_type", "host_name", "ip_address", "mac_address", "fqdn", "comments", "role",
               "is_web_database", "technology_area", "web_db_site", "web_db_instance", "classification"}
STIG = {"stig_name", "display_name", "stig_id", "release_info", "version", "uuid", "reference_identifier",
        "size", "rules"}
RULE = {"uuid", "stig_uuid", "group_id", "group_id_src", "rule_id", "rule_id_src", "target_key", "stig_ref",
        "weight", "classification", "severity", "rule_version", "rule_title", "fix_text", "reference_identifier",
        "group_title", "false_positives", "false_negatives", "discussion", "check_content", "documentable",
        "mitigations", "potential_impacts", "third_party_tools", "mitigation_control", "responsibility",
        "security_override_guidance", "ia_controls", "check_content_ref", "legacy_ids", "ccis", "group_tree",
        "createdAt", "updatedAt", "status", "overrides", "comments", "finding_details"}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return data.write(tmp_path_factory.mktemp("cklb"), data.results(), data.snapshot(), data.benchmark())


def test_one_cklb_per_asset_with_the_documented_structure(written):
    names = sorted(n for n in written if n.endswith(".cklb"))
    assert names == ["cluster.cklb", "node1.cklb", "node2.cklb", "node3.cklb"]
    for name in names:
        doc = json.loads(written[name].read_text(encoding="utf-8"))
        assert set(doc) == TOP and doc["cklb_version"] == "1.0" and set(doc["target_data"]) == TARGET_DATA
        (stig,) = doc["stigs"]
        assert set(stig) == STIG and stig["size"] == len(stig["rules"]) == 101
        assert stig["stig_id"] == "Docker_Enterprise_2-x_Linux-UNIX_STIG" and stig["release_info"].startswith("Release: 2 ")
        for rule in stig["rules"]:
            assert set(rule) == RULE
            assert rule["status"] in CKLB_STATUS.values()
            assert rule["rule_id_src"] == rule["rule_id"] + "_rule" and rule["stig_uuid"] == stig["uuid"]
            uuid.UUID(rule["uuid"])
        assert len({r["uuid"] for r in stig["rules"]}) == 101
        assert [r["group_id"] for r in stig["rules"]] == [r.vuln_id for r in CATALOGUE]


def test_same_content_and_statuses_as_the_ckl(written):
    for asset in ("cluster", "node1", "node2", "node3"):
        vulns = data.ckl_vulns(written[f"{asset}.ckl"])
        rules = data.cklb_rules(written[f"{asset}.cklb"])
        for vuln_id, vuln in vulns.items():
            rule = rules[vuln_id]
            assert rule["status"] == CKLB_STATUS[vuln.findtext("STATUS")]
            assert rule["finding_details"] == vuln.findtext("FINDING_DETAILS")
            assert rule["comments"] == (vuln.findtext("COMMENTS") or "")
            assert rule["check_content"] == data.benchmark().rules[vuln_id].check_text


def test_target_data_names_the_host(written):
    target = json.loads(written["node2.cklb"].read_text())["target_data"]
    assert (target["host_name"], target["ip_address"], target["fqdn"], target["role"]) == (
        "node2", "10.0.0.2", "node2.lab.example", "Member Server")


def test_severity_override_goes_to_overrides(tmp_path):
    settings = Settings(severity_overrides=[SeverityOverride("V-235802", "high", "internet facing")])
    out = data.write(tmp_path, data.results(("node1",), 1), settings=settings)
    rules = data.cklb_rules(out["node1.cklb"])
    assert rules["V-235802"]["overrides"] == {"severity": {"severity": "high", "reason": "internet facing"}}
    assert rules["V-235802"]["severity"] == "medium" and rules["V-235803"]["overrides"] == {}


def test_hostile_strings_round_trip(tmp_path):
    out = data.write(tmp_path, data.results(("n1\udcff",), 1, label=data.HOSTILE))
    names = {name.split(".")[0] for name in out if name.startswith("n1")}
    assert len(names) == 1
    stem = names.pop()
    raw = out[f"{stem}.cklb"].read_bytes()
    raw.decode("utf-8")  # strict: no lone surrogates or invalid bytes reached the file
    assert json.loads(raw)["target_data"]["host_name"] == "n1\\xff"
    details = data.cklb_rules(out[f"{stem}.cklb"])["V-235802"]["finding_details"]
    assert "<script>alert(1)</script>]]>&amp;\\xff\\ufffe" in details
    assert details == data.ckl_vulns(out[f"{stem}.ckl"])["V-235802"].findtext("FINDING_DETAILS")
