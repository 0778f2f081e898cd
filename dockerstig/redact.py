"""Secrets never leave: redact container environment values and other secret fields.

>>> redact_env(["PATH=/bin", "DB_PASSWORD=hunter2"])
['PATH=<redacted>', 'DB_PASSWORD=<redacted>']
"""

from __future__ import annotations

REDACTED = "<redacted>"


def redact_env(env: list[str] | None) -> list[str] | None:
    """Keep variable names (evidence), drop every value (attacker- or secret-bearing)."""
    if env is None:
        return None
    return [f"{item.partition('=')[0]}={REDACTED}" for item in env]


def _redact_config(config: dict | None) -> None:
    if config and config.get("Env") is not None:
        config["Env"] = redact_env(config["Env"])


def redact_docker(docker: dict) -> dict:
    """Redact in place and return the engine facts of a node (containers, images, services)."""
    for c in docker.get("containers") or []:
        _redact_config(c.get("Config"))
    for i in docker.get("images") or []:
        _redact_config(i.get("Config"))
        _redact_config(i.get("ContainerConfig"))
    for s in docker.get("services") or []:
        spec = ((s.get("Spec") or {}).get("TaskTemplate") or {}).get("ContainerSpec") or {}
        if spec.get("Env") is not None:
            spec["Env"] = redact_env(spec["Env"])
    return docker
