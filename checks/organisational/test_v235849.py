"""V-235849 (DKER-EE-005070): the swarm auto-lock key must be rotated at a defined frequency.

Organisational: no API keeps the rotation history. The SA shows the rotation records
(``docker swarm unlock-key --rotate`` dates) against the SSP's frequency; the review is
recorded in the attestation file.
"""

import pytest

from dockerstig.verdict import NotReviewed


@pytest.mark.stig("V-235849")
def test_v235849_autolock_key_rotation():
    raise NotReviewed("organisational: the SA must show records that the swarm unlock key is rotated "
                      "at the frequency the SSP defines; attest it in the attestation file")
