"""The rule engine: semantic checks on a strategy that loaded and holds together.

Each rule lives in one of the family modules in `checks/rules/` (found
automatically: a new module there needs no list to edit), registers itself with a stable code, and yields `Finding`s. This
module runs the enabled rules and turns findings into `Problem`s with file,
line and column. Configuration (`RuleConfig`) and `# socialkit: ignore[...]`
comments (`Suppressions`) are applied by the pipeline in validate.py to every
stage's problems alike.

    from socialkit.checks import run_rules
    problems = run_rules(strategy, source, as_of=date(2026, 1, 1))
"""

from __future__ import annotations

from datetime import date

from socialkit import problems as P
from socialkit.checks.config import ConfigError, RuleConfig
from socialkit.checks.context import Context
from socialkit.checks.registry import FAMILIES, RULES, Finding, Rule, rule
from socialkit.checks.rules import register_all
from socialkit.checks.suppress import Suppressions
from socialkit.problems import Problem
from socialkit.strategy.load import Source, json_path
from socialkit.strategy.model import Strategy

register_all()

__all__ = [
    "ConfigError",
    "Context",
    "FAMILIES",
    "Finding",
    "RULES",
    "Rule",
    "RuleConfig",
    "Suppressions",
    "rule",
    "run_rules",
]


def run_rules(
    strategy: Strategy,
    source: Source,
    *,
    as_of: date,
    horizon_days: int = 400,
    config: RuleConfig | None = None,
) -> list[Problem]:
    """Every enabled rule's findings as problems (severity from the rule's default)."""
    config = config or RuleConfig()
    ctx = Context(strategy, source, as_of=as_of, horizon_days=horizon_days)
    out: list[Problem] = []
    for code in sorted(RULES):
        entry = RULES[code]
        if entry.check is None or not config.enabled(code):
            continue
        for finding in entry.check(ctx):
            file, line, column, doc_path = source.locate(finding.path, key=finding.key)
            out.append(P.Problem(code, entry.severity, finding.message, file, line, column, json_path(doc_path)))
    return out
