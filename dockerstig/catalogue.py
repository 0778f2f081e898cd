"""The V2R2 rule catalogue, kept in the project as data (``data/catalogue.json``).

Everything is keyed on the V-ID, which did not change between releases (the SV rule ids did).

>>> rule = CATALOGUE["V-235839"]
>>> rule.stig_id, rule.cat, rule.scope
('DKER-EE-003610', 'cat2', 'image')
>>> CATALOGUE.find("V-95711").vuln_id
'V-235839'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "catalogue.json"

CAT_BY_SEVERITY = {"high": "cat1", "medium": "cat2", "low": "cat3"}


@dataclass(frozen=True)
class Rule:
    """One STIG rule as the catalogue knows it (the official prose comes from the XCCDF)."""

    vuln_id: str
    rule_id: str
    stig_id: str
    severity: str
    legacy_ids: tuple[str, ...]
    ccis: tuple[str, ...]
    srg: str
    title: str
    scope: str

    @property
    def cat(self) -> str:
        """``cat1``/``cat2``/``cat3`` for high/medium/low."""
        return CAT_BY_SEVERITY[self.severity]

    @property
    def selectors(self) -> tuple[str, ...]:
        """Every id an auditor may select the rule by: V-ID, STIG id, legacy ids."""
        return (self.vuln_id, self.stig_id, *self.legacy_ids)


class Catalogue:
    """The rules of one STIG release, looked up by V-ID or by any of their other ids."""

    def __init__(self, rules: list[Rule], meta: dict[str, str]):
        self.rules = rules
        self.meta = meta
        self._by_vuln = {r.vuln_id: r for r in rules}
        self._by_any = {sel: r for r in rules for sel in r.selectors}

    def __getitem__(self, vuln_id: str) -> Rule:
        return self._by_vuln[vuln_id]

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def find(self, any_id: str) -> Rule | None:
        """The rule named by a V-ID, STIG id or legacy id, or None."""
        return self._by_any.get(any_id)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> "Catalogue":
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = [
            Rule(**{**r, "legacy_ids": tuple(r["legacy_ids"]), "ccis": tuple(r["ccis"])})
            for r in data.pop("rules")
        ]
        return cls(rules, data)


CATALOGUE = Catalogue.load()
