"""Whole-process `socialkit build` (policy, exports, playbook Markdown) on the
example and on a generated 500-channel strategy.

Run: .venv/bin/python benchmarks/build.py
The alternative a user would pick is no tool at all, so this prints absolute
seconds per build and per channel; a second build (nothing changed) shows the
cost of checking without writing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from rules import generate  # noqa: E402  the same large strategy the rules benchmark uses

CLI = Path(sys.executable).with_name("socialkit")


def timed(argv: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-800:]}")
    return elapsed


def project(where: Path, large: bool) -> Path:
    where.mkdir(parents=True)
    if large:
        (where / "strategy").mkdir()
        generate(where / "strategy", 1)
    else:
        shutil.copytree(ROOT / "strategy", where / "strategy")
    (where / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\nas_of = 2026-11-23\n')
    return where


def main() -> int:
    print(f"{'strategy':<28}{'first build s':>14}{'rebuild s':>11}{'check s':>9}{'files':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, large in (("example (5 channels)", False), ("generated (500 channels)", True)):
            folder = project(Path(scratch) / name.split()[0], large)
            first = timed([str(CLI), "build"], folder)
            again = timed([str(CLI), "build"], folder)
            check = timed([str(CLI), "build", "--check"], folder)
            files = sum(1 for p in folder.rglob("*") if p.is_file() and "strategy" not in p.parts)
            print(f"{name:<28}{first:>14.2f}{again:>11.2f}{check:>9.2f}{files:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
