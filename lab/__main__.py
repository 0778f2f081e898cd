"""Command line: python -m lab up|down|status|env."""

from __future__ import annotations

import argparse
import json
import sys

from . import envinfo, lifecycle, prereq, scenario
from .errors import LabError


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="(re)build the lab from a scenario")
    up.add_argument("--nodes", type=int, default=3, help="number of nodes (default 3)")
    up.add_argument("--managers", type=int, default=1, help="swarm managers (default 1)")
    up.add_argument("--scenario", default=str(scenario.DEFAULT), help="scenario YAML file")
    commands.add_parser("down", help="stop and remove everything the lab made")
    status = commands.add_parser("status", help="is the lab up? (exit 0 if so)")
    status.add_argument("--json", action="store_true")
    env = commands.add_parser("env", help="how to point the suite at the lab")
    env.add_argument("--json", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "up":
            lifecycle.up(args.nodes, args.managers, args.scenario)
        elif args.command == "down":
            lifecycle.down()
        elif args.command == "status":
            prereq.require_root()
            state = lifecycle.status()
            if args.json:
                print(json.dumps(state, indent=2))
            else:
                print(f"lab {'up' if state['up'] else 'not up'} ({state['phase']}) at {state['root']}")
                for part, ok in state["parts"].items():
                    print(f"  {part:20} {'ok' if ok else 'DOWN'}")
            return 0 if state["up"] else 1
        else:
            env = envinfo.environment()
            print(json.dumps(env, indent=2) if args.json else envinfo.exports(env))
    except LabError as exc:
        print(f"lab: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lab: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
