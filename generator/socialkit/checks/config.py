"""Which codes are reported, and how severe: `[tool.socialkit.rules]`.

`select` and `ignore` take codes or prefixes ('SK2', 'SK20', 'SK203'); the
most specific entry wins, so `select = ["SK2"]` with `ignore = ["SK205"]`
reports every SK2xx rule but SK205, and `ignore = ["SK2"]` with
`select = ["SK205"]` reports only SK205 of them. `severity` re-grades a code
or prefix. Format errors found while reading the files (SK0xx errors) and the
reference checks SK101/SK102 cannot be switched off: later stages need a
strategy that holds together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from socialkit import problems as P
from socialkit.errors import SocialkitError
from socialkit.problems import Problem, Severity


class ConfigError(SocialkitError, ValueError):
    """A rule setting names a code that does not exist or cannot be configured."""


def configurable(code: str) -> bool:
    """Rule codes, and warnings of the earlier stages; not the errors that stop the pipeline."""
    from socialkit.checks.registry import RULES

    rule = RULES.get(code)
    if rule is not None:
        return rule.configurable
    return code in P.CODES and P.CODES[code].severity is not Severity.ERROR


def closest_code(value: str) -> str:
    """The known code nearest to a misspelt one: same family and nearest number, else by spelling."""
    codes = [entry.code for entry in P.CODES]
    names = {entry.name: entry.code for entry in P.CODES}
    text = value.strip()
    if text.lower() in names:
        return names[text.lower()]
    text = text.upper()
    if len(text) == 5 and text[:2] == "SK":  # letters typed for look-alike digits: SK2O5 means SK205
        text = "SK" + text[2:].translate(str.maketrans("OIL", "011"))
    if len(text) == 5 and text[:2] == "SK" and text[2:].isdigit():
        family = [c for c in codes if c[:3] == text[:3]] or codes
        return min(family, key=lambda c: (abs(int(c[2:]) - int(text[2:])), c))
    close = difflib.get_close_matches(text, codes, n=1, cutoff=0.0)
    return close[0] if close else codes[0]


def check_selector(value: str, where: str) -> str:
    """A code or prefix that names at least one configurable code; ConfigError otherwise."""
    text = value.strip().upper()
    codes = [entry.code for entry in P.CODES]
    if text in P.CODES:
        if not configurable(text):
            raise ConfigError(f"{text} in {where} cannot be configured: it marks a strategy that does not load or hold together")
        return text
    if text.startswith("SK") and any(code.startswith(text) and configurable(code) for code in codes):
        return text
    raise ConfigError(f"unknown rule code '{value}' in {where}; the closest known code is {closest_code(value)}")


def _specificity(code: str, selectors: Iterable[str]) -> int:
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


@dataclass(frozen=True)
class RuleConfig:
    """Validated rule settings; `apply` filters and re-grades problems."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = field(default=())

    @classmethod
    def from_settings(cls, settings=None) -> RuleConfig:
        """From a `RuleSettings` (or anything with select/ignore/severity); ConfigError if invalid."""
        if settings is None:
            return cls()
        select = tuple(check_selector(s, "rules.select") for s in settings.select)
        ignore = tuple(check_selector(s, "rules.ignore") for s in settings.ignore)
        severity = tuple((check_selector(k, "rules.severity"), Severity(v)) for k, v in settings.severity.items())
        return cls(select, ignore, severity)

    def enabled(self, code: str) -> bool:
        if not configurable(code):
            return True
        chosen = _specificity(code, self.select) if self.select else 0
        if chosen < 0:
            return False
        return _specificity(code, self.ignore) < chosen  # on a tie, ignore wins

    def severity_of(self, code: str, default: Severity) -> Severity:
        if not configurable(code):
            return default
        best, chosen = -1, default
        for selector, severity in self.severity:
            if code.startswith(selector) and len(selector) > best:
                best, chosen = len(selector), severity
        return chosen

    def apply(self, problems: Iterable[Problem]) -> list[Problem]:
        out = []
        for p in problems:
            if not self.enabled(p.code):
                continue
            severity = self.severity_of(p.code, p.severity)
            out.append(p if severity is p.severity else replace(p, severity=severity))
        return out
