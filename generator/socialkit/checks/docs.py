"""Generate the rule pages in docs/guide/rules/ from the rules themselves.

Each rule's page comes from its registration: code, name, default severity,
summary, docstring (the rationale) and its bad and good YAML examples. The
index lists every problem code, the SK0xx format codes included. Pure
functions return the text; `main` writes or checks the files:

    python -m socialkit.checks.docs            # write docs/guide/rules/
    python -m socialkit.checks.docs --check    # exit 1 if a page is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from socialkit import problems as P
from socialkit.checks import RULES
from socialkit.checks.registry import FAMILIES, Rule

SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "info"}
STAGE_WORD = {
    "rules": "the rule engine (after the reference checks)",
    "references": "the reference checks (before the rules; cannot be switched off)",
}

AUDIT_ONLY = ("SK410", "SK339")  # reported by `socialkit audit --posts`, never by validate


def page_name(code: str) -> str:
    return f"{code}.md"


def render_page(rule: Rule) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.summary}**",
        "",
        f"- Default severity: {SEVERITY_WORD[rule.severity.value]}",
        f"- Family: {rule.code[:3]}xx, {rule.family.lower()}",
        f"- Reported by: {STAGE_WORD[rule.stage]}",
        "",
        "## Why",
        "",
        rule.doc.rstrip(),
        "",
        "## Example",
        "",
        "Reported:" if rule.code not in AUDIT_ONLY else "Never reported by `socialkit validate`:",
        "",
        "```yaml",
        rule.bad.rstrip(),
        "```",
        "",
        "Fixed:" if rule.code not in AUDIT_ONLY else "Also fine:",
        "",
        "```yaml",
        rule.good.rstrip(),
        "```",
        "",
        "The examples show only the part of the strategy that matters; the rest",
        "(the organisation, the `support` team and its rota, the `office-hours`",
        "schedule, the `standard` SLA) is assumed to be valid.",
        "",
    ]
    if rule.configurable:
        lines += [
            "## Configuration",
            "",
            "Switch the rule off or change its severity in `pyproject.toml`:",
            "",
            "```toml",
            "[tool.socialkit.rules]",
            f'ignore = ["{rule.code}"]',
            f'severity = {{ {rule.code} = "{"warning" if rule.severity.value == "error" else "error"}" }}',
            "```",
            "",
            f"or silence it on one line with a comment: `# socialkit: ignore[{rule.code}]`.",
            "",
        ]
    lines += ["[All rules](index.md)", ""]
    return "\n".join(lines)


def render_index() -> str:
    """docs/guide/rules/index.md: every code, grouped by family."""
    lines = [
        "# Rules and problem codes",
        "",
        "`socialkit validate` reports every problem as",
        "`file:line:column: CODE severity message`. The code is stable: use it in",
        "configuration, in `# socialkit: ignore[CODE]` comments and with",
        "`socialkit validate --explain CODE`, which prints the page of a rule.",
        "",
        "## Configuration",
        "",
        "```toml",
        "[tool.socialkit.rules]",
        'select = ["SK1", "SK2", "SK3", "SK4"]   # codes or prefixes; empty = all',
        'ignore = ["SK410"]                      # the most specific entry wins',
        'severity = { SK205 = "error" }          # error, warning or info',
        "```",
        "",
        "The same from the environment (lists as JSON):",
        '`SOCIALKIT_RULES__IGNORE=\'["SK205", "SK206"]\'`,',
        "`SOCIALKIT_RULES__SEVERITY__SK205=error`. An unknown code is an error",
        "(exit status 2, with the closest known code). A comment at the end of a",
        "line silences codes there; on the line of a key or list item, it",
        "silences them for everything under it:",
        "",
        "```yaml",
        "    team: social   # socialkit: ignore[SK205]",
        "```",
        "",
        "`# socialkit: ignore` without a list silences every code that can be",
        "configured. The format errors (SK0xx errors) and the reference checks",
        "(SK101, SK102) cannot be switched off.",
        "",
        "Time rules use the reference date (`--as-of DATE`, the `as_of` setting,",
        "or today) and the horizon (`horizon_days`, 400 days by default).",
        "",
        "These pages are generated from the rules; regenerate them with",
        "`python -m socialkit.checks.docs` (a test fails when they are stale).",
        "",
    ]
    for prefix, family in FAMILIES.items():
        lines += [f"## {prefix}xx: {family.lower()}", "", "| Code | Name | Severity | Summary |", "|---|---|---|---|"]
        for entry in P.CODES:
            if not entry.code.startswith(prefix):
                continue
            if entry.code in RULES:
                code = f"[{entry.code}]({page_name(entry.code)})"
            else:  # format codes are explained, with examples, on the codes page
                code = f"[{entry.code}](../codes.md#{entry.code.lower()})"
            lines.append(f"| {code} | {entry.name} | {entry.severity.value} | {entry.summary} |")
        lines.append("")
    return "\n".join(lines)


FRONT_MATTER = "---\nlang: en\n---\n\n"  # the pages are English in a site whose default language may not be


def pages() -> dict[str, str]:
    """File name -> content of every generated page."""
    out = {"index.md": FRONT_MATTER + render_index()}
    for code in sorted(RULES):
        out[page_name(code)] = FRONT_MATTER + render_page(RULES[code])
    return out


def explain(code: str) -> str | None:
    """The documentation of any code, for `validate --explain`; None if unknown."""
    code = code.strip().upper()
    if code in RULES:
        return render_page(RULES[code])
    if code in P.CODES:
        entry = P.CODES[code]
        if code.startswith("SK05"):  # the committed policy against today, not the files' format
            return (
                f"# {entry.code} {entry.name}\n\n**{entry.summary}**\n\n"
                f"- Default severity: {entry.severity.value}\n"
                "- Reported by: validate (without paths) and build --check, from policies/policy.json and today's date\n"
                "- Configure: horizon_warn_days; ignore or re-grade it in [tool.socialkit.rules]\n"
                "\nRebuild the policy from today (socialkit build) or merge the weekly refresh pull request; "
                "docs/guide/workflow.md explains the life cycle.\n"
            )
        return (
            f"# {entry.code} {entry.name}\n\n**{entry.summary}**\n\n"
            f"- Default severity: {entry.severity.value}\n"
            + (
                "- Reported by: `socialkit audit --moderation-log`, for one row the moderation rules do not allow (the rest still run)\n"
                if entry.code in P.MODERATION_LOG_CODES
                else "- Reported by: `socialkit evaluate --events` and `socialkit audit`, for one line or row (skipped; the rest still run)\n"
                if entry.code.startswith("SK5")
                else "- Reported by: reading the files and checking them against the format, before any rule runs\n"
            )
            + (
                "- Cannot be switched off: the strategy does not load until it is fixed.\n"
                if entry.severity is P.Severity.ERROR and not entry.code.startswith("SK5") and entry.code not in P.MODERATION_LOG_CODES
                else ""
            )
            + "\nThe message says what is wrong and how to fix it; docs/guide/codes.md explains each format code with examples.\n"
        )
    return None


def stale(folder: Path) -> list[str]:
    """Names of pages that differ from what would be generated, or should not be there."""
    expected = pages()
    out = [name for name, text in expected.items() if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    if folder.is_dir():
        out += sorted(p.name for p in folder.glob("*.md") if p.name not in expected)
    return out


def write(folder: Path) -> list[str]:
    from socialkit.write import write_text_atomic

    expected = pages()
    changed = stale(folder)
    for name in changed:
        if name in expected:
            write_text_atomic(folder / name, expected[name])
        else:
            (folder / name).unlink()
    return changed


def default_folder() -> Path:
    from socialkit.settings import load_settings

    settings = load_settings()
    return settings.path(settings.docs_dir) / "guide" / "rules"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialkit.checks.docs", description="Write or check the generated rule pages.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is out of date, write nothing")
    parser.add_argument("--dir", type=Path, default=None, help="folder of the pages (default: <docs_dir>/guide/rules)")
    args = parser.parse_args(argv)
    folder = args.dir or default_folder()
    if args.check:
        found = stale(folder)
        for name in found:
            print(f"{folder / name} is out of date; run 'python -m socialkit.checks.docs'", file=sys.stderr)
        return 1 if found else 0
    changed = write(folder)
    print(f"{len(changed)} page(s) written to {folder}" if changed else "rule pages are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
