"""How the audit scales: offline runs over synthetic snapshots of growing size.

    .venv/bin/python benchmarks/audit_scale.py [--nodes 3 10] [--containers 20 50]

For each size it writes a synthetic snapshot (every node with the same mix of good and bad
containers and images), then times ``pytest --collect-only`` and a full run with every
report (HTML, JUnit, results, CKL/CKLB/HDF), and prints one row per size. The live lab's
own figures (collection per node, round trips) come from ``benchmarks/lab_audit.py``.
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.unit.snapshots import synthetic_snapshot  # noqa: E402


def scaled_snapshot(nodes: int, containers: int) -> dict:
    """``nodes`` copies of the synthetic good node, each with ``containers`` containers."""
    base = synthetic_snapshot()
    template = base["nodes"][0]
    out = []
    for n in range(nodes):
        node = copy.deepcopy(template)
        node["name"] = f"node{n + 1}"
        proto = template["docker"]["containers"][0]
        node["docker"]["containers"] = []
        for c in range(containers):
            item = copy.deepcopy(proto)
            item["Id"], item["Name"] = f"c{n}-{c}", f"/app-{c}"
            item["HostConfig"]["Privileged"] = c % 5 == 0
            node["docker"]["containers"].append(item)
        out.append(node)
    base["nodes"] = out
    return base


def timed(args: list[str]) -> tuple[float, str]:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), *args],
                          cwd=ROOT, capture_output=True, text=True)
    return time.monotonic() - started, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[3, 10])
    parser.add_argument("--containers", type=int, nargs="+", default=[20, 50])
    args = parser.parse_args()
    print(f"{'nodes':>5} {'containers':>10} {'tests':>7} {'collect s':>9} {'run s':>7} {'html MB':>8} {'results MB':>10}")
    for nodes in args.nodes:
        for containers in args.containers:
            with tempfile.TemporaryDirectory() as tmp:
                snap = Path(tmp) / "snapshot.json"
                snap.write_text(json.dumps(scaled_snapshot(nodes, containers)))
                reports = Path(tmp) / "reports"
                collect_s, out = timed([f"--snapshot={snap}", f"--reports-dir={reports}", "--collect-only", "-q"])
                tests = sum(1 for line in out.splitlines() if "::" in line)
                run_s, _ = timed([f"--snapshot={snap}", f"--reports-dir={reports}", "-q"])
                html = (reports / "report.html").stat().st_size / 1e6
                results = (reports / "results.json").stat().st_size / 1e6
                print(f"{nodes:>5} {containers:>10} {tests:>7} {collect_s:>9.1f} {run_s:>7.1f} {html:>8.1f} {results:>10.1f}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of a pytest run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
