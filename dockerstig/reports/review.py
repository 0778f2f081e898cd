"""One checklist entry per rule and asset, from every target result of that rule on it.

Status of a rule on an asset (CKL words), from its targets' statuses:

1. any ``open`` or ``waived``        → Open (a waiver is an accepted risk, not a fix: its
   justification, approver and expiry go to COMMENTS)
2. else any ``error``/``not_reviewed`` → Not_Reviewed (FINDING_DETAILS says why and who reviews)
3. else any ``pass``                 → NotAFinding
4. else (all ``not_applicable``)     → Not_Applicable
5. no result at all                  → Not_Reviewed, saying why (other checklist, or no check ran)

FINDING_DETAILS lists each target (worst first) with its message and evidence; it and
COMMENTS stay within STIG Manager's 32767 characters.

>>> from dockerstig.assessment import Assessed
>>> from dockerstig.catalogue import CATALOGUE
>>> from dockerstig.results import RuleResult
>>> from dockerstig.reports.stigtext import rule_text
>>> rule = rule_text(CATALOGUE["V-235802"], None)
>>> results = [Assessed(RuleResult("V-235802", f"node1/{n}", "container", "node1", s, m))
...            for n, s, m in [("web", "pass", "Privileged=false"), ("priv", "open", "Privileged=true")]]
>>> r = review(rule, "container", "node1", results, None)
>>> r.status
'Open'
>>> print(r.finding_details)
dockerstig checked 2 targets on node1: 1 open, 1 pass.
[open] node1/priv: Privileged=true
[pass] node1/web: Privileged=false
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dockerstig.assessment import Assessed
from dockerstig.results import CLUSTER_ASSET, asset_of
from dockerstig.settings import SeverityOverride
from dockerstig.xccdf import XccdfRule
from dockerstig.reports.text import FIELD_LIMIT, clean, evidence_text

#: Targets are listed worst first.
ORDER = ("open", "waived", "error", "not_reviewed", "pass", "not_applicable")
REVIEWER = ("The ISSO or system administrator must perform the Check_Content by hand and record the "
            "result (for a manual rule: in the attestation file).")
_PER_TARGET = 4000


@dataclass(frozen=True)
class Review:
    rule: XccdfRule
    status: str  # CKL STATUS
    finding_details: str
    comments: str
    severity_override: str
    severity_justification: str
    assessed: tuple[Assessed, ...]


def ckl_status(statuses) -> str:
    """The CKL status of a rule from its targets' statuses (see the module docstring)."""
    present = set(statuses)
    if present & {"open", "waived"}:
        return "Open"
    if present & {"error", "not_reviewed"}:
        return "Not_Reviewed"
    if "pass" in present:
        return "NotAFinding"
    return "Not_Applicable" if present else "Not_Reviewed"


def _no_result(scope: str, asset: str) -> str:
    cluster_rule = asset_of(scope, "node/target") == CLUSTER_ASSET
    if cluster_rule and asset != CLUSTER_ASSET:
        why = f"this {scope} rule is checked once for the whole cluster: see the cluster checklist."
    elif not cluster_rule and asset == CLUSTER_ASSET:
        where = "every node" if scope == "node" else f"every {scope} of every node"
        why = f"this rule is checked on {where}: see each node's checklist."
    else:
        why = (f"no check ran for it on {asset} (not automated yet, deselected, or no {scope} "
               f"target on this asset). {REVIEWER}")
    return f"Not reviewed on this checklist: dockerstig has no result for this rule on {asset}; {why}"


def _target_block(a: Assessed) -> str:
    r = a.result
    lines = [f"[{r.status}] {clean(r.target_id, 256)}: {clean(r.message, _PER_TARGET)}"]
    if r.evidence:
        lines.append("  evidence: " + evidence_text(r.evidence, _PER_TARGET))
    lines += [f"  {clean(note, _PER_TARGET)}" for note in a.notes]
    return "\n".join(lines)


def _bounded(head: str, blocks: list[str], limit: int = FIELD_LIMIT) -> str:
    """``head`` and as many blocks as fit in ``limit``, then how many were left out."""
    out, size = [head], len(head)
    for i, block in enumerate(blocks):
        tail = f"… {len(blocks) - i} more targets not shown: see the HDF file or results.json"
        if size + len(block) + len(tail) + 2 > limit:
            out.append(tail)
            break
        out.append(block)
        size += len(block) + 1
    return "\n".join(out)


def _details(asset: str, assessed: list[Assessed]) -> str:
    counts = Counter(a.result.status for a in assessed)
    head = (f"dockerstig checked {len(assessed)} target{'s' * (len(assessed) != 1)} on {clean(asset, 256)}: "
            + ", ".join(f"{counts[s]} {s}" for s in ORDER if counts[s]) + ".")
    if ckl_status(counts) == "Not_Reviewed":
        head += f"\n{REVIEWER}"
    return _bounded(head, [_target_block(a) for a in assessed])


def _comments(assessed: list[Assessed]) -> str:
    """The SSP's words: each waiver/attestation sentence once, with the targets it covers."""
    targets: dict[str, list[str]] = {}
    for a in assessed:
        for note in a.notes:
            targets.setdefault(note, []).append(a.result.target_id)
    blocks = [f"{clean(note, _PER_TARGET)} [{clean(', '.join(ids), _PER_TARGET)}]" for note, ids in targets.items()]
    return clean("\n".join(blocks))


def review(rule: XccdfRule, scope: str, asset: str, assessed: list[Assessed],
           override: SeverityOverride | None) -> Review:
    """The checklist entry of ``rule`` on ``asset`` from the assessed results of its targets there."""
    assessed = sorted(assessed, key=lambda a: (ORDER.index(a.result.status), a.result.target_id))
    return Review(
        rule=rule,
        status=ckl_status(a.result.status for a in assessed),
        finding_details=_details(asset, assessed) if assessed else clean(_no_result(scope, asset)),
        comments=_comments(assessed),
        severity_override=override.severity if override else "",
        severity_justification=clean(override.justification) if override else "",
        assessed=tuple(assessed),
    )

