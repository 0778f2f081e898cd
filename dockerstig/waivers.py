"""Waivers (SSP ``waivers``): approved acceptance of a finding on matching targets, until a date.

A waiver never makes a rule Not_Applicable: the finding is real and stays visible as its own
class (``waived``: pytest XFAIL, CKL Open with the waiver in COMMENTS, HDF ``waiver_data``).
A waiver applies through the end of its ``expires`` day; after that it no longer applies and
the reports say so:

>>> from datetime import date, datetime, timezone
>>> from dockerstig.settings import Waiver
>>> w = Waiver("V-235802", "node1/legacy-.*", "vendor appliance needs it", "J. Smith (AO)", date(2026, 6, 30))
>>> waiver_note(w, datetime(2026, 6, 30, 23, 59, tzinfo=timezone.utc))
'waived: vendor appliance needs it (approved by J. Smith (AO) until 2026-06-30)'
>>> waiver_note(w, datetime(2026, 7, 1, tzinfo=timezone.utc))
'waiver expired (approved by J. Smith (AO) until 2026-06-30): vendor appliance needs it'
"""

from __future__ import annotations

import datetime as dt
import re

from dockerstig.settings import SeverityOverride, Waiver


def is_expired(w: Waiver, now: dt.datetime) -> bool:
    return now.date() > w.expires


def waiver_for(waivers: list[Waiver], vuln_id: str, target_id: str, now: dt.datetime) -> Waiver | None:
    """The waiver that decides a target: an unexpired one (the latest expiry), else the latest expired."""
    matches = [w for w in waivers if w.vuln_id == vuln_id and re.fullmatch(w.target, target_id)]
    return max(matches, key=lambda w: (not is_expired(w, now), w.expires), default=None)


def waiver_note(w: Waiver, now: dt.datetime) -> str:
    until = f"approved by {w.approver} until {w.expires.isoformat()}"
    if is_expired(w, now):
        return f"waiver expired ({until}): {w.justification}"
    return f"waived: {w.justification} ({until})"


def severity_override(overrides: list[SeverityOverride], vuln_id: str) -> SeverityOverride | None:
    """The SSP's severity override of a rule (at most one per rule), or None."""
    return next((o for o in overrides if o.vuln_id == vuln_id), None)
