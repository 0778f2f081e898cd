"""How a check states its result, in the STIG's own outcome words.

Checks raise these; ``fixtures/outcomes.py`` turns them into pytest outcomes:

- ``Finding``       → failed test, reported as one line (seen / required) → CKL ``Open``
- ``NotApplicable`` → skipped "not applicable: …"                        → ``Not_Applicable``
- ``NotReviewed``   → skipped "not reviewed: …"                          → ``Not_Reviewed``
- ``CouldNotLook``  → raised by fixtures in setup → pytest *error*       → ``Not_Reviewed``

>>> str(Finding("HostConfig.Privileged=true", "HostConfig.Privileged=false"))
'HostConfig.Privileged=true; required: HostConfig.Privileged=false'
"""

from __future__ import annotations


class Finding(AssertionError):
    """The target does not meet the rule: what was seen, what is required, and the evidence."""

    def __init__(self, seen: str, required: str, evidence: dict | None = None):
        super().__init__(f"{seen}; required: {required}")
        self.seen = seen
        self.required = required
        self.evidence = evidence or {}


class NotApplicable(Exception):
    """The rule does not apply to this target (the reason says why)."""


class NotReviewed(Exception):
    """A person must review this rule (organisational), or no attestation covers it."""


class CouldNotLook(Exception):
    """The facts the rule needs could not be read: target unreachable, permission denied …"""


#: What the checks of the current test saw (reset per test by fixtures/outcomes.py), so that
#: a pass carries its evidence too.
OBSERVED: list[str] = []


def observe(seen: str) -> None:
    """Record an observation as evidence of the current result."""
    OBSERVED.append(seen)


def require(condition: bool, seen: str, required: str, evidence: dict | None = None) -> None:
    """Record ``seen``; raise a Finding unless ``condition`` holds.

    >>> require(True, "User=1000", "a non-root user"); OBSERVED[-1]
    'User=1000'
    """
    observe(seen)
    if not condition:
        raise Finding(seen, required, evidence)
