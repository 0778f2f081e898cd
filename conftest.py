"""Root conftest: only the plugin modules of dockerstig (see fixtures/)."""

pytest_plugins = [
    "fixtures.outcomes",
    "fixtures.targets",
    "fixtures.plugin",
    "fixtures.artefacts",
]
