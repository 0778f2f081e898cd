"""Organisation-defined values from the System Security Plan (SSP) file, validated.

The SSP file is YAML (``.yaml``/``.yml``) or TOML (``.toml``). Every key has a documented
default, so an empty or absent file means "the STIG's own defaults". A bad file raises
``SettingsError`` with one line that names the file and the key:

>>> load_settings_text("containers: {system_patterns: 3}", "ssp.yaml")
Traceback (most recent call last):
...
dockerstig.settings.SettingsError: ssp.yaml: containers.system_patterns: expected a list of strings, got int
>>> load_settings_text("", "ssp.yaml").images.untagged_policy
'not_applicable'
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dockerstig.catalogue import CATALOGUE


class SettingsError(ValueError):
    """One line naming the file and key of a bad SSP value."""


@dataclass(frozen=True)
class ContainerException:
    """One SSP-documented exception: ``rule`` does not apply to the ``container`` targets."""

    #: The V-ID the exception is for (``V-235804``); required.
    rule: str = ""
    #: Regex matched in full against the target id ``node/name`` (``node1/web``, ``node./proxy``); required.
    container: str = ""
    #: The SSP's justification, shown as the Not_Applicable reason; required.
    reason: str = ""


@dataclass(frozen=True)
class Allowance:
    """Values the SSP approves for the containers whose target id matches ``container``."""

    #: Regex matched in full against the target id ``node/name``; the default covers every container.
    container: str = ".*"
    #: The approved values, in the rule's notation (see the ``ContainerSettings`` field).
    allow: list[str] = field(default_factory=list)


def _check_regex(key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _BadValue(key, f"not a valid regular expression ({exc})") from None


@dataclass(frozen=True)
class ContainerSettings:
    """Container-scope values (STIG: "excl. names matching ucp|kube|dtr")."""

    #: Name patterns (regex, case-insensitive) of the system containers the STIG excludes.
    system_patterns: list[str] = field(default_factory=lambda: ["ucp", "kube", "dtr"])
    #: V-235783 only: its check greps ``ucp|kubelet|dtr`` (not ``kube``).
    mount_system_patterns: list[str] = field(default_factory=lambda: ["ucp", "kubelet", "dtr"])
    #: V-235783: host paths that must not be bind-mounted read-write; a mount of the path or
    #: of anything under it is a finding, except ``/``, which matches only ``/`` itself.
    sensitive_host_paths: list[str] = field(
        default_factory=lambda: ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"])
    #: V-235799: the AppArmor profiles a container may run under.
    apparmor_allowed_profiles: list[str] = field(default_factory=lambda: ["docker-default"])
    #: V-235801: capabilities containers may add (``NET_ADMIN``; ``CAP_`` prefix optional). Default: none.
    allowed_capabilities: list[Allowance] = field(default_factory=list)
    #: V-235804/V-235837: documented published ports, ``docker run -p`` notation:
    #: ``80/tcp`` (any host binding), ``8080:80/tcp`` or ``10.0.0.5:8080:80/tcp``. Default: none.
    allowed_ports: list[Allowance] = field(default_factory=list)
    #: V-235809: approved host devices, ``/dev/fuse`` (any permissions) or ``/dev/fuse:rw``. Default: none.
    allowed_devices: list[Allowance] = field(default_factory=list)
    #: V-235844: approved ulimit overrides, ``nofile`` (any values), ``nofile=1024`` or ``nofile=1024:2048``.
    allowed_ulimits: list[Allowance] = field(default_factory=list)
    #: V-235815: documented cgroup parents besides the default docker cgroup (blank). Default: none.
    allowed_cgroup_parents: list[Allowance] = field(default_factory=list)
    #: V-235843: the highest ``on-failure`` MaximumRetryCount allowed.
    max_restart_retries: int = 5
    #: V-235785: the literal check text also makes IpcMode ``shareable`` (the engine default) a finding.
    ipc_shareable_is_finding: bool = False
    #: V-235843: ``unless-stopped`` restarts forever like ``always``; ``false`` = literal (not named → no finding).
    unless_stopped_is_finding: bool = True
    #: V-235843: ``on-failure`` with MaximumRetryCount 0 retries forever; ``false`` = literal (0 ≤ 5 → no finding).
    on_failure_unlimited_is_finding: bool = True
    #: V-235807: accept a CPU quota (NanoCpus/CpuQuota, all a swarm task can set) instead of CPU shares.
    accept_cpu_quota_equivalent: bool = False
    #: V-235816: accept ``"no-new-privileges": true`` in the node's daemon.json (swarm tasks cannot set it).
    accept_daemon_no_new_privileges: bool = False
    #: Per-container SSP exceptions: ``[{rule: V-…, container: <regex on node/name>, reason: …}]``.
    exceptions: list[ContainerException] = field(default_factory=list)

    def __post_init__(self):
        for key in ("system_patterns", "mount_system_patterns"):
            for i, pattern in enumerate(getattr(self, key)):
                _check_regex(f"containers.{key}[{i}]", pattern)
        for key in ("allowed_capabilities", "allowed_ports", "allowed_devices", "allowed_ulimits",
                    "allowed_cgroup_parents"):
            for i, allowance in enumerate(getattr(self, key)):
                _check_regex(f"containers.{key}[{i}].container", allowance.container)
        for i, exc in enumerate(self.exceptions):
            if not re.fullmatch(r"V-\d{6}", exc.rule):
                raise _BadValue(f"containers.exceptions[{i}].rule", f"expected a V-ID like V-235804, got {exc.rule!r}")
            if not exc.container:
                raise _BadValue(f"containers.exceptions[{i}].container", "a regex on the target id node/name is required")
            _check_regex(f"containers.exceptions[{i}].container", exc.container)
            if not exc.reason.strip():
                raise _BadValue(f"containers.exceptions[{i}].reason", "the SSP justification must not be empty")
        if self.max_restart_retries < 0:
            raise _BadValue("containers.max_restart_retries", f"expected 0 or more, got {self.max_restart_retries}")


@dataclass(frozen=True)
class ImageSettings:
    #: Images without any tag or digest (dangling): ``not_applicable`` or ``finding``.
    untagged_policy: str = "not_applicable"
    #: Image references (regex) left out of the image rules.
    exclude_patterns: list[str] = field(default_factory=list)

    def __post_init__(self):
        _choice("images.untagged_policy", self.untagged_policy, ("not_applicable", "finding"))


@dataclass(frozen=True)
class FileSettings:
    #: ``subset``: "X or more restrictive" means no bit beyond X; ``exact``: the mode must be X.
    mode_compare: str = "subset"

    def __post_init__(self):
        _choice("files.mode_compare", self.mode_compare, ("subset", "exact"))


class NamesRule:
    """Mixin of the SSP records whose ``rule`` is any id of a rule (V-ID, STIG id, legacy id)."""

    rule: str

    @property
    def vuln_id(self) -> str:
        return CATALOGUE.find(self.rule).vuln_id


@dataclass(frozen=True)
class Waiver(NamesRule):
    """An approved acceptance of a finding (risk acceptance): the target stays Open, marked waived.

    ``rule`` is any id of the rule (V-ID, STIG id, legacy id); ``target`` a regex matched in full
    against the target id; the waiver applies until the end of ``expires``.
    """

    rule: str = ""
    target: str = ".*"
    justification: str = ""
    approver: str = ""
    expires: datetime.date | None = None



@dataclass(frozen=True)
class SeverityOverride(NamesRule):
    """An approved change of a rule's severity (CKL SEVERITY_OVERRIDE and SEVERITY_JUSTIFICATION)."""

    rule: str = ""
    severity: str = ""
    justification: str = ""



def _check_rule(key: str, rule: str) -> None:
    if CATALOGUE.find(rule) is None:
        raise _BadValue(key, f"unknown rule {rule!r} (expected a V-ID, STIG id or legacy id of the STIG)")


def _check_given(key: str, value: str) -> None:
    if not value.strip():
        raise _BadValue(key, "required, must not be empty")


@dataclass(frozen=True)
class Settings:
    containers: ContainerSettings = field(default_factory=ContainerSettings)
    images: ImageSettings = field(default_factory=ImageSettings)
    files: FileSettings = field(default_factory=FileSettings)
    #: Accepted findings: ``[{rule, target: <regex on target id>, justification, approver, expires: YYYY-MM-DD}]``.
    waivers: list[Waiver] = field(default_factory=list)
    #: ``[{rule, severity: low|medium|high, justification}]``, shown in the checklists and HDF.
    severity_overrides: list[SeverityOverride] = field(default_factory=list)
    #: The attestation file (YAML) for manual rules; a relative path is relative to the SSP file.
    attestations: str | None = None

    def __post_init__(self):
        for i, w in enumerate(self.waivers):
            key = f"waivers[{i}]"
            _check_rule(f"{key}.rule", w.rule)
            _check_regex(f"{key}.target", w.target)
            _check_given(f"{key}.justification", w.justification)
            _check_given(f"{key}.approver", w.approver)
            if w.expires is None:
                raise _BadValue(f"{key}.expires", "required: the last day the waiver applies (YYYY-MM-DD)")
        seen: dict[str, int] = {}
        for i, o in enumerate(self.severity_overrides):
            key = f"severity_overrides[{i}]"
            _check_rule(f"{key}.rule", o.rule)
            _choice(f"{key}.severity", o.severity, ("low", "medium", "high"))
            _check_given(f"{key}.justification", o.justification)
            if o.vuln_id in seen:
                raise _BadValue(f"{key}.rule", f"{o.vuln_id} already has an override (severity_overrides[{seen[o.vuln_id]}])")
            seen[o.vuln_id] = i


class _BadValue(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")


def _choice(key: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise _BadValue(key, f"expected one of {', '.join(allowed)}, got {value!r}")


def _describe(tp) -> str:
    origin = typing.get_origin(tp)
    if origin is list:
        return f"a list of {_describe(typing.get_args(tp)[0])}s"
    return {str: "string", int: "integer", bool: "boolean", float: "number"}.get(tp, "mapping")


def _convert(tp, value, key: str):
    """Check ``value`` against the annotation ``tp`` and build nested dataclasses."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, key)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in typing.get_args(tp):
            return None
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        return _convert(tp, value, key)
    if origin is list:
        (item,) = typing.get_args(tp)
        if not isinstance(value, list) or (
            not dataclasses.is_dataclass(item) and not all(_is_type(item, v) for v in value)
        ):
            raise _BadValue(key, f"expected {_describe(tp)}, got {type(value).__name__}")
        return [_convert(item, v, f"{key}[{i}]") for i, v in enumerate(value)]
    if tp in (datetime.date, datetime.datetime):
        return _when(tp, value, key)
    if origin is dict:
        if not isinstance(value, dict):
            raise _BadValue(key, f"expected a mapping, got {type(value).__name__}")
        return dict(value)
    if not _is_type(tp, value):
        raise _BadValue(key, f"expected {_describe(tp)}, got {type(value).__name__}")
    return value


def _when(tp, value, key: str):
    """A date (``2026-06-30``), or for ``datetime`` also a timestamp; naive timestamps are UTC."""
    given = value
    if isinstance(value, str):
        try:
            value = tp.fromisoformat(value)
        except ValueError:
            value = None
    if tp is datetime.date and isinstance(value, datetime.datetime):
        value = value.date()
    elif tp is datetime.datetime and type(value) is datetime.date:
        value = datetime.datetime.combine(value, datetime.time())
    if not isinstance(value, tp):
        wanted = "an ISO date like 2026-06-30" + " or timestamp" * (tp is datetime.datetime)
        raise _BadValue(key, f"expected {wanted}, got {given!r}")
    if tp is datetime.datetime and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def _is_type(tp, value) -> bool:
    if dataclasses.is_dataclass(tp):
        return isinstance(value, dict)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, tp)


def _build(cls, data, prefix: str):
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _BadValue(prefix or "top level", f"expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for k in data:
        if k not in names:
            raise _BadValue(f"{prefix}.{k}" if prefix else str(k), "unknown key")
    kwargs = {
        k: _convert(hints[k], v, f"{prefix}.{k}" if prefix else k) for k, v in data.items()
    }
    return cls(**kwargs)


def _parse(text: str, source: str):
    if source.endswith(".toml"):
        return tomllib.loads(text)
    return yaml.safe_load(text)


def load_text(cls, text: str, source: str):
    """Validate ``text`` as the dataclass ``cls`` (YAML, or TOML by suffix); errors name ``source``."""
    try:
        data = _parse(text, source)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SettingsError(f"{source}: not valid {'TOML' if source.endswith('.toml') else 'YAML'}: {line}") from None
    try:
        return _build(cls, data, "")
    except _BadValue as exc:
        raise SettingsError(f"{source}: {exc}") from None


def load_settings_text(text: str, source: str) -> Settings:
    """Validate SSP ``text``; ``source`` names it in errors and picks YAML or TOML by suffix."""
    return load_text(Settings, text, source)


def load_settings(path: str | Path | None) -> Settings:
    """The settings of the SSP file at ``path``, or the defaults when ``path`` is None."""
    if path is None:
        return Settings()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read the SSP file ({exc.__class__.__name__}: {exc})") from None
    return load_settings_text(text, str(path))
