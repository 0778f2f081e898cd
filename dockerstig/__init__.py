"""dockerstig: audit a Docker Enterprise cluster against the DISA Docker Enterprise 2.x STIG.

The package is a plain library, importable without pytest: the rule catalogue, SSP settings,
collectors, the snapshot model, evaluation helpers and report writers. The pytest wiring lives
in ``fixtures/`` and the rules themselves in ``checks/``.
"""

__version__ = "0.1.0"
