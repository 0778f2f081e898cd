"""One record per (rule, target): what the audit concluded, for every report writer.

The pytest hooks (``fixtures/results.py``) build these from test reports on the controller;
the writers (JUnit/HTML extras, CKL, CKLB, HDF) read only these and the catalogue.

Statuses, and how the checklists name them:

====================  ================  =====================================================
status                CKL STATUS        pytest outcome
====================  ================  =====================================================
``pass``              NotAFinding       passed
``open``              Open              failed (a ``Finding``)
``not_applicable``    Not_Applicable    skipped "not applicable: …"
``not_reviewed``      Not_Reviewed      skipped "not reviewed: …" (organisational/manual)
``error``             Not_Reviewed      error in setup, or an unexpected exception
``waived``            Open              xfailed "waived: …" (an SSP waiver covers the finding)
====================  ================  =====================================================

>>> r = RuleResult("V-235802", "node1/web", "container", "node1", "open", "HostConfig.Privileged=true")
>>> r.ckl_status
'Open'
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

CKL_STATUS = {
    "pass": "NotAFinding",
    "open": "Open",
    "not_applicable": "Not_Applicable",
    "not_reviewed": "Not_Reviewed",
    "error": "Not_Reviewed",
    "waived": "Open",
}

#: The asset that rules of cluster-wide scopes belong to (one checklist for it).
CLUSTER_ASSET = "cluster"


@dataclass
class RuleResult:
    vuln_id: str
    target_id: str
    scope: str
    asset: str
    status: str
    message: str
    evidence: dict = field(default_factory=dict)
    nodeid: str = ""

    @property
    def ckl_status(self) -> str:
        return CKL_STATUS[self.status]


def asset_of(scope: str, target_id: str) -> str:
    """The checklist asset of a target: its node for node/container/image, else the cluster.

    >>> asset_of("container", "node1/web"), asset_of("cluster", "swarm")
    ('node1', 'cluster')
    """
    if scope in ("node", "container", "image"):
        return target_id.split("/", 1)[0]
    return CLUSTER_ASSET


def write_results(results: list[RuleResult], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")


def read_results(path: str | Path) -> list[RuleResult]:
    return [RuleResult(**r) for r in json.loads(Path(path).read_text(encoding="utf-8"))]
