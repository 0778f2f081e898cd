"""The example SSP and attestation files in examples/ are valid and do what they say."""

from pathlib import Path

from dockerstig.attestations import attestation_file, load_attestations
from dockerstig.settings import Settings, load_settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_example_ssp_is_valid_and_keeps_the_documented_defaults():
    settings = load_settings(EXAMPLES / "ssp.yaml")
    defaults = Settings()
    assert settings.containers.system_patterns == defaults.containers.system_patterns
    assert settings.containers.max_restart_retries == defaults.containers.max_restart_retries
    assert settings.files.mode_compare == defaults.files.mode_compare
    assert settings.waivers[0].rule == "V-235802"
    assert settings.containers.exceptions[0].container == "node3/memory"


def test_example_attestations_load():
    path = attestation_file(load_settings(EXAMPLES / "ssp.yaml"), EXAMPLES / "ssp.yaml")
    attestations = load_attestations(path)
    assert {a.rule for a in attestations} == {"V-235834", "V-235824"}
