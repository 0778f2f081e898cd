"""The lab CA and the certificates it signs (openssl, ECDSA P-256)."""

from __future__ import annotations

import secrets
from pathlib import Path

from .proc import run

DAYS = "30"
_EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def make_ca(pki: Path) -> Path:
    pki.mkdir(parents=True, exist_ok=True)
    run(["openssl", "req", "-x509", *_EC, "-keyout", str(pki / "ca.key"),
         "-out", str(pki / "ca.crt"), "-days", DAYS, "-subj", "/CN=dockerstig lab CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    (pki / "ca.key").chmod(0o400)
    return pki / "ca.crt"


def issue(pki: Path, name: str, cn: str, sans: list[str], usage: str) -> tuple[Path, Path]:
    """Sign a key pair for cn with subjectAltNames sans; usage is serverAuth or clientAuth."""
    key, csr, crt, ext = (pki / f"{name}{suffix}" for suffix in (".key", ".csr", ".crt", ".ext"))
    run(["openssl", "req", *_EC, "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={cn}"])
    lines = [f"extendedKeyUsage={usage}", "keyUsage=critical,digitalSignature"]
    if sans:
        lines.append("subjectAltName=" + ",".join(sans))
    ext.write_text("\n".join(lines) + "\n")
    run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(pki / "ca.crt"),
         "-CAkey", str(pki / "ca.key"), "-set_serial", str(secrets.randbits(63)),
         "-out", str(crt), "-days", DAYS, "-extfile", str(ext)])
    csr.unlink()
    ext.unlink()
    key.chmod(0o400)
    return crt, key
