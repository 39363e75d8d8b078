"""Time whole-process `socialkit validate` against `check-jsonschema` on the same files.

    .venv/bin/python benchmarks/validate.py [--runs 15]

Both tools run as the user runs them, taking turns: a fresh process per run (start-up included),
socialkit both cold (SOCIALKIT_CACHE=false: every run validates) and warm (the validation-result cache
answers for unchanged files, as in an editor or a pre-commit hook),
through the console scripts next to this Python, with compiled bytecode cached
(see startup.user_environment). Two inputs: the example strategy
in strategy/, and a generated larger one (500 channels, 300 people, 200
escalation rules) written to a temporary folder. Prints the median and minimum of
each and the ratio of medians. A benchmark prints; it never fails on the numbers.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import HEADER, time_side_by_side

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schemas" / "strategy.schema.json"

PLATFORMS = ("facebook", "instagram", "linkedin", "x", "threads", "tiktok", "youtube", "bluesky", "mastodon")
CATEGORIES = ("complaint", "question", "praise", "outage", "harassment", "billing", "moving", "invoice")


def tool(name: str) -> Path | None:
    for folder in (Path(sys.executable).parent, REPO / ".venv" / "bin"):
        if (folder / name).is_file():
            return folder / name
    return None


# --- a generated larger strategy -------------------------------------------------------------


def generate(folder: Path, channels: int = 500, people: int = 300, rules: int = 200, teams: int = 30) -> list[Path]:
    """Write a valid multi-file strategy of the given size; return its files in name order."""
    header = "# yaml-language-server: $schema=../schemas/strategy.schema.json\n"
    files: dict[str, list[str]] = {}
    files["00-organization.yaml"] = [
        "version: 1",
        "organization:",
        "  name: Generated AB",
        "  timezone: Europe/Stockholm",
        "  languages: [sv, en]",
        "  holidays: {country: SE, also_closed: [christmas-eve, midsummer-eve]}",
        "audiences:",
        *(f"  - id: audience-{a}\n    name: {{sv: Publik {a}, en: Audience {a}}}" for a in range(10)),
    ]
    files["10-people.yaml"] = ["people:"] + [
        f"  - id: person-{p}\n    name: Person {p}\n    email: person-{p}@example.se\n    phone: +46 70 000 {p:04d}\n    languages: [sv, en]"
        for p in range(people)
    ]
    team_lines = ["teams:"]
    per_team = max(1, people // teams)
    for t in range(teams):
        members = [f"person-{(t * per_team + i) % people}" for i in range(per_team)]
        team_lines.append(
            f"  - id: team-{t}\n    name: {{sv: Lag {t}, en: Team {t}}}\n    members: [{', '.join(members)}]\n    lead: {members[0]}\n"
            f"    email: team-{t}@example.se\n    rota:\n      layers:\n        - id: weekly\n          start: 2026-01-05 08:00\n"
            f"          every: 1w\n          order: [{', '.join(members[:4])}]\n          only_during: schedule-{t % 10}"
        )
    files["20-teams.yaml"] = team_lines
    files["30-schedules.yaml"] = ["schedules:"] + [
        f'  - id: schedule-{s}\n    name: {{sv: Tider {s}, en: Hours {s}}}\n    weekly:\n      mon-fri: ["0{s % 3 + 7}:00-17:00"]\n'
        f'      sat: ["10:00-14:00"]\n    closures:\n      - date: 2026-12-23\n    special_hours:\n      - date: 2026-04-30\n'
        f'        hours: ["08:00-12:00"]'
        for s in range(10)
    ]
    files["40-messages.yaml"] = (
        ["categories:"]
        + [
            f"  - id: {c}\n    name: {{sv: {c.title()}, en: {c.title()}}}\n    sentiment: neutral\n    reply_style: personal"
            for c in CATEGORIES
        ]
        + ["slas:"]
        + [
            f"  - id: sla-{s}\n    name: {{sv: Mål {s}, en: Target {s}}}\n    clock: business\n    targets:\n"
            + "".join(f"      {c}: {{acknowledge: {s + 1}h, respond: {s + 4}h}}\n" for c in CATEGORIES)
            + "      default: {respond: 24h}"
            for s in range(5)
        ]
    )
    files["50-channels.yaml"] = ["channels:"] + [
        f"  - id: channel-{c}\n    name: Channel {c}\n    platform: {PLATFORMS[c % len(PLATFORMS)]}\n"
        f"    url: https://www.example.se/channel-{c}\n    purpose: {{sv: Kundservice {c}, en: Customer service {c}}}\n"
        f"    audiences: [audience-{c % 10}]\n    team: team-{c % teams}\n    customer_service: true\n"
        f"    schedule: schedule-{(c % teams) % 10}\n    sla: sla-{c % 5}\n    check_every: 30m\n"
        f'    check_times: ["08:00", "12:00"]\n    disclosures: [hours, response-time]'
        for c in range(channels)
    ]
    files["60-escalation.yaml"] = ["escalation:"] + [
        f"  - id: rule-{r}\n    description: {{sv: Regel {r}, en: Rule {r}}}\n    when:\n"
        f"      categories: [{CATEGORIES[r % len(CATEGORIES)]}]\n      channels: [channel-{r % channels}, channel-{(r * 7) % channels}]\n"
        f"      keywords: [word-{r}]\n      min_followers: {r * 10}\n    priority: high\n    route_to: team-{r % teams}\n"
        f"    notify: [person-{r % people}]\n    respond_within: 2h\n    actions:\n      - {{sv: Gör något {r}, en: Do something {r}}}"
        for r in range(rules)
    ]
    written = []
    for name, lines in files.items():
        path = folder / name
        path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


# --- the table ------------------------------------------------------------------------------------


def compare(title: str, socialkit: list[str], check: list[str], runs: int) -> None:
    """Cold: every run validates (cache off, as on a fresh CI machine). Warm: the same files again, as an editor
    or pre-commit runs it; the result cache answers."""
    print(title)
    commands = {
        "socialkit validate, cold": ["env", "SOCIALKIT_CACHE=false", *socialkit],
        "socialkit validate, warm": socialkit,
        "check-jsonschema": check,
    }
    medians, cpu = {}, {}
    for name, timing in time_side_by_side(commands, runs).items():
        medians[name], cpu[name] = statistics.median(timing.wall), statistics.median(timing.cpu)
        print(timing.row(f"  {name}"))
    for side in ("cold", "warm"):
        name = f"socialkit validate, {side}"
        ratio = medians[name] / medians["check-jsonschema"]
        cpu_ratio = cpu[name] / cpu["check-jsonschema"]
        print(f"  {side}: socialkit is {ratio:.2f}x the time of check-jsonschema ({cpu_ratio:.2f}x its CPU time; goal: at most 0.8x)")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per tool and input (default 15)")
    args = parser.parse_args(argv)

    socialkit, check = tool("socialkit"), tool("check-jsonschema")
    if socialkit is None or check is None:
        print("benchmark skipped: socialkit and check-jsonschema must be installed next to this Python (make build)")
        return 0

    example = sorted((REPO / "strategy").glob("*.yaml"))
    print(HEADER)
    compare(
        f"example strategy/ ({len(example)} files, {sum(p.stat().st_size for p in example) // 1024} KiB)",
        [str(socialkit), "validate", "strategy/"],
        [str(check), "--schemafile", str(SCHEMA), *map(str, example)],
        args.runs,
    )
    with tempfile.TemporaryDirectory(prefix="socialkit-bench-") as temp:
        files = generate(Path(temp))
        size = sum(p.stat().st_size for p in files) // 1024
        verdict = subprocess.run([str(socialkit), "validate", temp], cwd=REPO, capture_output=True, text=True)
        errors = [line for line in verdict.stdout.splitlines() if " error " in line]
        if errors:
            print(f"note: the generated strategy has {len(errors)} errors, e.g. {errors[0]}")
        compare(
            f"generated (500 channels, 300 people, 200 escalation rules; {len(files)} files, {size} KiB)",
            [str(socialkit), "validate", temp],
            [str(check), "--schemafile", str(SCHEMA), *map(str, files)],
            args.runs,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
