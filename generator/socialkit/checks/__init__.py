"""The rule engine: semantic checks on a strategy that loaded and holds together.

Each rule lives in one of the family modules (structure, timing, escalation,
practices), registers itself with a stable code, and yields `Finding`s. This
module runs the enabled rules and turns findings into `Problem`s with file,
line and column. Configuration (`RuleConfig`) and `# socialkit: ignore[...]`
comments (`Suppressions`) are applied by the pipeline in validate.py to every
stage's problems alike.

    from socialkit.checks import run_rules
    problems = run_rules(strategy, source, as_of=date(2026, 1, 1))
"""

from __future__ import annotations

from datetime import date

from .. import problems as P
from ..load import Source, json_path
from ..model import Strategy
from ..problems import Problem
from . import escalation, practices, structure, timing  # noqa: F401  (registers the rules)
from .config import ConfigError, RuleConfig
from .context import Context
from .registry import FAMILIES, RULES, Finding, Rule, rule
from .suppress import Suppressions

__all__ = [
    "ConfigError", "Context", "FAMILIES", "Finding", "RULES", "Rule", "RuleConfig", "Suppressions", "rule", "run_rules",
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
