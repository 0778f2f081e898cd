"""Shared fixtures of the suite's own tests."""

import os

import pytest

import lab as labpkg


@pytest.fixture(scope="session")
def lab():
    """The running lab's environment dict (``python -m lab env --json``).

    Reuses a lab that is already up and leaves it up. Otherwise brings one up (default scenario)
    and takes it down at session end, unless DOCKERSTIG_LAB_KEEP=1. Under pytest-xdist, start the
    lab first (``python -m lab up``): each worker then reuses it.
    """
    try:
        started = not labpkg.status()["up"]
        if started:
            labpkg.up()
        env = labpkg.environment()
    except labpkg.LabError as exc:
        pytest.fail(f"lab: {exc}", pytrace=False)
    yield env
    if started and os.environ.get("DOCKERSTIG_LAB_KEEP") != "1":
        labpkg.down()
