"""The STIG's own words for the reports: from the DISA XCCDF when given, else the catalogue.

>>> from dockerstig.catalogue import CATALOGUE
>>> info = stig_info(CATALOGUE, None)
>>> info.stig_ref
'Docker Enterprise 2.x Linux/UNIX Security Technical Implementation Guide :: Version 2, Release: 2 Benchmark Date: 24 Jul 2024'
>>> info.filename
'U_Docker_Enterprise_2-x_Linux-UNIX_STIG_V2R2_Manual-xccdf.xml'
>>> rule_text(CATALOGUE["V-235802"], None).check_ref
'M'
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from dockerstig.catalogue import Catalogue, Rule
from dockerstig.xccdf import Benchmark, XccdfRule

#: What the XCCDF says, for runs without it (tests/unit/test_ckl.py compares both with the XCCDF).
FALLBACK_TITLE = "Docker Enterprise 2.x Linux/UNIX Security Technical Implementation Guide"
#: The DPMS target id (``Rule/reference/dc:identifier``) of every rule of this STIG.
TARGET_KEY = "5281"
#: Shown in place of the official check text when the run has no XCCDF.
NO_XCCDF = "The official check text is in the DISA XCCDF; run dockerstig with --stig-xccdf FILE to include it."

_NAMESPACE = uuid.UUID("6f1b7c52-2f0e-4f5e-9a43-0d6c1b3f2a10")


def stable_uuid(*parts: str) -> str:
    """The same UUID for the same parts, so re-runs of an audit diff cleanly.

    >>> stable_uuid("node1", "V-235802") == stable_uuid("node1", "V-235802")
    True
    """
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts).encode("utf-8", "surrogateescape").hex()))


@dataclass(frozen=True)
class StigInfo:
    """The STIG_INFO of a checklist (CKL SI_DATA, CKLB ``stigs[]``)."""

    benchmark_id: str
    title: str
    version: str
    release: str
    release_info: str

    @property
    def filename(self) -> str:
        """DISA's file name for the release (STIG Viewer records the file it imported)."""
        return f"U_{self.benchmark_id}_V{self.version}R{self.release}_Manual-xccdf.xml"

    @property
    def stig_ref(self) -> str:
        return f"{self.title} :: Version {self.version}, {self.release_info}"

    @property
    def display_name(self) -> str:
        return self.title.removesuffix(" Security Technical Implementation Guide")

    def uuid_for(self, asset: str) -> str:
        """The uuid of this STIG in the checklist of ``asset`` (SI_DATA uuid, STIG_UUID)."""
        return stable_uuid(asset, self.benchmark_id, self.version, self.release)


def stig_info(catalogue: Catalogue, benchmark: Benchmark | None) -> StigInfo:
    if benchmark is not None:
        return StigInfo(benchmark.benchmark_id, benchmark.title, benchmark.version, benchmark.release,
                        benchmark.release_info)
    meta = catalogue.meta
    return StigInfo(meta["benchmark"], FALLBACK_TITLE, meta["version"], meta["release"],
                    f"Release: {meta['release']} Benchmark Date: {meta['benchmark_date']}")


def rule_text(rule: Rule, benchmark: Benchmark | None) -> XccdfRule:
    """The rule as the XCCDF states it; without the XCCDF, the catalogue's fields and no prose."""
    if benchmark is not None and rule.vuln_id in benchmark.rules:
        return benchmark.rules[rule.vuln_id]
    return XccdfRule(
        vuln_id=rule.vuln_id, rule_id=rule.rule_id, stig_id=rule.stig_id, severity=rule.severity,
        weight="10.0", title=rule.title, srg=rule.srg, legacy_ids=rule.legacy_ids, ccis=rule.ccis,
        discussion="", check_text=NO_XCCDF, fix_text="", check_ref="M",
    )
