"""Run the dockerstig audit against the lab: the pytest arguments that point at it.

>>> env = {"hosts": "ssh://node1", "ssh_config": "/l/ssh_config", "notary": "https://10.213.7.1:4443", "ca": "/l/ca.crt"}
>>> audit_args(env)
['--hosts=ssh://node1', '--ssh-config=/l/ssh_config', '--trust-server=https://10.213.7.1:4443', '--trust-ca=/l/ca.crt']
"""

from __future__ import annotations


def audit_args(env: dict) -> list[str]:
    """The dockerstig options that audit the lab described by ``python -m lab env --json``."""
    return [
        f"--hosts={env['hosts']}",
        f"--ssh-config={env['ssh_config']}",
        f"--trust-server={env['notary']}",
        f"--trust-ca={env['ca']}",
    ]
