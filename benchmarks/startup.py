"""Time one decision from a built policy, whole process, against start-ups a user knows.

    .venv/bin/python benchmarks/startup.py [--runs 20]

`socialkit evaluate --policy policies/policy.json ...` answers one message; the
answer takes microseconds, so its time is start-up: the interpreter, the imports
and reading policy.json. It runs side by side with plain `python -c pass` and
`check-jsonschema --version` (a Python CLI of the same kind, doing nothing), each
in a fresh process per run; `cpu` is the median user + system time, which a busy
machine inflates less than the wall clock. Then one `python -X importtime` run of the decision
shows where its import time goes, by top-level package. A benchmark prints; it
never fails on the numbers (the goal is at most 0.25 s wall for the decision).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
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


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)  # seconds per run, start-up included
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process: what waiting for a busy CPU does not inflate
    status: int = 0  # exit status of the last run

    def row(self, title: str) -> str:
        return (
            f"{title:<44} {len(self.wall):>4}  {statistics.median(self.wall):>7.3f}s  {min(self.wall):>7.3f}s"
            f"  {statistics.median(self.cpu):>7.3f}s" + ("" if self.status == 0 else f"  (exit status {self.status})")
        )


HEADER = f"{'':<44} {'runs':>4}  {'median':>8}  {'min':>8}  {'cpu':>8}"


def time_side_by_side(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Wall-clock and CPU seconds of each run of each command.

    The commands take turns within every round, so a busy moment on a shared
    machine slows them alike instead of whichever happened to run then.
    """
    env = user_environment()
    for argv in commands.values():
        subprocess.run(argv, cwd=REPO, capture_output=True, env=env)  # warm the file and bytecode caches, not counted
    results = {name: Timing() for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            done = subprocess.run(argv, cwd=REPO, capture_output=True, env=env)
            wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
            results[name].wall.append(wall)
            results[name].cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            results[name].status = done.returncode
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

    print(HEADER)
    medians: dict[str, float] = {}
    for title, timing in time_side_by_side(dict(rows), args.runs).items():
        medians[title] = statistics.median(timing.wall)
        print(timing.row(title))

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
