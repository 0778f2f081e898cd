"""STIG Viewer 2 checklist (CKL): one XML file per asset, valid against U_Checklist_Schema_V2.xsd.

Elements are written in the XSD's order and STIG_DATA in STIG Viewer's; a comment names the
writer, as STIG Viewer's own ``<!--DISA STIG Viewer :: 2.14-->`` does.

>>> from dockerstig.catalogue import CATALOGUE
>>> from dockerstig.reports.assets import Asset
>>> from dockerstig.reports.review import review
>>> from dockerstig.reports.stigtext import rule_text, stig_info
>>> rule = rule_text(CATALOGUE["V-235802"], None)
>>> tree = ckl_tree(Asset("node1", "node1"), stig_info(CATALOGUE, None), [review(rule, "container", "node1", [], None)])
>>> tree.findtext("STIGS/iSTIG/VULN/STATUS"), tree.findtext("ASSET/TARGET_KEY")
('Not_Reviewed', '5281')
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

import dockerstig
from dockerstig.reports.assets import Asset
from dockerstig.reports.review import Review
from dockerstig.reports.stigtext import TARGET_KEY, StigInfo
from dockerstig.reports.text import clean


def _add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = clean(text)
    return el


def _asset(root: etree._Element, a: Asset) -> None:
    asset = _add(root, "ASSET")
    for tag, value in (
        ("ROLE", a.role), ("ASSET_TYPE", a.asset_type), ("HOST_NAME", a.host_name), ("HOST_IP", a.ip),
        ("HOST_MAC", a.mac), ("HOST_FQDN", a.fqdn), ("TARGET_COMMENT", a.comment), ("TECH_AREA", a.tech_area),
        ("TARGET_KEY", TARGET_KEY), ("WEB_OR_DATABASE", "false"), ("WEB_DB_SITE", ""), ("WEB_DB_INSTANCE", ""),
    ):
        _add(asset, tag, value)


def _stig_info(istig: etree._Element, info: StigInfo, uuid: str) -> None:
    si = _add(istig, "STIG_INFO")
    for name, value in (
        ("version", info.version), ("classification", "UNCLASSIFIED"), ("customname", None),
        ("stigid", info.benchmark_id), ("description", None), ("filename", info.filename),
        ("releaseinfo", info.release_info), ("title", info.title), ("uuid", uuid),
        ("notice", "terms-of-use"), ("source", "STIG.DOD.MIL"),
    ):
        data = _add(si, "SI_DATA")
        _add(data, "SID_NAME", name)
        if value is not None:
            _add(data, "SID_DATA", value)


def _stig_data(info: StigInfo, uuid: str, review: Review) -> list[tuple[str, str]]:
    r = review.rule
    return [
        ("Vuln_Num", r.vuln_id), ("Severity", r.severity), ("Group_Title", r.srg), ("Rule_ID", r.rule_id),
        ("Rule_Ver", r.stig_id), ("Rule_Title", r.title), ("Vuln_Discuss", r.discussion), ("IA_Controls", ""),
        ("Check_Content", r.check_text), ("Fix_Text", r.fix_text), ("False_Positives", ""),
        ("False_Negatives", ""), ("Documentable", "false"), ("Mitigations", ""), ("Potential_Impact", ""),
        ("Third_Party_Tools", ""), ("Mitigation_Control", ""), ("Responsibility", ""),
        ("Security_Override_Guidance", ""), ("Check_Content_Ref", r.check_ref), ("Weight", r.weight),
        ("Class", "Unclass"), ("STIGRef", info.stig_ref), ("TargetKey", TARGET_KEY), ("STIG_UUID", uuid),
        *(("LEGACY_ID", i) for i in r.legacy_ids), *(("CCI_REF", c) for c in r.ccis),
    ]


def _vuln(istig: etree._Element, info: StigInfo, uuid: str, review: Review) -> None:
    vuln = _add(istig, "VULN")
    for attribute, value in _stig_data(info, uuid, review):
        data = _add(vuln, "STIG_DATA")
        _add(data, "VULN_ATTRIBUTE", attribute)
        _add(data, "ATTRIBUTE_DATA", value)
    for tag, value in (
        ("STATUS", review.status), ("FINDING_DETAILS", review.finding_details), ("COMMENTS", review.comments),
        ("SEVERITY_OVERRIDE", review.severity_override), ("SEVERITY_JUSTIFICATION", review.severity_justification),
    ):
        _add(vuln, tag, value)


def ckl_tree(asset: Asset, info: StigInfo, reviews: list[Review]) -> etree._Element:
    """The CHECKLIST element of one asset (one iSTIG holding every rule's review)."""
    root = etree.Element("CHECKLIST")
    _asset(root, asset)
    istig = _add(_add(root, "STIGS"), "iSTIG")
    uuid = info.uuid_for(asset.name)
    _stig_info(istig, info, uuid)
    for review in reviews:
        _vuln(istig, info, uuid, review)
    return root


def write_ckl(path: Path, asset: Asset, info: StigInfo, reviews: list[Review]) -> Path:
    """Write the checklist with STIG Viewer's declaration and a comment naming the writer."""
    body = etree.tostring(ckl_tree(asset, info, reviews), encoding="UTF-8", xml_declaration=False, pretty_print=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f'<?xml version="1.0" encoding="UTF-8"?>\n<!--dockerstig :: {dockerstig.__version__}-->\n'.encode() + body)
    return path
