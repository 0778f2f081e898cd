"""Attestations: a person's recorded verdict on a manual rule, valid for a set period.

The attestation file (YAML or TOML; its path is the SSP key ``attestations``) holds a list:

.. code-block:: yaml

    attestations:
      - rule: V-235834                  # any id of the rule (V-ID, STIG id, legacy id)
        status: passed                  # passed → NotAFinding, failed → Open
        explanation: SIEM alerts the SA and ISSO at 75% (ticket SEC-1234)
        frequency: quarterly            # annually, semiannually, quarterly, monthly, every2weeks,
                                        # fortnightly, weekly, every3days, daily, or 90d / 2w / 6m / 1y
        updated: 2025-03-01             # date or timestamp (naive = UTC)
        updated_by: Jane Doe, ISSO
        asset: cluster                  # optional: the checklist asset it covers (default: any)
        target: .*                      # optional: regex on the target id (default: any)

An attestation only decides a rule that the check left Not_Reviewed. It is valid until
``updated + frequency`` (Heimdall's rule, with calendar months); after that the rule stays
Not_Reviewed and says "attestation expired on …":

>>> from datetime import datetime, timezone
>>> a = Attestation("V-235834", "passed", "SIEM alerts at 75%", "quarterly",
...                 datetime(2025, 1, 31, tzinfo=timezone.utc), "Jane Doe")
>>> a.expires_at.date().isoformat()
'2025-04-30'
>>> attestation_note(a, datetime(2025, 5, 1, tzinfo=timezone.utc))
'attestation expired on 2025-04-30 (passed by Jane Doe on 2025-01-31, quarterly): SIEM alerts at 75%'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from dockerstig.catalogue import CATALOGUE
from dockerstig.settings import NamesRule, Settings, SettingsError, _BadValue, _check_regex, _choice, load_text

#: Heimdall's named frequencies, as (months, days).
NAMED_FREQUENCIES = {
    "annually": (12, 0), "semiannually": (6, 0), "quarterly": (3, 0), "monthly": (1, 0),
    "every2weeks": (0, 14), "fortnightly": (0, 14), "weekly": (0, 7), "every3days": (0, 3), "daily": (0, 1),
}
_CUSTOM = re.compile(r"(\d{1,4})\s*([dwmy])")
_UNITS = {"d": (0, 1), "w": (0, 7), "m": (1, 0), "y": (12, 0)}


def period(frequency: str) -> tuple[int, int] | None:
    """``(months, days)`` of a frequency, or None if it is not one.

    >>> period("quarterly"), period("90d"), period("6m"), period("1.5y")
    ((3, 0), (0, 90), (6, 0), None)
    """
    if frequency in NAMED_FREQUENCIES:
        return NAMED_FREQUENCIES[frequency]
    m = _CUSTOM.fullmatch(frequency.strip())
    if not m:
        return None
    months, days = _UNITS[m.group(2)]
    return months * int(m.group(1)), days * int(m.group(1))


def _add_months(when: dt.datetime, months: int) -> dt.datetime:
    year, month = divmod(when.month - 1 + months, 12)
    year, month = when.year + year, month + 1
    return when.replace(year=year, month=month, day=min(when.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Attestation(NamesRule):
    rule: str = ""
    status: str = ""
    explanation: str = ""
    frequency: str = ""
    updated: dt.datetime | None = None
    updated_by: str = ""
    asset: str = ""
    target: str = ".*"

    @property
    def expires_at(self) -> dt.datetime:
        months, days = period(self.frequency)
        return _add_months(self.updated, months) + dt.timedelta(days=days)

    def expired(self, now: dt.datetime) -> bool:
        return self.expires_at < now

    def covers(self, vuln_id: str, asset: str, target_id: str) -> bool:
        return (self.vuln_id == vuln_id and self.asset in ("", asset)
                and re.fullmatch(self.target, target_id) is not None)


def _problem(a: Attestation) -> tuple[str, str] | None:
    """The first (key, problem) of an attestation, or None."""
    if CATALOGUE.find(a.rule) is None:
        return "rule", f"unknown rule {a.rule!r} (expected a V-ID, STIG id or legacy id of the STIG)"
    for key in ("explanation", "updated_by"):
        if not getattr(a, key).strip():
            return key, "required, must not be empty"
    if period(a.frequency) is None:
        return "frequency", (f"expected {', '.join(NAMED_FREQUENCIES)} or a count of d/w/m/y "
                             f"like 90d, got {a.frequency!r}")
    if a.updated is None:
        return "updated", "required: when the attestation was made (YYYY-MM-DD)"
    return None


@dataclass(frozen=True)
class AttestationFile:
    attestations: list[Attestation] = field(default_factory=list)

    def __post_init__(self):
        for i, a in enumerate(self.attestations):
            key = f"attestations[{i}]"
            problem = _problem(a)
            if problem:
                raise _BadValue(f"{key}.{problem[0]}", problem[1])
            _choice(f"{key}.status", a.status, ("passed", "failed"))
            _check_regex(f"{key}.target", a.target)


def load_attestations_text(text: str, source: str) -> list[Attestation]:
    """Validate attestation ``text``; errors are one line ``source: key: problem``.

    >>> load_attestations_text("attestations: [{rule: V-1, status: passed}]", "att.yaml")
    Traceback (most recent call last):
    ...
    dockerstig.settings.SettingsError: att.yaml: attestations[0].rule: unknown rule 'V-1' (expected a V-ID, STIG id or legacy id of the STIG)
    """
    return load_text(AttestationFile, text, source).attestations


def load_attestations(path: str | Path | None) -> list[Attestation]:
    """The attestations of the file at ``path`` (none when ``path`` is None)."""
    if path is None:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read the attestation file ({exc.__class__.__name__}: {exc})") from None
    return load_attestations_text(text, str(path))


def attestation_file(settings: Settings, ssp: str | Path | None) -> Path | None:
    """The attestation file the SSP names, relative to the SSP file's folder.

    >>> attestation_file(Settings(attestations="att.yaml"), "/etc/dockerstig/ssp.yaml").as_posix()
    '/etc/dockerstig/att.yaml'
    """
    if settings.attestations is None:
        return None
    return Path(ssp).parent / settings.attestations if ssp else Path(settings.attestations)


def attestation_for(attestations: list[Attestation], vuln_id: str, asset: str, target_id: str) -> Attestation | None:
    """The most recent attestation that covers the target, or None."""
    matches = [a for a in attestations if a.covers(vuln_id, asset, target_id)]
    return max(matches, key=lambda a: a.updated, default=None)


def attestation_note(a: Attestation, now: dt.datetime) -> str:
    """The sentence the reports carry: who attested what, when, until when."""
    said = f"{a.status} by {a.updated_by} on {a.updated.date().isoformat()}, {a.frequency}"
    if a.expired(now):
        return f"attestation expired on {a.expires_at.date().isoformat()} ({said}): {a.explanation}"
    return f"attested {said} (valid until {a.expires_at.date().isoformat()}): {a.explanation}"
