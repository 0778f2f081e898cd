"""V-235824 (DKER-EE-002410): the SSP must document the process for using Docker secrets.

Organisational: the evidence is the System Security Plan itself. The ISSO reviews it and
records the review in the attestation file (see the README).
"""

import pytest

from dockerstig.verdict import NotReviewed


@pytest.mark.stig("V-235824")
def test_v235824_ssp_documents_secrets_process():
    raise NotReviewed("organisational: the ISSO must confirm that the SSP documents how Docker "
                      "secrets are created, distributed and rotated; attest it in the attestation file")
