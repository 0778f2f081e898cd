"""The auditor artefacts of a real lab audit: one CKL and CKLB per node plus the cluster, valid
against DISA's schema; one HDF valid against its schema; statuses equal the pytest results."""

import json
from collections import defaultdict

import jsonschema
import pytest
from lxml import etree

from dockerstig.reports.review import ckl_status
from tests.unit import artefact_data as data

ASSETS = ("cluster", "node1", "node2", "node3")


@pytest.fixture(scope="module")
def expected_status(lab_audit):
    """(asset, V-ID) → the checklist status the pytest results imply."""
    by_rule = defaultdict(list)
    for r in lab_audit.results:
        by_rule[(r.asset, r.vuln_id)].append(r.status)
    return {key: ckl_status(statuses) for key, statuses in by_rule.items()}


@pytest.mark.parametrize("asset", ASSETS)
def test_ckl_is_valid_and_matches_the_results(lab_audit, expected_status, asset):
    doc = etree.parse(str(lab_audit.reports_dir / "checklists" / f"{asset}.ckl"))
    assert data.xsd().validate(doc), data.xsd().error_log
    assert doc.findtext("ASSET/HOST_NAME") == (asset if asset != "cluster" else doc.findtext("ASSET/HOST_NAME"))
    vulns = doc.findall("STIGS/iSTIG/VULN")
    assert len(vulns) == 101
    for vuln in vulns:
        vid = next(d.findtext("ATTRIBUTE_DATA") for d in vuln.findall("STIG_DATA") if d.findtext("VULN_ATTRIBUTE") == "Vuln_Num")
        if (asset, vid) in expected_status:
            assert vuln.findtext("STATUS") == expected_status[(asset, vid)], vid
        else:
            assert vuln.findtext("STATUS") == "Not_Reviewed", vid


@pytest.mark.parametrize("asset", ASSETS)
def test_cklb_has_the_same_statuses(lab_audit, asset):
    cklb = json.loads((lab_audit.reports_dir / "checklists" / f"{asset}.cklb").read_text())
    ckl = etree.parse(str(lab_audit.reports_dir / "checklists" / f"{asset}.ckl"))
    ckl_statuses = [v.findtext("STATUS") for v in ckl.findall("STIGS/iSTIG/VULN")]
    rules = cklb["stigs"][0]["rules"]
    to_ckl = {"not_a_finding": "NotAFinding", "open": "Open", "not_applicable": "Not_Applicable",
              "not_reviewed": "Not_Reviewed"}
    assert len(rules) == 101
    assert sorted(to_ckl[r["status"]] for r in rules) == sorted(ckl_statuses)


def test_hdf_is_valid_and_holds_every_target(lab_audit):
    doc = json.loads((lab_audit.reports_dir / "dockerstig.hdf.json").read_text())
    jsonschema.validate(doc, data.hdf_schema())
    controls = doc["profiles"][0]["controls"]
    assert len(controls) == 101
    counted = sum(len(c["results"]) for c in controls if c["results"])
    assert counted >= len(lab_audit.results)
