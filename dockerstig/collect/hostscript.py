"""The ONE batched, read-only shell command that returns every fact of a node.

``build_script()`` returns a POSIX sh script; run once per node (testinfra ``host.run``), it
prints sections, each framed by a marker line, and ``parse_output()`` turns them back into a
dict. Docker output is JSON lines (``--format '{{json .}}'``); any other line in a JSON section
is a message (stderr is merged so errors are kept as evidence).

>>> out = MARK + " os_release\\nID=debian\\n\\n" + MARK + " rc 0\\n"
>>> parse_output(out)["os_release"]
{'rc': 0, 'text': 'ID=debian\\n'}
"""

from __future__ import annotations

import json

MARK = "@@dockerstig@@"

#: Paths the node rules name; all are only stat'ed (and the small config files read).
STAT_PATHS = (
    "/etc/docker",
    "/etc/docker/daemon.json",
    "/etc/default/docker",
    "/etc/sysconfig/docker",
    "/var/run/docker.sock",
    "/usr/bin/docker",
    "/usr/bin/dockerd",
    "/var/lib/docker",
)

UNIT_DIRS = ("/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system")

#: Sections whose output is docker JSON lines.
JSON_SECTIONS = (
    "docker_version", "docker_info", "containers", "images",
    "swarm_nodes", "services", "networks", "secrets",
)

_PRELUDE = r"""
M='@@MARK@@'
T=''; command -v timeout >/dev/null 2>&1 && T='timeout @@TIMEOUT@@'
sec() { printf '\n%s %s\n' "$M" "$1"; }
end() { printf '\n%s rc %s\n' "$M" "$1"; }
run() { name=$1; shift; sec "$name"; "$@" 2>&1; end $?; }
statl() { for p in "$@"; do [ -e "$p" ] || [ -L "$p" ] && stat -c '%n	%U	%G	%u	%g	%a	%F' "$p"; done; return 0; }
"""

_BODY = r"""
run id id -u
run hostname hostname
run fqdn $T hostname -f
run addresses hostname -I
run os_release cat /etc/os-release
run fips_enabled cat /proc/sys/crypto/fips_enabled
self_ns=$(readlink /proc/self/ns/mnt)
dpid=$(cat /var/run/docker.pid 2>/dev/null)
if [ -z "$dpid" ]; then
  for p in $(pidof dockerd 2>/dev/null); do
    [ "$(readlink /proc/$p/ns/mnt 2>/dev/null)" = "$self_ns" ] && dpid=$p
  done
fi
sec dockerd_cmdline; [ -n "$dpid" ] && tr '\0' '\n' < /proc/$dpid/cmdline; end $?
run daemon_json cat /etc/docker/daemon.json
run default_docker cat /etc/default/docker
run sysconfig_docker cat /etc/sysconfig/docker
sec unit_paths
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl show -p FragmentPath,DropInPaths docker.service docker.socket 2>&1
else
  for d in @@UNIT_DIRS@@; do for u in docker.service docker.socket; do
    [ -e "$d/$u" ] && printf 'Unit=%s\n' "$d/$u"; done; done
fi
end 0
tls=$( { tr '\0' '\n' < /proc/${dpid:-self}/cmdline 2>/dev/null | sed -n -e 's/^--tls\(ca\)\{0,1\}\(cacert\|cert\|key\)=//p' -e '/^--tls\(cacert\|cert\|key\)$/{n;p}';
  sed -n 's/.*"tls\(cacert\|cert\|key\)"[ ]*:[ ]*"\([^"]*\)".*/\2/p' /etc/docker/daemon.json 2>/dev/null; } )
units=$(for d in @@UNIT_DIRS@@; do for u in docker.service docker.socket; do echo "$d/$u"; done; done)
sec stat; statl @@STAT_PATHS@@ $units $tls; [ -d /etc/docker ] && find /etc/docker -mindepth 1 -exec stat -c '%n	%U	%G	%u	%g	%a	%F' {} + 2>&1; end 0
run auditctl auditctl -l
run listeners ss -ltnH
run docker_version $T docker version --format '{{json .}}'
run docker_info $T docker info --format '{{json .}}'
ids=$($T docker ps -aq --no-trunc 2>/dev/null)
sec containers; [ -n "$ids" ] && $T docker inspect --format '{{json .}}' $ids 2>&1; end $?
sec top
for id in $($T docker ps -q --no-trunc 2>/dev/null); do
  printf '%s %s\n' "$M" "container $id"; $T docker top "$id" -eo pid,comm,args 2>&1
done
end 0
imgs=$($T docker images -q --no-trunc 2>/dev/null | sort -u)
sec images; [ -n "$imgs" ] && $T docker image inspect --format '{{json .}}' $imgs 2>&1; end $?
if [ "$($T docker info --format '{{.Swarm.ControlAvailable}}' 2>/dev/null)" = "true" ]; then
  n=$($T docker node ls -q 2>/dev/null); sec swarm_nodes; [ -n "$n" ] && $T docker node inspect --format '{{json .}}' $n 2>&1; end $?
  s=$($T docker service ls -q 2>/dev/null); sec services; [ -n "$s" ] && $T docker service inspect --format '{{json .}}' $s 2>&1; end $?
  run secrets $T docker secret ls --format '{{json .}}'
fi
w=$($T docker network ls -q 2>/dev/null); sec networks; [ -n "$w" ] && $T docker network inspect --format '{{json .}}' $w 2>&1; end $?
"""


def build_script(timeout_seconds: int = 60) -> str:
    """The batched command; ``timeout_seconds`` bounds each docker call on the node."""
    return (
        (_PRELUDE + _BODY)
        .replace("@@MARK@@", MARK)
        .replace("@@TIMEOUT@@", str(timeout_seconds))
        .replace("@@UNIT_DIRS@@", " ".join(UNIT_DIRS))
        .replace("@@STAT_PATHS@@", " ".join(STAT_PATHS))
    )


def _json_lines(text: str) -> tuple[list, list[str]]:
    """Split docker output into parsed JSON documents and the other (message) lines."""
    docs, messages = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if s[0] in "{[":
            try:
                docs.append(json.loads(s))
                continue
            except json.JSONDecodeError:
                pass
        messages.append(s)
    return docs, messages


def _parse_top(text: str) -> dict[str, dict]:
    """``docker top`` tables per container id: {id: {"processes": [...], "messages": [...]}}."""
    result: dict[str, dict] = {}
    current = None
    for line in text.splitlines():
        if line.startswith(MARK + " container "):
            current = {"processes": [], "messages": []}
            result[line.split()[-1]] = current
            continue
        if current is None or not line.strip():
            continue
        parts = line.split(None, 2)
        if parts[0] == "PID":
            continue
        if parts[0].isdigit() and len(parts) >= 2:
            current["processes"].append(
                {"pid": int(parts[0]), "comm": parts[1], "args": parts[2] if len(parts) > 2 else ""}
            )
        else:
            current["messages"].append(line.strip())
    return result


def _parse_stat(text: str) -> dict[str, dict]:
    entries = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) != 7:
            continue
        path, user, group, uid, gid, mode, kind = cols
        entries[path] = {
            "owner": user, "group": group, "uid": int(uid), "gid": int(gid),
            "mode": mode.zfill(4), "type": kind,
        }
    return entries


def parse_output(output: str) -> dict[str, dict]:
    """Sections of the script's output: ``{name: {"rc": int, "text": str}}``, then typed views.

    JSON sections get ``"docs"`` and ``"messages"``; ``stat`` gets ``"entries"``; ``top`` gets
    ``"containers"``.
    """
    sections: dict[str, dict] = {}
    name, lines = None, []
    for line in output.splitlines(keepends=True):
        if line.startswith(MARK + " ") and not line.startswith(MARK + " container "):
            label = line[len(MARK) + 1:].strip()
            if label.startswith("rc ") and name is not None:
                text = "".join(lines)
                sections[name] = {"rc": int(label[3:] or 0), "text": text.removesuffix("\n")}
                name, lines = None, []
            else:
                name, lines = label, []
        elif name is not None:
            lines.append(line)
    for key, sec in sections.items():
        if key in JSON_SECTIONS:
            sec["docs"], sec["messages"] = _json_lines(sec["text"])
        elif key == "stat":
            sec["entries"] = _parse_stat(sec["text"])
        elif key == "top":
            sec["containers"] = _parse_top(sec["text"])
    return sections
