"""The files `socialkit init` writes into a new strategy repository (pure: text out).

Templates live next to this module; placeholders are `@name@` and are
replaced by `render`. Values that land inside YAML or TOML strings are
escaped for a double-quoted string, so any organisation name is safe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

from socialkit import DISTRIBUTION, GUIDE, REPOSITORY, __version__

LANGUAGES = ("en", "sv")
PLACEHOLDER = re.compile(r"@([a-z_]+)@")


@dataclass(frozen=True)
class Starter:
    """What the user told `init` (or its defaults)."""

    language: str
    organization: str
    timezone: str
    country: str
    today: date


def scaffold_files(starter: Starter) -> dict[str, str]:
    """Project-relative path -> text of every hand-kept file of a new repository.

    The starter test file is not here: it needs the compiled policy to pick an
    instant when the channel is open (see `starter_test_instant`).
    """
    values = _values(starter)
    lang = starter.language
    return {
        "strategy/strategy.yaml": render(_template(f"strategy.{lang}.yaml"), values),
        "pyproject.toml": render(_template(in_language("pyproject.toml", lang)), values),
        "requirements.txt": render(_template(in_language("requirements.txt", lang)), values),
        ".pre-commit-config.yaml": render(_template(in_language("pre-commit-config.yaml", lang)), values),
        ".github/workflows/socialkit.yml": render(_template(in_language("workflow.yml", lang)), values),
        ".gitignore": _template(in_language("gitignore", lang)),
        "README.md": render(_template(f"README.{lang}.md"), values),
    }


def in_language(name: str, lang: str) -> str:
    """The template's variant in `lang` (`workflow.sv.yml` for `workflow.yml`): its comments and step names
    are in that language; the English one is the base every variant must match line for line in structure."""
    stem, dot, ext = name.partition(".")
    variant = f"{stem}.{lang}.{ext}" if dot else f"{name}.{lang}"
    if lang != "en" and resources.files(__package__).joinpath("templates", variant).is_file():
        return variant
    return name


def render(template: str, values: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"template placeholder @{name}@ has no value")
        return values[name]

    return PLACEHOLDER.sub(replace, template)


def _values(starter: Starter) -> dict[str, str]:
    monday = starter.today - timedelta(days=starter.today.weekday())
    return {
        "organization": json.dumps(starter.organization, ensure_ascii=False)[1:-1],
        "organization_text": starter.organization.replace("\n", " "),
        "timezone": starter.timezone,
        "country": starter.country,
        "goal_deadline": _end_of_month(starter.today + timedelta(days=183)).isoformat(),
        "rota_start": monday.isoformat(),
        "today": starter.today.isoformat(),
        "version": __version__,
        "distribution": DISTRIBUTION,
        "git_requirement": git_requirement(),
        "repository": REPOSITORY,
        "guide": GUIDE,
    }


def git_requirement(version: str = __version__) -> str:
    """The requirement line that installs this release from its git tag (until it is on the package index)."""
    return f"{DISTRIBUTION} @ git+{REPOSITORY}@v{version}"


def _end_of_month(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


# The starter strategy's ids, per language: what the starter tests ask about.
STARTER_IDS = {
    "en": {"channel": "facebook", "team": "social", "category": "question"},
    "sv": {"channel": "facebook", "team": "social", "category": "fraga"},
}
STARTER_TEST_NAMES = {
    "en": None,  # the policy-test module's own English names
    "sv": (
        "En fråga på Facebook en vardagsmorgon hanteras av social",
        "Någon i social har jour när Facebook är öppet den veckan",
    ),
}


def starter_test_instant(policy, channel: str, today: date) -> str:
    """A weekday at 10:00 local, from next week on, when `channel` is open: what the starter test asks about."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(policy.document["organization"]["timezone"])
    day = today + timedelta(days=7 - today.weekday())  # next Monday
    start, end = policy.horizon
    for _ in range(60):
        moment = datetime(day.year, day.month, day.day, 10, tzinfo=zone)
        t = int(moment.timestamp())
        if start <= t < end and day.weekday() < 5 and policy.is_open(channel, t):
            return moment.strftime("%Y-%m-%dT%H:%M")
        day += timedelta(days=1)
    raise ValueError(f"channel '{channel}' is never open at 10:00 on a weekday in the next 60 days")
