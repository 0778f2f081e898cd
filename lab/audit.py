"""Run the dockerstig audit against the lab: the pytest arguments that point at it.

``./audit [pytest args]`` runs ``python -m lab.audit``: unless the arguments name a target of
their own, it brings the lab up (if it is not up) and adds the lab's options.

>>> env = {"hosts": "ssh://node1", "ssh_config": "/l/ssh_config", "notary": "https://10.213.7.1:4443", "ca": "/l/ca.crt"}
>>> audit_args(env)
['--hosts=ssh://node1', '--ssh-config=/l/ssh_config', '--trust-server=https://10.213.7.1:4443', '--trust-ca=/l/ca.crt']
>>> names_a_target(["-k", "V-235839"]), names_a_target(["--hosts=ssh://n1"])
(False, True)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Options (and their environment variables) that name what to audit.
TARGET_OPTIONS = ("--hosts", "--engine", "--client-bundle", "--snapshot", "--ansible-inventory")


def audit_args(env: dict) -> list[str]:
    """The dockerstig options that audit the lab described by ``python -m lab env --json``."""
    return [
        f"--hosts={env['hosts']}",
        f"--ssh-config={env['ssh_config']}",
        f"--trust-server={env['notary']}",
        f"--trust-ca={env['ca']}",
    ]


def names_a_target(args: list[str]) -> bool:
    """True when the user said what to audit (an option or its DOCKERSTIG_ variable)."""
    given = any(a.split("=", 1)[0] in TARGET_OPTIONS for a in args)
    env = any(os.environ.get("DOCKERSTIG_" + o[2:].replace("-", "_").upper()) for o in TARGET_OPTIONS)
    return given or env


def _lab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lab", *args], cwd=ROOT, text=True, capture_output=True)


def main(argv: list[str]) -> int:
    extra = []
    if not names_a_target(argv):
        if _lab("status").returncode != 0:
            print("audit: bringing up the lab cluster (python -m lab up) …", flush=True)
            up = subprocess.run([sys.executable, "-m", "lab", "up"], cwd=ROOT)
            if up.returncode != 0:
                return up.returncode
        env = _lab("env", "--json")
        if env.returncode != 0:
            print(f"audit: python -m lab env failed: {env.stderr.strip()}", file=sys.stderr)
            return env.returncode
        extra = audit_args(json.loads(env.stdout))
    cmd = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), *extra, *argv]
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
