"""Time one decision from a built policy, whole process, against start-ups a user knows.

    .venv/bin/python benchmarks/startup.py [--runs 20]

`socialkit evaluate --policy policies/policy.json ...` answers one message; the
answer takes microseconds, so its time is start-up: the interpreter, the imports
and reading policy.json. It runs side by side with plain `python -c pass` and
`check-jsonschema --version` (a Python CLI of the same kind, doing nothing), each
in a fresh process per run. Then one `python -X importtime` run of the decision
shows where its import time goes, by top-level package. A benchmark prints; it
never fails on the numbers (the goal is at most 0.25 s wall for the decision).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DECISION = [
    "evaluate",
    "--policy",
    "policies/policy.json",
    "--channel",
    "facebook",
    "--category",
    "complaint",
    "--received",
    "2026-11-23T16:30:00+01:00",
]
GOAL_SECONDS = 0.25


def tool(name: str) -> Path | None:
    for folder in (Path(sys.executable).parent, REPO / ".venv" / "bin"):
        if (folder / name).is_file():
            return folder / name
    return None


def user_environment() -> dict[str, str]:
    """As a user runs the tools: compiled bytecode cached, as after any first run of an installed package.

    With PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set it), an editable
    install recompiles socialkit's modules on every run while check-jsonschema's
    site-packages modules were compiled by pip: the comparison would not be like for like.
    """
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def time_side_by_side(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[list[float], int]]:
    """Wall-clock seconds of each run of each command, and its last exit status.

    The commands take turns within every round, so a busy moment on a shared
    machine slows them alike instead of whichever happened to run then.
    """
    env = user_environment()
    for argv in commands.values():
        subprocess.run(argv, cwd=REPO, capture_output=True, env=env)  # warm the file and bytecode caches, not counted
    results: dict[str, tuple[list[float], int]] = {name: ([], 0) for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=REPO, capture_output=True, env=env)
            results[name] = ([*results[name][0], time.perf_counter() - start], done.returncode)
    return results


def import_profile(argv: list[str], top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """Total import seconds of one run and the packages that take most (self time, summed per package)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], cwd=REPO, capture_output=True, text=True, env=user_environment())
    per_package: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, _, name = line[len("import time:") :].split("|")
        per_package[name.strip().split(".")[0]] += int(self_us)
    total = sum(per_package.values()) / 1e6
    return total, [(name, us / 1e6) for name, us in per_package.most_common(top)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    args = parser.parse_args(argv)

    socialkit, check = tool("socialkit"), tool("check-jsonschema")
    if socialkit is None or not (REPO / "policies" / "policy.json").is_file():
        print("benchmark skipped: needs socialkit next to this Python and a built policies/policy.json (make build)")
        return 0
    rows = [("python -c pass (interpreter start-up)", [sys.executable, "-c", "pass"])]
    if check is not None:
        rows.append(("check-jsonschema --version", [str(check), "--version"]))
    rows += [
        ("socialkit --version", [str(socialkit), "--version"]),
        ("socialkit evaluate --policy (one decision)", [str(socialkit), *DECISION]),
    ]

    print(f"{'':<44} {'runs':>4}  {'median':>8}  {'min':>8}")
    medians: dict[str, float] = {}
    for title, (times, status) in time_side_by_side(dict(rows), args.runs).items():
        medians[title] = statistics.median(times)
        note = "" if status == 0 else f"  (exit status {status})"
        print(f"{title:<44} {args.runs:>4}  {medians[title]:>7.3f}s  {min(times):>7.3f}s{note}")

    decision = medians["socialkit evaluate --policy (one decision)"]
    print()
    for title, _ in rows[:2]:
        print(f"one decision is {decision / medians[title]:.2f}x {title}")
    verdict = "within" if decision <= GOAL_SECONDS else "over"
    print(f"one decision takes {decision:.3f} s: {verdict} the {GOAL_SECONDS} s goal")

    total, packages = import_profile(["-m", "socialkit", *DECISION])
    print(f"\nimports of one decision (python -X importtime, one run): {total:.3f} s, most of it in")
    for name, seconds in packages:
        print(f"  {name:<24} {seconds:>7.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
