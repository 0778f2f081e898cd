"""Trust facts: ``docker trust inspect`` for every image reference, in one batched call.

The Docker SDK has no content-trust support (docker-py #1773), so this shells out to the
docker CLI on the auditor's machine, with a private DOCKER_CONFIG (the Notary CA copied in) so
nothing of the user's or the cluster's is written, and with a timeout.

Results per reference: ``{"signed_tags": [{"SignedTag", "Digest", "Signers"}]}`` when the
repository has trust data, ``{"signed_tags": [], "no_trust_data": "<message>"}`` when Notary
has none for it, or ``{"error": "<message>"}`` when the answer could not be had.
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

#: CLI messages that mean "Notary answered: there is no trust data for this repository".
NO_TRUST_DATA = re.compile(r"does not have trust data|No signatures or cannot access|no trust data available", re.I)


def _private_config(server: str | None, ca_file: str | None) -> str:
    """A throw-away DOCKER_CONFIG holding only the Notary CA (``tls/<host:port>/ca.crt``)."""
    cfg = tempfile.mkdtemp(prefix="dockerstig-trust-")
    if server and ca_file:
        netloc = urlparse(server).netloc
        (Path(cfg) / "tls" / netloc).mkdir(parents=True)
        shutil.copyfile(ca_file, Path(cfg) / "tls" / netloc / "ca.crt")
    return cfg


def _message_for(ref: str, stderr_lines: list[str]) -> str | None:
    for line in stderr_lines:
        if ref in line:
            return line.strip()
    return None


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
        proc = subprocess.run([docker_cli, "trust", "inspect", *refs], capture_output=True,
                              text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result["error"] = f"docker trust inspect: {type(exc).__name__}: {exc}"
        return result
    finally:
        shutil.rmtree(cfg, ignore_errors=True)
    try:
        found = {entry.get("Name"): entry for entry in json.loads(proc.stdout or "[]")}
    except json.JSONDecodeError:
        found = {}
    stderr_lines = proc.stderr.splitlines()
    for ref in refs:
        if ref in found:
            result["refs"][ref] = {"signed_tags": found[ref].get("SignedTags") or []}
            continue
        message = _message_for(ref, stderr_lines) or (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        if NO_TRUST_DATA.search(message) and not _looks_unreachable(proc.stderr):
            result["refs"][ref] = {"signed_tags": [], "no_trust_data": message}
        else:
            result["refs"][ref] = {"error": message}
    return result


def _looks_unreachable(stderr: str) -> bool:
    return bool(re.search(r"connection refused|no such host|timeout|x509|certificate|i/o timeout|"
                          r"offline|unable to reach", stderr, re.I))
