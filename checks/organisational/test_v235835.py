"""V-235835 (DKER-EE-003340): the SIEM must notify the SA and ISSO of audit failures.

Organisational: the evidence is the SIEM's alerting, which no Docker API shows. The SIEM
administrator demonstrates it; the review is recorded in the attestation file.
"""

import pytest

from dockerstig.verdict import NotReviewed


@pytest.mark.stig("V-235835")
def test_v235835_siem_audit_failure_alert():
    raise NotReviewed("organisational: the SIEM administrator must show that the SA and ISSO are "
                      "notified when audit processing fails; attest it in the attestation file")
