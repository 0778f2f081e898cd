"""Secrets never leave: redact container environment values and secret-looking arguments.

Environment values are always dropped (only the names stay, as evidence). In commands,
process arguments and labels, a value given to a password/secret/token/key option or label
is replaced:

>>> redact_env(["PATH=/bin", "DB_PASSWORD=hunter2"])
['PATH=<redacted>', 'DB_PASSWORD=<redacted>']
>>> redact_text("mysqld --password=hunter2 --port 3306 --api-token abc123")
'mysqld --password=<redacted> --port 3306 --api-token <redacted>'
>>> redact_labels({"app": "web", "db.password": "hunter2"})
{'app': 'web', 'db.password': '<redacted>'}
"""

from __future__ import annotations

import re

REDACTED = "<redacted>"

#: A word that names a secret: password, passwd, secret, token, api_key, private-key, credential …
SECRET_WORD = r"(?:pass(?:word|wd|phrase)?|secret|token|api[-_.]?key|private[-_.]?key|credentials?)"
_OPTION_VALUE = re.compile(rf"(?i)(\S*{SECRET_WORD}[\w.-]*(?:=|:|\s+))(?!-)(\S+)")
_SECRET_NAME = re.compile(rf"(?i){SECRET_WORD}")


def redact_env(env: list[str] | None) -> list[str] | None:
    """Keep variable names (evidence), drop every value (attacker- or secret-bearing)."""
    if env is None:
        return None
    return [f"{item.partition('=')[0]}={REDACTED}" for item in env]


def redact_text(text: str) -> str:
    """Replace the value after an option or key that names a secret."""
    return _OPTION_VALUE.sub(lambda m: m.group(1) + REDACTED, text)


def redact_args(args: list[str] | str | None):
    """``Cmd``/``Entrypoint``/``Args``: a list (a secret's value may be the next item) or a string."""
    if args is None or isinstance(args, str):
        return redact_text(args) if isinstance(args, str) else None
    out, hide_next = [], False
    for arg in args:
        if hide_next and not arg.startswith("-"):
            out.append(REDACTED)
        else:
            out.append(redact_text(arg))
        hide_next = bool(_SECRET_NAME.search(arg)) and arg.startswith("-") and "=" not in arg
    return out


def redact_labels(labels: dict | None) -> dict | None:
    if not labels:
        return labels
    return {k: (REDACTED if _SECRET_NAME.search(k) else v) for k, v in labels.items()}


def _redact_config(config: dict | None) -> None:
    if not config:
        return
    if config.get("Env") is not None:
        config["Env"] = redact_env(config["Env"])
    for key in ("Cmd", "Entrypoint"):
        if config.get(key) is not None:
            config[key] = redact_args(config[key])
    if config.get("Labels"):
        config["Labels"] = redact_labels(config["Labels"])


def redact_docker(docker: dict) -> dict:
    """Redact in place and return the engine facts of a node (containers, images, services)."""
    for c in docker.get("containers") or []:
        _redact_config(c.get("Config"))
        if c.get("Args") is not None:
            c["Args"] = redact_args(c["Args"])
    for i in docker.get("images") or []:
        _redact_config(i.get("Config"))
        _redact_config(i.get("ContainerConfig"))
    for top in (docker.get("top") or {}).values():
        for proc in top.get("processes") or []:
            proc["args"] = redact_text(proc.get("args", ""))
    for s in docker.get("services") or []:
        spec = ((s.get("Spec") or {}).get("TaskTemplate") or {}).get("ContainerSpec") or {}
        _redact_config(spec)
        if spec.get("Args") is not None:
            spec["Args"] = redact_args(spec["Args"])
    return docker
