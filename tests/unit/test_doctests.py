"""The docstring examples of the library and the pytest wiring are true."""

import doctest
import importlib
import pkgutil

import pytest

import dockerstig
import fixtures

MODULES = sorted(
    m.name for pkg in (dockerstig, fixtures)
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
