"""SK411: a profile text longer than its platform takes is reported, with the figures the page shows."""

from __future__ import annotations

import re
from datetime import date

from socialkit.platforms import PROFILE_LIMITS
from socialkit.render.context import Ctx
from socialkit.render.pages import profile_text
from socialkit.validate import validate_paths

AS_OF = date(2026, 11, 23)
INSTAGRAM = """
channels:
  - id: instagram
    name: Instagram
    platform: {platform}
    customer_service: false
    team: support
    redirect:
      text: {text}
    disclosures: [redirect]
"""


def test_reports_each_language_that_overflows(strategy):
    long = "x" * 151
    result = strategy.validate(INSTAGRAM.format(platform="instagram", text=long))
    [problem] = [p for p in result.problems if p.code == "SK411"]
    assert "(en 151)" in problem.message or "151" in problem.message
    assert problem.line is not None


def test_text_at_the_limit_is_clean(strategy):
    assert strategy.messages(INSTAGRAM.format(platform="instagram", text="x" * 150)) == []


def test_platform_without_a_limit_is_never_reported(strategy):
    assert strategy.messages(INSTAGRAM.format(platform="facebook", text="x" * 2000)) == []


def test_example_instagram_is_silenced_only_by_its_comment(tmp_path):
    """The example pastes the short version on purpose; without its comment the overflow is reported."""
    from pathlib import Path

    source = Path(__file__).parents[2] / "strategy"
    for f in source.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8").replace("  # socialkit: ignore[SK411]", ""), encoding="utf-8")
    result = validate_paths([tmp_path], as_of=AS_OF)
    [problem] = [p for p in result.problems if p.code == "SK411"]
    assert "'instagram'" in problem.message
    # The figures are the page's own: the profile text as the playbook renders it.
    for lang in result.strategy.organization.languages:
        channel = result.strategy.index("channels")["instagram"]
        length = len(profile_text(Ctx(result.strategy, lang, "public", AS_OF), channel))
        assert length > PROFILE_LIMITS["instagram"]
        assert re.search(rf"\b{lang} {length}\b", problem.message)
