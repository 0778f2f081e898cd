"""Apply the SSP to what the checks concluded: attestations, then waivers.

The one place that decides; the pytest hooks (``fixtures/artefacts.py``) use it for the test
outcome and the report writers for the checklists, so both always agree.

- ``not_reviewed`` + a valid attestation → ``pass`` (passed) or ``open`` (failed); an expired
  one leaves ``not_reviewed`` and says "attestation expired on …"
- ``open`` + an unexpired waiver → ``waived``; an expired one leaves ``open`` and says so
- everything else is as the check said (a waiver never turns anything into Not_Applicable)

>>> from datetime import date, datetime, timezone
>>> from dockerstig.results import RuleResult
>>> from dockerstig.settings import Waiver
>>> ssp = Assessment([Waiver("V-235802", "node1/.*", "vendor", "AO", date(2026, 6, 30))], [],
...                  datetime(2026, 1, 1, tzinfo=timezone.utc))
>>> a = ssp.assess(RuleResult("V-235802", "node1/web", "container", "node1", "open", "Privileged=true"))
>>> a.result.status, a.notes
('waived', ('waived: vendor (approved by AO until 2026-06-30)',))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from dockerstig.attestations import Attestation, attestation_for, attestation_note
from dockerstig.results import RuleResult
from dockerstig.settings import Waiver
from dockerstig.waivers import is_expired, waiver_for, waiver_note


@dataclass(frozen=True)
class Assessed:
    """A result after the SSP, with the waiver/attestation that was considered and its sentence."""

    result: RuleResult
    notes: tuple[str, ...] = ()
    waiver: Waiver | None = None
    waiver_expired: bool = False
    attestation: Attestation | None = None
    attestation_expired: bool = False

    @property
    def summary(self) -> str:
        """The check's message and the SSP's sentences, for one-line reports (results.json)."""
        return "; ".join(filter(None, (self.result.message, *self.notes)))


@dataclass(frozen=True)
class Assessment:
    waivers: list[Waiver]
    attestations: list[Attestation]
    now: dt.datetime

    def assess(self, result: RuleResult) -> Assessed:
        """``result`` carries the check's own status (``waived`` is read as ``open``)."""
        status = "open" if result.status == "waived" else result.status
        out = {}
        notes = []
        if status == "not_reviewed":
            att = attestation_for(self.attestations, result.vuln_id, result.asset, result.target_id)
            if att is not None:
                out.update(attestation=att, attestation_expired=att.expired(self.now))
                notes.append(attestation_note(att, self.now))
                if not att.expired(self.now):
                    status = "pass" if att.status == "passed" else "open"
        if status == "open":
            w = waiver_for(self.waivers, result.vuln_id, result.target_id, self.now)
            if w is not None:
                out.update(waiver=w, waiver_expired=is_expired(w, self.now))
                notes.append(waiver_note(w, self.now))
                if not is_expired(w, self.now):
                    status = "waived"
        return Assessed(replace(result, status=status), tuple(notes), **out)
