"""Shared fixtures of the suite's own tests."""

import os

import pytest

import lab as labpkg


@pytest.fixture(scope="session")
def lab():
    """The running lab's environment dict (``python -m lab env --json``).

    Reuses a lab that is already up and leaves it up. Otherwise brings one up (default scenario)
    and takes it down at session end, unless DOCKERSTIG_LAB_KEEP=1 or this is a pytest-xdist
    worker (the other workers may still use it).
    """
    try:
        started = labpkg.ensure_up()
        env = labpkg.environment()
    except labpkg.LabError as exc:
        pytest.fail(f"lab: {exc}", pytrace=False)
    yield env
    keep = os.environ.get("DOCKERSTIG_LAB_KEEP") == "1" or "PYTEST_XDIST_WORKER" in os.environ
    if started and not keep:
        labpkg.down()
