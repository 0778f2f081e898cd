"""Heimdall Data Format (HDF, InSpec exec-json): ONE file and ONE profile for the whole run.

Each rule is one control; its ``results`` hold every target of the rule on every asset
(``code_desc`` = the target id), so Heimdall shows the cluster in one view. The per-asset
checklist status of every rule, and the asset facts, are in ``passthrough.dockerstig``.

Result statuses: pass → passed; open → failed; waived → failed with the waiver in the message
and the control's ``waiver_data`` (``run: true``, ``skipped_due_to_waiver: false``: a waiver
is not Not Applicable); not_applicable / not_reviewed → skipped; error → error (Heimdall's
Profile Error: the tool could not look). A control whose every result is not_applicable gets
impact 0 (Heimdall: Not Applicable). Attestations: the attested result (passed/failed) and
the control's ``attestation_data``; an expired one stays skipped and says so. ``impact``
follows the SSP's severity override when there is one (``tags.severity`` keeps the STIG's).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dockerstig
from dockerstig.assessment import Assessed
from dockerstig.reports.assets import Asset
from dockerstig.reports.review import Review
from dockerstig.reports.stigtext import StigInfo
from dockerstig.reports.text import clean, evidence_text

IMPACT = {"high": 0.7, "medium": 0.5, "low": 0.3}
HDF_STATUS = {"pass": "passed", "open": "failed", "waived": "failed", "not_applicable": "skipped",
              "not_reviewed": "skipped", "error": "error"}
NO_RESULT = ("dockerstig has no result for this rule in this run (not automated yet, deselected, or no target "
             "of its scope): the ISSO or system administrator must review it by hand.")
_MESSAGE_LIMIT = 16000


def _result(a: Assessed, when: str) -> dict:
    r = a.result
    message = clean(a.summary, _MESSAGE_LIMIT)
    if r.evidence:
        message += "\nevidence: " + evidence_text(r.evidence, _MESSAGE_LIMIT)
    out = {"status": HDF_STATUS[r.status], "code_desc": clean(r.target_id, 1024), "start_time": when,
           "message": message}
    if out["status"] == "skipped":
        out["skip_message"] = message
    return out


def _waiver_data(assessed: list[Assessed]) -> dict | None:
    waived = [a for a in assessed if a.waiver is not None]
    if not waived:
        return None
    active = [a.waiver for a in waived if not a.waiver_expired]
    return {
        "justification": clean("; ".join(dict.fromkeys(a.waiver.justification for a in waived))),
        "expiration_date": min(w.expires for w in active or [a.waiver for a in waived]).isoformat(),
        "message": clean("\n".join(f"{a.result.target_id}: {'; '.join(a.notes)}" for a in waived)),
        "run": True,
        "skipped_due_to_waiver": False,
    }


def _attestation_data(assessed: list[Assessed]) -> dict | None:
    att = next((a.attestation for a in assessed if a.attestation is not None), None)
    if att is None:
        return None
    return {
        "control_id": att.vuln_id, "explanation": clean(att.explanation), "frequency": clean(att.frequency),
        "status": att.status, "updated": att.updated.isoformat(), "updated_by": clean(att.updated_by),
    }


def _control(reviews: list[Review], when: str) -> dict:
    """The control of one rule from its reviews on every asset."""
    rule = reviews[0].rule
    assessed = [a for rv in reviews for a in rv.assessed]
    results = [_result(a, when) for a in assessed] or [
        {"status": "skipped", "code_desc": "no result", "start_time": when, "message": NO_RESULT,
         "skip_message": NO_RESULT}]
    all_na = assessed and all(a.result.status == "not_applicable" for a in assessed)
    override = reviews[0].severity_override
    nodeids = [a.result.nodeid for a in assessed if a.result.nodeid]
    control = {
        "id": rule.vuln_id, "title": rule.title, "desc": rule.discussion,
        "descriptions": [{"label": "default", "data": rule.discussion}, {"label": "check", "data": rule.check_text},
                         {"label": "fix", "data": rule.fix_text}],
        "impact": 0.0 if all_na else IMPACT[override or rule.severity],
        "refs": [],
        "tags": {"severity": rule.severity, "gtitle": rule.srg, "gid": rule.vuln_id, "rid": rule.rule_id,
                 "stig_id": rule.stig_id, "cci": list(rule.ccis), "legacy": list(rule.legacy_ids),
                 "weight": rule.weight},
        "source_location": {"ref": nodeids[0].split("::")[0]} if nodeids else {},
        "results": results,
        "waiver_data": _waiver_data(assessed),
        "attestation_data": _attestation_data(assessed),
    }
    if override:
        control["tags"].update(severity_override=override, severity_justification=reviews[0].severity_justification)
    return control


def hdf_document(info: StigInfo, assets: list[Asset], reviews: dict[str, list[Review]], scopes: dict[str, str],
                 when: str) -> dict:
    """The HDF of a run: ``reviews[asset]`` in catalogue order, ``scopes[vuln_id]`` groups controls."""
    first = next(iter(reviews.values()))
    controls = [_control([rvs[i] for rvs in reviews.values()], when) for i in range(len(first))]
    groups: dict[str, list[str]] = {}
    for c in controls:
        groups.setdefault(scopes[c["id"]], []).append(c["id"])
    statuses = [next((s for s in ("failed", "passed") if any(r["status"] == s for r in c["results"])), "skipped")
                for c in controls]
    profile = {
        "name": "dockerstig-" + info.benchmark_id, "title": info.title,
        "version": f"V{info.version}R{info.release}", "summary": info.release_info,
        "maintainer": "dockerstig", "supports": [], "attributes": [], "status": "loaded",
        "groups": [{"id": f"checks/{scope}", "title": scope, "controls": ids} for scope, ids in groups.items()],
        "controls": controls,
    }
    profile["sha256"] = hashlib.sha256(
        json.dumps([(c["id"], c["tags"]["rid"], c["impact"]) for c in controls]).encode()).hexdigest()
    return {
        "platform": {"name": "Docker Enterprise", "release": "2.x", "target_id": clean(assets[0].host_name)},
        "profiles": [profile],
        "statistics": {"duration": None, "controls": {
            s: {"total": statuses.count(s)} for s in ("passed", "failed", "skipped")}},
        "version": dockerstig.__version__,
        "passthrough": {"dockerstig": {
            "generated": when,
            "assets": [{"name": clean(a.name), "host_name": clean(a.host_name), "ip": clean(a.ip),
                        "fqdn": clean(a.fqdn), "comment": clean(a.comment),
                        "statuses": {rv.rule.vuln_id: rv.status for rv in reviews[a.name]}} for a in assets],
        }},
    }


def write_hdf(path: Path, info: StigInfo, assets: list[Asset], reviews: dict[str, list[Review]],
              scopes: dict[str, str], when: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(hdf_document(info, assets, reviews, scopes, when), ensure_ascii=False),
                    encoding="utf-8")
    return path
