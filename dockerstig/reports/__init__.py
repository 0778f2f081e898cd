"""Auditor artefacts from the results of a run: CKL and CKLB per asset, one HDF file.

``write_artefacts`` is the one entry point (the pytest plugin ``fixtures/artefacts.py`` calls
it at the end of a run; integration tests can call it on ``read_results(...)``). It expects
the checks' own statuses and applies the SSP (waivers, attestations) itself, through
``dockerstig.assessment``, so every artefact agrees with the pytest outcome.

>>> import tempfile, datetime
>>> from dockerstig.catalogue import CATALOGUE
>>> from dockerstig.results import RuleResult
>>> from dockerstig.settings import Settings
>>> out = Path(tempfile.mkdtemp())
>>> paths = write_artefacts([RuleResult("V-235802", "node1/web", "container", "node1", "pass", "ok")],
...     None, CATALOGUE, None, Settings(), Outputs(out, out, out / "run.hdf.json"),
...     now=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
>>> sorted(p.name for p in paths)
['cluster.ckl', 'cluster.cklb', 'node1.ckl', 'node1.cklb', 'run.hdf.json']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from dockerstig.assessment import Assessment
from dockerstig.attestations import Attestation
from dockerstig.catalogue import Catalogue
from dockerstig.results import RuleResult
from dockerstig.settings import Settings
from dockerstig.snapshot import Snapshot
from dockerstig.waivers import severity_override
from dockerstig.xccdf import Benchmark
from dockerstig.reports.assets import asset_facts, asset_names
from dockerstig.reports.ckl import write_ckl
from dockerstig.reports.cklb import write_cklb
from dockerstig.reports.hdf import write_hdf
from dockerstig.reports.review import review
from dockerstig.reports.stigtext import rule_text, stig_info


@dataclass(frozen=True)
class Outputs:
    """Where each artefact goes; None leaves that artefact out."""

    ckl_dir: Path | None
    cklb_dir: Path | None
    hdf_file: Path | None


def file_stem(asset: str) -> str:
    """A safe file name for an asset; names that had to change get a short hash to stay unique.

    >>> file_stem("node1"), file_stem("../x y")
    ('node1', '.._x_y-46c740c6')
    """
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", asset)[:100]
    if stem == asset and stem not in (".", ".."):
        return stem
    return f"{stem}-{hashlib.sha256(asset.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


def write_artefacts(results: list[RuleResult], snapshot: Snapshot | None, catalogue: Catalogue,
                    benchmark: Benchmark | None, settings: Settings, outputs: Outputs,
                    attestations: list[Attestation] = (), now: dt.datetime | None = None) -> list[Path]:
    """Write every artefact ``outputs`` names; return the files written."""
    now = now or dt.datetime.now(dt.timezone.utc)
    when = now.isoformat(timespec="seconds")
    ssp = Assessment(settings.waivers, list(attestations), now)
    assessed = [ssp.assess(r) for r in results]
    info = stig_info(catalogue, benchmark)
    texts = [(rule, rule_text(rule, benchmark), severity_override(settings.severity_overrides, rule.vuln_id))
             for rule in catalogue]
    by_key: dict[tuple[str, str], list] = {}
    for a in assessed:
        by_key.setdefault((a.result.asset, a.result.vuln_id), []).append(a)
    assets = [asset_facts(snapshot, name) for name in asset_names(snapshot, {r.asset for r in results})]
    reviews = {
        a.name: [review(text, rule.scope, a.name, by_key.get((a.name, rule.vuln_id), []), override)
                 for rule, text, override in texts]
        for a in assets
    }
    written = []
    for a in assets:
        if outputs.ckl_dir is not None:
            written.append(write_ckl(outputs.ckl_dir / f"{file_stem(a.name)}.ckl", a, info, reviews[a.name]))
        if outputs.cklb_dir is not None:
            written.append(write_cklb(outputs.cklb_dir / f"{file_stem(a.name)}.cklb", a, info, reviews[a.name], when))
    if outputs.hdf_file is not None:
        scopes = {rule.vuln_id: rule.scope for rule in catalogue}
        written.append(write_hdf(outputs.hdf_file, info, assets, reviews, scopes, when))
    return written
