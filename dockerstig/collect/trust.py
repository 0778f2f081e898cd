"""Trust facts: ``docker trust inspect`` for every image reference, in one batched call.

The Docker SDK has no content-trust support (docker-py #1773), so this shells out to the
docker CLI on the auditor's machine, with a private DOCKER_CONFIG (the Notary CA copied in) so
nothing of the user's or the cluster's is written, and with a timeout.

Results per reference: ``{"signed_tags": [{"SignedTag", "Digest", "Signers"}]}`` when the
repository has trust data, ``{"signed_tags": [], "no_trust_data": "<cause>"}`` when Notary
answered that it has none, or ``{"error": "<cause>"}`` when the answer could not be had
(Notary unreachable, TLS failure …). The CLI prints "no signatures or cannot access REF" for
all of these; ``--debug`` adds the cause, which is what tells them apart.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlparse

#: The CLI's own line for every reference it could not inspect, whatever the cause.
FAILED_REF = re.compile(r"^no signatures or cannot access (\S+)$", re.I | re.M)
#: With --debug, the cause comes first, one ``Error:`` line per failed reference, in order.
CAUSE = re.compile(r'level=debug msg="Error: (.*)"$', re.M)
#: The causes that mean "Notary answered: it holds no trust data for this repository".
NO_TRUST_DATA = re.compile(r"does not have trust data|remote trust data does not exist", re.I)


def _private_config(server: str | None, ca_file: str | None) -> str:
    """A throw-away DOCKER_CONFIG holding only the Notary CA (``tls/<host:port>/ca.crt``)."""
    cfg = tempfile.mkdtemp(prefix="dockerstig-trust-")
    if server and ca_file:
        netloc = urlparse(server).netloc
        (Path(cfg) / "tls" / netloc).mkdir(parents=True)
        shutil.copyfile(ca_file, Path(cfg) / "tls" / netloc / "ca.crt")
    return cfg


def inspect_trust(refs: list[str], *, server: str | None = None, ca_file: str | None = None,
                  timeout: float = 60.0, docker_cli: str = "docker") -> dict:
    """``docker trust inspect`` of ``refs``: ``{"server", "error", "refs": {ref: result}}``."""
    refs = sorted(set(refs))
    result: dict = {"server": server, "error": None, "refs": {}}
    if not refs:
        return result
    cfg = _private_config(server, ca_file)
    env = {**os.environ, "DOCKER_CONFIG": cfg}
    if server:
        env["DOCKER_CONTENT_TRUST_SERVER"] = server
    try:
        proc = subprocess.run([docker_cli, "--debug", "trust", "inspect", *refs], capture_output=True,
                              text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result["error"] = f"docker trust inspect: {type(exc).__name__}: {exc}"
        return result
    finally:
        shutil.rmtree(cfg, ignore_errors=True)
    result["refs"] = classify(refs, proc.stdout, proc.stderr, proc.returncode)
    return result


def classify(refs: list[str], stdout: str, stderr: str, returncode: int) -> dict[str, dict]:
    """Per reference: its SignedTags, "no trust data", or the error that hid the answer.

    >>> err = 'level=debug msg="Error: remote trust data does not exist for r:1: n does not have trust data for r"\\n'
    >>> classify(["r:1"], "[]", err + "no signatures or cannot access r:1", 1)
    {'r:1': {'signed_tags': [], 'no_trust_data': 'remote trust data does not exist for r:1: n does not have trust data for r'}}
    """
    try:
        found = {entry.get("Name"): entry for entry in json.loads(stdout or "[]")}
    except json.JSONDecodeError:
        found = {}
    causes = dict(zip(FAILED_REF.findall(stderr), CAUSE.findall(stderr)))
    out = {}
    for ref in refs:
        if ref in found:
            out[ref] = {"signed_tags": found[ref].get("SignedTags") or []}
        elif NO_TRUST_DATA.search(causes.get(ref, "")):
            out[ref] = {"signed_tags": [], "no_trust_data": causes[ref]}
        else:
            last = (stderr.strip().splitlines() or [f"docker trust inspect exited {returncode}"])[-1]
            out[ref] = {"error": causes.get(ref) or last}
    return out
