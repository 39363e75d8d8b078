"""Benchmark: `socialkit validate` with every rule on a large generated strategy.

The strategy at 1x has 500 channels, 300 people (60 teams with rotas), 24
schedules, 200 escalation rules and a Swedish holiday calendar; 2x and 4x
scale every count. Each size is timed as a whole process (interpreter start,
imports, reading YAML, model, references, rules, report), best of `--repeat`
runs, plus an in-process split of the pipeline. The target is < 2 s at 1x and
roughly linear growth.

    python benchmarks/rules.py                # 1x, 2x, 4x
    python benchmarks/rules.py --sizes 1 --repeat 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = "2026-11-23"
PLATFORMS = ["facebook", "instagram", "linkedin", "x", "tiktok", "youtube", "threads", "website-chat"]
CATEGORIES = [
    ("complaint", "negative"),
    ("question", "neutral"),
    ("praise", "positive"),
    ("harassment", "negative"),
    ("outage", "negative"),
]


def generate(folder: Path, scale: int) -> dict[str, int]:
    n_people, n_channels, n_rules = 300 * scale, 500 * scale, 200 * scale
    n_teams, n_schedules = n_people // 5, 24 * scale
    out: dict[str, list[str]] = {}

    out["00-organization.yaml"] = [
        "version: 1",
        "organization:",
        "  name: Benchmark AB",
        "  timezone: Europe/Stockholm",
        "  languages: [en]",
        "  holidays: {country: SE, also_closed: [christmas-eve, midsummer-eve]}",
        "goals:",
        *[
            f"  - {{id: goal-{i}, statement: Goal {i}., metric: reply-rate, target: 0.9, deadline: 2027-12-31, owner: p{i}}}"
            for i in range(20 * scale)
        ],
        "moderation:",
        "  never_remove: [criticism, negative-review, complaint]",
        "  hide: [spam, off-topic]",
        "  remove: [illegal-content, personal-data]",
    ]

    lines = ["people:"]
    for i in range(n_people):
        lines.append(f"  - {{id: p{i}, name: Person {i}, email: p{i}@example.org}}")
    lines.append("teams:")
    for t in range(n_teams):
        members = [f"p{t * 5 + k}" for k in range(5)]
        schedule = f"s{t % n_schedules}"
        lines += [
            f"  - id: t{t}",
            f"    name: Team {t}",
            f"    members: [{', '.join(members)}]",
            f"    lead: {members[0]}",
            "    rota:",
            "      layers:",
            f"        - {{id: days, start: 2026-01-05 08:00, every: 1w, order: [{', '.join(members[:3])}], only_during: {schedule}}}",
        ]
        if t % 4 == 0:  # a quarter of the teams also keep a round-the-clock on-call layer
            lines.append(f"        - {{id: on-call, start: 2026-01-05 08:00, every: 1w, order: [{', '.join(members[3:])}]}}")
    out["10-people.yaml"] = lines

    lines = ["schedules:"]
    for s in range(n_schedules):
        start = 7 + s % 3
        lines += [
            f"  - id: s{s}",
            "    weekly:",
            f'      mon-fri: ["{start:02d}:00-{start + 9:02d}:00"]',
            *(['      sat: ["10:00-14:00"]'] if s % 2 else []),
            "    holidays: closed",
            "    closures: [{date: 2026-12-23}]",
            "    seasons:",
            f'      - {{id: summer, start: "06-22", end: "08-14", weekly: {{mon-fri: ["{start + 1:02d}:00-{start + 7:02d}:00"]}}}}',
        ]
    lines += ["categories:"] + [
        f"  - {{id: {cid}, name: {cid.title()}, sentiment: {sentiment}, reply_style: personal}}" for cid, sentiment in CATEGORIES
    ]
    lines += ["slas:"]
    for k in range(10):
        lines += [
            f"  - id: sla{k}",
            "    clock: business",
            "    targets:",
            f"      complaint: {{acknowledge: {1 + k % 3}h, respond: {4 + k}h}}",
            f"      default: {{respond: {8 + k}h}}",
        ]
    out["20-schedules.yaml"] = lines

    lines = ["channels:"]
    for c in range(n_channels):
        team = c % n_teams
        cs = c % 5 != 0
        lines += [
            f"  - id: c{c}",
            f"    name: Channel {c}",
            f"    platform: {PLATFORMS[c % len(PLATFORMS)]}",
            f"    team: t{team}",
            f"    customer_service: {'true' if cs else 'false'}",
        ]
        if cs:
            # every 25th channel is open on another schedule than its team's rota: rota gaps (SK205)
            schedule = (team + (1 if c % 25 == 1 else 0)) % n_schedules
            lines += [
                f"    schedule: s{schedule}",
                f"    sla: sla{c % 10}",
                "    check_every: 30m",
                "    disclosures: [hours, response-time]",
            ]
        else:
            lines += [f"    redirect: {{text: Ask us on channel {c + 1}., channel: c{c + 1}}}", "    disclosures: [redirect]"]
    out["30-channels.yaml"] = lines

    lines = ["escalation:"]
    for r in range(n_rules - 1):
        cid = CATEGORIES[r % len(CATEGORIES)][0]
        when = [f"categories: [{cid}]", f"channels: [c{r % n_channels}, c{(r * 7) % n_channels}]"]
        if r % 3 == 0:
            when.append(f"min_followers: {1000 * (r % 7 + 1)}")
        if r % 5 == 0:
            when.append(f"keywords: [word{r}, other{r}]")
        if r % 11 == 0:
            when.append(f"during: s{r % n_schedules}")
        lines += [
            f"  - id: r{r}",
            f"    when: {{{', '.join(when)}}}",
            "    priority: high",
            f"    route_to: t{r % n_teams}",
            f"    notify: [p{r % n_people}]",
        ]
    lines += ["  - id: default", "    priority: normal"]
    out["40-escalation.yaml"] = lines

    for name, content in out.items():
        (folder / name).write_text("\n".join(content) + "\n", encoding="utf-8")
    return {"channels": n_channels, "people": n_people, "teams": n_teams, "schedules": n_schedules, "rules": n_rules}


def whole_process(folder: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "socialkit", "validate", str(folder), "--as-of", AS_OF],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()
    return elapsed, done.returncode, summary


def split(folder: Path) -> dict[str, float]:
    """Seconds per stage, in this process (imports already paid)."""
    from socialkit.checks import run_rules
    from socialkit.strategy.load import load_source
    from socialkit.strategy.references import check_references
    from socialkit.validate import build_model

    times = {}
    t = time.perf_counter()
    source, _ = load_source([folder])
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    strategy, problems = build_model(source)
    times["model"] = time.perf_counter() - t
    assert strategy is not None, problems[:3]
    t = time.perf_counter()
    check_references(strategy, source)
    times["references"] = time.perf_counter() - t
    t = time.perf_counter()
    run_rules(strategy, source, as_of=date.fromisoformat(AS_OF))
    times["rules"] = time.perf_counter() - t
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        f"{'size':>4}  {'channels':>8}  {'people':>6}  {'rules':>5}  {'process s':>9}  {'load':>5}  {'model':>5}  {'refs':>5}  {'rules':>5}  result"
    )
    base = None
    for scale in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            counts = generate(folder, scale)
            runs = [whole_process(folder) for _ in range(args.repeat)]
            best = min(r[0] for r in runs)
            code, summary = runs[0][1], runs[0][2]
            if code not in (0, 1):
                print(f"validate failed with exit status {code}: {summary}", file=sys.stderr)
                return 1
            stages = split(folder)
        base = base or best / scale
        print(
            f"{scale:>3}x  {counts['channels']:>8}  {counts['people']:>6}  {counts['rules']:>5}  {best:>9.2f}  "
            f"{stages['load']:>5.2f}  {stages['model']:>5.2f}  {stages['references']:>5.2f}  {stages['rules']:>5.2f}  {summary}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
