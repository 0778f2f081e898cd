"""One real audit of the lab per test session, shared by the integration tests."""

import pytest

from lab.audit import audit_args
from tests.integration.audit import run_audit


@pytest.fixture(scope="session")
def lab_audit(lab, tmp_path_factory):
    """The full audit of the running lab (``AuditRun``): run once, asserted by many tests."""
    return run_audit(audit_args(lab), tmp_path_factory.mktemp("lab-audit"))
