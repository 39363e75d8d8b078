"""Benchmark: the playbook site, rendered and built, against a plain MkDocs build.

For the example strategy and for a generated 500-channel strategy, times

  1. render_playbook alone (in this process),
  2. `mkdocs build` with the socialkit plugin, as a whole fresh process
     (load + validate + render + build, what `make build` / CI pays),
  3. `mkdocs build` of the same pages already on disk as plain Markdown
     with the same theme, extensions and nav, but no plugin,

and prints the times and the ratio 2 / 3. Run: .venv/bin/python benchmarks/site.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 12, 14)
sys.path.insert(0, str(ROOT / "generator"))

from socialkit.render import render_mkdocs_yml, render_playbook  # noqa: E402
from socialkit.validate import validate_paths  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REPEAT = int(os.environ.get("SOCIALKIT_BENCH_REPEAT", "3"))


def many_channels(count: int) -> str:
    """channels.yaml with `count` channels, cycling through the example's kinds of channel."""
    lines = ["channels:"]
    for n in range(count):
        service = n % 5 != 3
        lines += [
            f"  - id: channel-{n:04d}",
            f"    name: Kanal {n}",
            f"    platform: {('facebook', 'instagram', 'x', 'linkedin', 'tiktok')[n % 5]}",
            f"    url: https://social.example/solvik/{n}",
            "    purpose: {sv: Kundservice och nyheter i region " + str(n) + ", en: Customer service and news for region " + str(n) + "}",
            "    audiences: [customers, prospects]",
            "    team: social",
            f"    customer_service: {'true' if service else 'false'}",
        ]
        if service:
            lines += [
                f"    schedule: {('office-hours', 'evening-outage-desk')[n % 2]}",
                "    sla: standard",
                "    check_every: 2h",
                "    disclosures: [hours, response-time]",
            ]
        else:
            lines += ["    redirect: {text: {sv: Skriv till oss på Facebook., en: Message us on Facebook.}, channel: channel-0000}"]
    return "\n".join(lines) + "\n"


def project(where: Path, channels: int | None) -> Path:
    where.mkdir(parents=True)
    shutil.copytree(ROOT / "strategy", where / "strategy")
    if channels is not None:
        (where / "strategy" / "channels.yaml").write_text(many_channels(channels))
    (where / "pyproject.toml").write_text(f'[tool.socialkit]\nstrategy = "strategy"\nas_of = "{AS_OF}"\n')
    (where / "docs").mkdir()
    return where


def build(folder: Path) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=folder, env=ENV, capture_output=True, text=True
        )
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"mkdocs build failed in {folder}:\n{done.stderr}")
    return best


def measure(name: str, channels: int | None, scratch: Path) -> None:
    plugin = project(scratch / f"{name}-plugin", channels)
    strategy = validate_paths([plugin / "strategy"]).strategy
    start = time.perf_counter()
    pages = render_playbook(strategy, as_of=AS_OF)
    render_time = time.perf_counter() - start
    (plugin / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    plain = project(scratch / f"{name}-plain", channels)
    for path, text in pages.items():
        (plain / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (plain / "docs" / path).write_text(text)
    (plain / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=False))
    with_plugin, without = build(plugin), build(plain)
    print(f"{name:<13} {len(pages):>6} {render_time:>10.2f} {with_plugin:>16.2f} {without:>16.2f} {with_plugin / without:>7.2f}")


def main() -> int:
    print(f"best of {REPEAT}; seconds; 'socialkit build' = fresh process: validate + render + mkdocs build (material)")
    print(f"{'strategy':<13} {'pages':>6} {'render':>10} {'mkdocs+plugin':>16} {'plain mkdocs':>16} {'ratio':>7}")
    with tempfile.TemporaryDirectory(prefix="socialkit-bench-") as scratch:
        measure("example", None, Path(scratch))
        measure("500-channels", 500, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
