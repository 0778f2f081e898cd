"""The catalogue and checks/ agree with the official DISA XCCDF."""

from pathlib import Path

import pytest

from dockerstig.catalogue import CATALOGUE
from dockerstig.xccdf import XccdfError, read_benchmark

SHARED = Path(__file__).resolve().parents[3] / "shared" / "stig"
V2R2 = SHARED / "U_Docker_Enterprise_2-x_Linux-UNIX_STIG_V2R2_Manual-xccdf.xml"
CHECKS = Path(__file__).resolve().parents[2] / "checks"


@pytest.fixture(scope="module")
def benchmark():
    return read_benchmark(V2R2)


def test_catalogue_has_every_v2r2_rule_with_the_same_metadata(benchmark):
    assert len(CATALOGUE) == 101
    assert {r.vuln_id for r in CATALOGUE} == set(benchmark.rules)
    for rule in CATALOGUE:
        official = benchmark.rules[rule.vuln_id]
        assert (rule.severity, rule.stig_id, rule.rule_id) == (official.severity, official.stig_id, official.rule_id)
        assert rule.legacy_ids == official.legacy_ids
        assert rule.ccis == official.ccis
        assert rule.title == official.title


def test_benchmark_release_and_text(benchmark):
    assert benchmark.release == "2"
    assert "docker trust inspect" in benchmark.rules["V-235839"].check_text
    assert benchmark.rules["V-235839"].discussion.startswith("The UCP and Docker Trusted Registry")


def test_legacy_and_stig_ids_find_the_rule():
    assert CATALOGUE.find("V-95711").vuln_id == "V-235839"
    assert CATALOGUE.find("DKER-EE-003610").vuln_id == "V-235839"
    assert CATALOGUE.find("V-265885").legacy_ids == ()
    assert CATALOGUE["V-235777"].cat == "cat1"


def test_every_check_file_names_a_catalogue_rule_once():
    files = sorted(CHECKS.rglob("test_v*.py"))
    vids = [f"V-{f.stem.removeprefix('test_v')}" for f in files]
    assert len(vids) == len(set(vids))
    for f, vid in zip(files, vids):
        assert CATALOGUE.find(vid) is not None, f
        assert f'@pytest.mark.stig("{vid}")' in f.read_text(), f
        scope_dir = {"manual": "organisational"}.get(CATALOGUE[vid].scope, CATALOGUE[vid].scope)
        assert f.parent.name == scope_dir, f"{f} belongs in checks/{scope_dir}/"


def test_bad_xccdf_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<nope/>")
    with pytest.raises(XccdfError, match="bad.xml: not an XCCDF 1.1 Benchmark"):
        read_benchmark(bad)
    with pytest.raises(XccdfError, match="missing.xml: not a readable XCCDF file"):
        read_benchmark(tmp_path / "missing.xml")
