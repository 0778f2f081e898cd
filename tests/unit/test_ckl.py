"""STIG Viewer 2 checklists: one per asset, schema-valid, statuses and details from the results."""

import re
from collections import Counter

import pytest
from lxml import etree

from dockerstig.assessment import Assessed
from dockerstig.catalogue import CATALOGUE
from dockerstig.reports import file_stem
from dockerstig.reports.review import ckl_status
from dockerstig.reports.stigtext import FALLBACK_TITLE, NO_XCCDF, TARGET_KEY
from dockerstig.reports.text import FIELD_LIMIT, clean
from dockerstig.results import RuleResult
from dockerstig.settings import SeverityOverride, Settings
from tests.unit import artefact_data as data

STIG_VIEWER_ORDER = [
    "Vuln_Num", "Severity", "Group_Title", "Rule_ID", "Rule_Ver", "Rule_Title", "Vuln_Discuss", "IA_Controls",
    "Check_Content", "Fix_Text", "False_Positives", "False_Negatives", "Documentable", "Mitigations",
    "Potential_Impact", "Third_Party_Tools", "Mitigation_Control", "Responsibility", "Security_Override_Guidance",
    "Check_Content_Ref", "Weight", "Class", "STIGRef", "TargetKey", "STIG_UUID",
]


@pytest.fixture(scope="module")
def audit():
    return data.results()


@pytest.fixture(scope="module", params=["xccdf", "catalogue"])
def written(request, audit, tmp_path_factory):
    bench = data.benchmark() if request.param == "xccdf" else None
    return data.write(tmp_path_factory.mktemp(request.param), audit, data.snapshot(), bench)


def test_one_ckl_per_asset_each_valid_with_all_101_rules(written):
    ckls = sorted(name for name in written if name.endswith(".ckl"))
    assert ckls == ["cluster.ckl", "node1.ckl", "node2.ckl", "node3.ckl"]
    for name in ckls:
        doc = etree.parse(str(written[name]))
        assert data.xsd().validate(doc), data.xsd().error_log
        assert list(data.ckl_vulns(written[name])) == [r.vuln_id for r in CATALOGUE]


def test_file_starts_like_stig_viewer_writes_it(written):
    head = written["node1.ckl"].read_bytes()[:80].decode()
    assert head.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!--dockerstig :: ')


def test_status_and_target_count_per_asset_equal_the_inputs(written, audit):
    by_key = {}
    for r in audit:
        by_key.setdefault((r.asset, r.vuln_id), []).append(r.status)
    for asset in ("cluster", "node1", "node2", "node3"):
        for vuln_id, vuln in data.ckl_vulns(written[f"{asset}.ckl"]).items():
            statuses = by_key.get((asset, vuln_id), [])
            assert vuln.findtext("STATUS") == ckl_status(statuses)
            details = vuln.findtext("FINDING_DETAILS")
            if statuses:
                assert details.startswith(f"dockerstig checked {len(statuses)} target")
                listed = Counter(re.findall(r"^\[(\w+)\] ", details, re.M))
                assert listed == Counter(statuses)
            else:
                assert details.startswith("Not reviewed on this checklist")


@pytest.mark.parametrize("statuses, expected", [
    (["pass", "open", "not_reviewed"], "Open"),
    (["pass", "waived"], "Open"),
    (["pass", "error"], "Not_Reviewed"),
    (["pass", "not_reviewed", "not_applicable"], "Not_Reviewed"),
    (["pass", "not_applicable"], "NotAFinding"),
    (["not_applicable", "not_applicable"], "Not_Applicable"),
    ([], "Not_Reviewed"),
])
def test_rule_status_from_its_targets(statuses, expected):
    assert ckl_status(statuses) == expected


def test_asset_facts_identify_the_node(written):
    asset = etree.parse(str(written["node1.ckl"])).find("ASSET")
    assert [c.tag for c in asset] == [
        "ROLE", "ASSET_TYPE", "HOST_NAME", "HOST_IP", "HOST_MAC", "HOST_FQDN", "TARGET_COMMENT", "TECH_AREA",
        "TARGET_KEY", "WEB_OR_DATABASE", "WEB_DB_SITE", "WEB_DB_INSTANCE"]
    facts = {c.tag: c.text or "" for c in asset}
    assert (facts["HOST_NAME"], facts["HOST_IP"], facts["HOST_FQDN"]) == ("node1", "10.0.0.1", "node1.lab.example")
    assert facts["TARGET_KEY"] == TARGET_KEY and facts["ROLE"] == "Member Server"
    assert "swarm manager id-node1" in facts["TARGET_COMMENT"] and "172.17.0.1" in facts["TARGET_COMMENT"]
    cluster = {c.tag: c.text or "" for c in etree.parse(str(written["cluster.ckl"])).find("ASSET")}
    assert (cluster["HOST_NAME"], cluster["HOST_IP"], cluster["HOST_FQDN"]) == ("swarm-abcdef123456", "10.0.0.1", "")


def test_short_host_name_is_never_the_fqdn(tmp_path):
    snap = data.Snapshot({"nodes": [data.node("solo", "10.1.1.1", fqdn="solo")]})
    out = data.write(tmp_path, [], snap)
    assert etree.parse(str(out["solo.ckl"])).findtext("ASSET/HOST_FQDN") == ""


def test_rules_without_a_result_say_why(written):
    cluster = data.ckl_vulns(written["cluster.ckl"])
    node = data.ckl_vulns(written["node1.ckl"])
    assert "see each node's checklist" in cluster["V-235802"].findtext("FINDING_DETAILS")  # container rule
    assert "see the cluster checklist" in node["V-235823"].findtext("FINDING_DETAILS")  # cluster rule
    assert {cluster["V-235802"].findtext("STATUS"), node["V-235823"].findtext("STATUS")} == {"Not_Reviewed"}


def test_a_rule_with_no_check_says_who_must_review(tmp_path):
    out = data.write(tmp_path, [], data.snapshot(("node1",)))
    details = data.ckl_vulns(out["node1.ckl"])["V-235867"].findtext("FINDING_DETAILS")
    assert "no check ran for it on node1" in details and "ISSO or system administrator" in details


def test_not_reviewed_and_errors_say_who_must_review(written):
    for vuln in data.ckl_vulns(written["node2.ckl"]).values():
        details = vuln.findtext("FINDING_DETAILS")
        if vuln.findtext("STATUS") == "Not_Reviewed" and details.startswith("dockerstig checked"):
            assert "The ISSO or system administrator must perform the Check_Content" in details


def test_official_text_from_the_xccdf_else_the_catalogue(written):
    vuln = data.ckl_vulns(written["node1.ckl"])["V-235802"]
    attrs = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") or "" for d in vuln.findall("STIG_DATA")}
    official = data.benchmark().rules["V-235802"]
    assert (attrs["Rule_ID"], attrs["Rule_Ver"], attrs["Severity"]) == (official.rule_id, official.stig_id, official.severity)
    assert attrs["Check_Content"] in (official.check_text, NO_XCCDF)
    assert attrs["TargetKey"] == TARGET_KEY and attrs["Class"] == "Unclass"


def test_stig_data_in_stig_viewer_order(written):
    vuln = data.ckl_vulns(written["node1.ckl"])["V-235802"]
    names = [d.findtext("VULN_ATTRIBUTE") for d in vuln.findall("STIG_DATA")]
    rule = CATALOGUE["V-235802"]
    assert names == STIG_VIEWER_ORDER + ["LEGACY_ID"] * len(rule.legacy_ids) + ["CCI_REF"] * len(rule.ccis)


def test_fallback_header_matches_the_xccdf():
    xml = etree.parse(str(data.XCCDF))
    ns = {"x": "http://checklists.nist.gov/xccdf/1.1", "dc": "http://purl.org/dc/elements/1.1/"}
    assert set(xml.xpath("//x:Rule/x:reference/dc:identifier/text()", namespaces=ns)) == {TARGET_KEY}
    assert data.benchmark().title == FALLBACK_TITLE
    assert data.XCCDF.name == "U_Docker_Enterprise_2-x_Linux-UNIX_STIG_V2R2_Manual-xccdf.xml"


def test_stig_info_for_stig_manager(written):
    si = {d.findtext("SID_NAME"): d.findtext("SID_DATA") for d in
          etree.parse(str(written["node1.ckl"])).iter("SI_DATA")}
    assert (si["stigid"], si["version"], si["releaseinfo"]) == (
        "Docker_Enterprise_2-x_Linux-UNIX_STIG", "2", "Release: 2 Benchmark Date: 24 Jul 2024")
    assert si["customname"] is None and si["classification"] == "UNCLASSIFIED"


def test_severity_override_and_justification(tmp_path):
    settings = Settings(severity_overrides=[SeverityOverride("DKER-EE-001960", "low", "isolated enclave")])
    out = data.write(tmp_path, data.results(("node1",), 1), data.snapshot(("node1",)), settings=settings)
    vuln = data.ckl_vulns(out["node1.ckl"])["V-235802"]
    assert (vuln.findtext("SEVERITY_OVERRIDE"), vuln.findtext("SEVERITY_JUSTIFICATION")) == ("low", "isolated enclave")
    assert data.ckl_vulns(out["node1.ckl"])["V-235803"].findtext("SEVERITY_OVERRIDE") == ""


def test_hostile_strings_keep_the_ckl_valid_and_round_trip(tmp_path):
    evil = "evil\x1b<node>\udcff"
    out = data.write(tmp_path, data.results((evil,), 1, label=data.HOSTILE), None)
    path = out[file_stem(evil) + ".ckl"]
    doc = etree.parse(str(path))
    assert data.xsd().validate(doc), data.xsd().error_log
    assert doc.findtext("ASSET/HOST_NAME") == "evil\\x1b<node>\\xff"
    details = data.ckl_vulns(path)["V-235802"].findtext("FINDING_DETAILS")
    assert "<script>alert(1)</script>]]>&amp;\\xff\\ufffe" in details
    assert "\\x00\\x07\\x1b[31m" in details and "[cut: " in details
    assert len(details) <= FIELD_LIMIT


def test_many_targets_stay_within_stig_manager_limits(tmp_path):
    rs = [RuleResult("V-235802", f"node1/c{i}", "container", "node1", "open", "x" * 3000, {"k": "v" * 3000})
          for i in range(50)]
    details = data.ckl_vulns(data.write(tmp_path, rs)["node1.ckl"])["V-235802"].findtext("FINDING_DETAILS")
    assert len(details) <= FIELD_LIMIT
    assert details.startswith("dockerstig checked 50 targets on node1: 50 open.")
    assert re.search(r"… \d+ more targets not shown", details)


@pytest.mark.parametrize("name, stem", [("node1", "node1"), ("a/b", "a_b-"), ("..", "..-"), ("x" * 300, "x" * 100 + "-")])
def test_file_names_are_safe_and_distinct(name, stem):
    assert file_stem(name).startswith(stem) and "/" not in file_stem(name)


def test_clean_keeps_evidence_visible():
    assert clean("a\x00b\udce9c\U0001f600") == "a\\x00b\\xe9c\U0001f600"
    assert Assessed(RuleResult("V-235802", "t", "container", "n", "pass", "")).summary == ""
