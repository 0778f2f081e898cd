"""STIG Viewer 3 checklist (CKLB): one JSON file per asset, same content and statuses as the CKL.

The shape is STIG Viewer 3's (as STIG Manager writes and reads it; DISA publishes no schema):
``target_data`` for the asset, one ``stigs[]`` entry with every rule, snake_case rule fields.

>>> from dockerstig.catalogue import CATALOGUE
>>> from dockerstig.reports.assets import Asset
>>> from dockerstig.reports.review import review
>>> from dockerstig.reports.stigtext import rule_text, stig_info
>>> rule = rule_text(CATALOGUE["V-235802"], None)
>>> doc = cklb_document(Asset("node1", "node1"), stig_info(CATALOGUE, None),
...                     [review(rule, "container", "node1", [], None)], "2026-01-01T00:00:00+00:00")
>>> doc["target_data"]["host_name"], doc["stigs"][0]["rules"][0]["status"], doc["stigs"][0]["rules"][0]["rule_id"]
('node1', 'not_reviewed', 'SV-235802r960963')
"""

from __future__ import annotations

import json
from pathlib import Path

from dockerstig.reports.assets import Asset
from dockerstig.reports.review import Review
from dockerstig.reports.stigtext import TARGET_KEY, StigInfo, stable_uuid
from dockerstig.reports.text import clean

CKLB_STATUS = {
    "NotAFinding": "not_a_finding", "Open": "open", "Not_Applicable": "not_applicable", "Not_Reviewed": "not_reviewed",
}


def _target_data(a: Asset) -> dict:
    return {
        "target_type": a.asset_type, "host_name": clean(a.host_name), "ip_address": clean(a.ip),
        "mac_address": clean(a.mac), "fqdn": clean(a.fqdn), "comments": clean(a.comment), "role": a.role,
        "is_web_database": False, "technology_area": a.tech_area, "web_db_site": "", "web_db_instance": "",
        "classification": "Unclassified",
    }


def _rule(info: StigInfo, stig_uuid: str, review: Review, when: str) -> dict:
    r = review.rule
    return {
        "uuid": stable_uuid(stig_uuid, r.vuln_id), "stig_uuid": stig_uuid,
        "target_key": TARGET_KEY, "stig_ref": info.stig_ref,
        "group_id": r.vuln_id, "group_id_src": r.vuln_id,
        "rule_id": r.rule_id.removesuffix("_rule"), "rule_id_src": r.rule_id,
        "weight": r.weight, "classification": "Unclassified", "severity": r.severity,
        "rule_version": r.stig_id, "rule_title": r.title, "fix_text": r.fix_text,
        "reference_identifier": TARGET_KEY, "group_title": r.srg,
        "false_positives": "", "false_negatives": "", "discussion": r.discussion, "check_content": r.check_text,
        "documentable": "false", "mitigations": "", "potential_impacts": "", "third_party_tools": "",
        "mitigation_control": "", "responsibility": "", "security_override_guidance": "", "ia_controls": "",
        "check_content_ref": {"name": r.check_ref, "href": ""},
        "legacy_ids": list(r.legacy_ids), "ccis": list(r.ccis),
        "group_tree": [{"id": r.vuln_id, "title": r.srg, "description": "<GroupDescription></GroupDescription>"}],
        "createdAt": when, "updatedAt": when,
        "status": CKLB_STATUS[review.status],
        "overrides": ({"severity": {"severity": review.severity_override, "reason": review.severity_justification}}
                      if review.severity_override else {}),
        "comments": review.comments, "finding_details": review.finding_details,
    }


def cklb_document(asset: Asset, info: StigInfo, reviews: list[Review], when: str) -> dict:
    """The CKLB of one asset; ``when`` (ISO time) stamps createdAt/updatedAt."""
    stig_uuid = info.uuid_for(asset.name)
    return {
        "title": clean(f"{asset.host_name} - {info.display_name}", 1024),
        "id": stable_uuid("cklb", asset.name),
        "active": False, "mode": 1, "has_path": True, "cklb_version": "1.0",
        "target_data": _target_data(asset),
        "stigs": [{
            "stig_name": info.title, "display_name": info.display_name, "stig_id": info.benchmark_id,
            "release_info": info.release_info, "version": info.version, "uuid": stig_uuid,
            "reference_identifier": TARGET_KEY, "size": len(reviews),
            "rules": [_rule(info, stig_uuid, r, when) for r in reviews],
        }],
    }


def write_cklb(path: Path, asset: Asset, info: StigInfo, reviews: list[Review], when: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cklb_document(asset, info, reviews, when), indent=1, ensure_ascii=False),
                    encoding="utf-8")
    return path
