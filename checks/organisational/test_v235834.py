"""V-235834 (DKER-EE-003330): the SIEM must alert the SA and ISSO at 75% audit storage.

Organisational: the evidence is the SIEM's configuration, which no Docker API shows. A person
reviews it (an attestation file records the review, see the README).
"""

import pytest

from dockerstig.verdict import NotReviewed


@pytest.mark.stig("V-235834")
def test_v235834_siem_storage_alert():
    raise NotReviewed("organisational: the SIEM administrator must show an alert to the SA and ISSO "
                      "when audit storage reaches 75%; attest it in the attestation file")
