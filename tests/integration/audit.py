"""Run the real audit (``pytest`` at the project root) in a subprocess and read its results.

Example::

    run = run_audit(["--snapshot", "reports/snapshot.json"], tmp_path)
    run.status("V-235802", "node1/privileged")  # 'open'
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from dockerstig.results import RuleResult, read_results

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class AuditRun:
    returncode: int
    stdout: str
    stderr: str
    reports_dir: Path

    @property
    def results(self) -> list[RuleResult]:
        return read_results(self.reports_dir / "results.json")

    def result(self, vuln_id: str, target_id: str) -> RuleResult:
        matches = [r for r in self.results if r.vuln_id == vuln_id and r.target_id == target_id]
        assert matches, f"no result for {vuln_id} on {target_id}; have: {sorted({r.target_id for r in self.results if r.vuln_id == vuln_id})}"
        return matches[0]

    def expect(self, vuln_id: str, target_id: str, status: str, words: str) -> None:
        """Assert the outcome of one (rule, target) and that its message says ``words``."""
        result = self.result(vuln_id, target_id)
        assert (result.status, words in result.message) == (status, True), result.message

    def status(self, vuln_id: str, target_id: str) -> str:
        return self.result(vuln_id, target_id).status

    def outcomes(self) -> dict[tuple[str, str], tuple[str, str]]:
        return {(r.vuln_id, r.target_id): (r.status, r.message) for r in self.results}


def _joined(args: list[str]) -> list[str]:
    """``["--snapshot", "x.json", "-k", "V-1"]`` → ``["--snapshot=x.json", "-k", "V-1"]``."""
    out, i = [], 0
    while i < len(args):
        a = args[i]
        if a.startswith("--") and "=" not in a and i + 1 < len(args) and not args[i + 1].startswith("-") \
                and a not in ("--collect-only", "--co"):
            out.append(f"{a}={args[i + 1]}")
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def run_audit(args: list[str], reports_dir: Path, timeout: float = 900, quiet: bool = True) -> AuditRun:
    """``python -m pytest -c pytest.ini <args> --reports-dir=<reports_dir>`` at the project root.

    Options are passed as ``--name=value``: pytest reads a bare path after an option it does
    not know yet (ours come from the root conftest) as a file to collect (README, "Options").
    """
    args = _joined(args)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKERSTIG_", "PYTEST_"))}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), *args,
         f"--reports-dir={reports_dir}", *(["-q"] if quiet else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env,
    )
    return AuditRun(proc.returncode, proc.stdout, proc.stderr, reports_dir)
