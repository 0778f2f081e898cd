"""V-235836 (DKER-EE-003460): the SIEM must alert the ISSO/ISSM on unauthorized software.

Organisational: the evidence is the SIEM's alerting on unauthorized software installs. The
SIEM administrator demonstrates it; the review is recorded in the attestation file.
"""

import pytest

from dockerstig.verdict import NotReviewed


@pytest.mark.stig("V-235836")
def test_v235836_siem_unauthorized_software_alert():
    raise NotReviewed("organisational: the SIEM administrator must show an alert to the ISSO and ISSM "
                      "when unauthorized software is installed; attest it in the attestation file")
