"""Small evaluation helpers that several checks share, in the STIG's words.

>>> mode_within("0640", "0644"), mode_within("0666", "0644"), mode_within("4644", "0644")
(True, False, False)
"""

from __future__ import annotations

import re

from dockerstig.settings import Settings
from dockerstig.verdict import NotApplicable


def mode_within(mode: str, allowed: str, compare: str = "subset") -> bool:
    """"``allowed`` or more restrictive": no permission bit beyond ``allowed``, no special bits.

    ``compare="exact"`` is the literal reading: the mode must equal ``allowed``.
    """
    actual, limit = int(mode, 8), int(allowed, 8)
    if compare == "exact":
        return actual == limit
    return actual & ~limit & 0o7777 == 0


def skip_system_container(container, settings: Settings, patterns: list[str] | None = None) -> None:
    """The STIG's ``grep -iv "ucp\\|kube\\|dtr"``: UCP/Kubernetes/DTR system containers are out.

    ``patterns`` replaces ``containers.system_patterns`` for a rule that greps other names.
    """
    for pattern in settings.containers.system_patterns if patterns is None else patterns:
        if re.search(pattern, container.name, re.I):
            raise NotApplicable(f"system container excluded by the STIG check (name matches {pattern!r})")
