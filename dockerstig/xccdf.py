"""Read the official DISA XCCDF benchmark: rule metadata and the prose (discussion, check, fix).

The catalogue carries the metadata; the reports use this text when the user supplies the XCCDF
with ``--stig-xccdf``.

Example (needs the DISA file)::

    bench = read_benchmark("U_Docker_Enterprise_2-x_Linux-UNIX_STIG_V2R2_Manual-xccdf.xml")
    bench.rules["V-235839"].check_text  # 'This check only applies to the UCP component …'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = {"x": "http://checklists.nist.gov/xccdf/1.1"}


class XccdfError(ValueError):
    """The file is not a readable XCCDF benchmark (message names the file)."""


@dataclass(frozen=True)
class XccdfRule:
    vuln_id: str
    rule_id: str
    stig_id: str
    severity: str
    weight: str
    title: str
    srg: str
    legacy_ids: tuple[str, ...]
    ccis: tuple[str, ...]
    discussion: str
    check_text: str
    fix_text: str
    check_ref: str


@dataclass(frozen=True)
class Benchmark:
    benchmark_id: str
    title: str
    version: str
    release_info: str
    rules: dict[str, XccdfRule]

    @property
    def release(self) -> str:
        """The release number, e.g. ``"2"`` from "Release: 2 Benchmark Date: 24 Jul 2024"."""
        m = re.search(r"Release:\s*(\S+)", self.release_info)
        return m.group(1) if m else ""


def _text(el: ET.Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _vuln_discussion(description: str) -> str:
    """The description holds escaped pseudo-XML; the discussion is its VulnDiscussion part."""
    m = re.search(r"<VulnDiscussion>(.*?)</VulnDiscussion>", description, re.S)
    return m.group(1) if m else description


def _legacy_sort_key(ident: str) -> tuple[bool, str]:
    return (not ident.startswith("V-"), ident)


def _read_rule(group: ET.Element) -> XccdfRule:
    rule = group.find("x:Rule", NS)
    if rule is None:
        raise XccdfError(f"group {group.get('id')} has no Rule")
    idents = [(i.get("system", ""), _text(i)) for i in rule.findall("x:ident", NS)]
    check = rule.find("x:check", NS)
    ref = check.find("x:check-content-ref", NS) if check is not None else None
    return XccdfRule(
        vuln_id=group.get("id", ""),
        rule_id=rule.get("id", ""),
        stig_id=_text(rule.find("x:version", NS)),
        severity=rule.get("severity", ""),
        weight=rule.get("weight", "10.0"),
        title=_text(rule.find("x:title", NS)),
        srg=_text(group.find("x:title", NS)),
        legacy_ids=tuple(sorted((v for s, v in idents if s.endswith("/legacy")), key=_legacy_sort_key)),
        ccis=tuple(v for s, v in idents if s.endswith("/cci")),
        discussion=_vuln_discussion(_text(rule.find("x:description", NS))),
        check_text=_text(check.find("x:check-content", NS)) if check is not None else "",
        fix_text=_text(rule.find("x:fixtext", NS)),
        check_ref=ref.get("name", "M") if ref is not None else "M",
    )


def read_benchmark(path: str | Path) -> Benchmark:
    """Parse a DISA XCCDF 1.1 benchmark; raise XccdfError naming the file on bad input."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise XccdfError(f"{path}: not a readable XCCDF file ({exc})") from None
    if root.tag != f"{{{NS['x']}}}Benchmark":
        raise XccdfError(f"{path}: not an XCCDF 1.1 Benchmark (root element {root.tag})")
    rules = {}
    for group in root.findall("x:Group", NS):
        try:
            r = _read_rule(group)
        except XccdfError as exc:
            raise XccdfError(f"{path}: {exc}") from None
        rules[r.vuln_id] = r
    if not rules:
        raise XccdfError(f"{path}: the benchmark holds no rules")
    release_info = next(
        (_text(p) for p in root.findall("x:plain-text", NS) if p.get("id") == "release-info"), ""
    )
    return Benchmark(
        benchmark_id=root.get("id", ""),
        title=_text(root.find("x:title", NS)),
        version=_text(root.find("x:version", NS)),
        release_info=release_info,
        rules=rules,
    )
