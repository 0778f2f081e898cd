"""Root conftest: only the plugin modules of dockerstig (see fixtures/)."""

pytest_plugins = [
    "fixtures.targets",
    "fixtures.outcomes",
    "fixtures.plugin",
    "fixtures.artefacts",
]
