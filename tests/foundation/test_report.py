"""report.py: reporters turn problems into text, JSON and GitHub annotations."""

from __future__ import annotations

import io
import json

import pytest

from socialkit.problems import Problem, Severity
from socialkit.report import REPORTERS, location, summary

ERR = Problem("SK010", Severity.ERROR, "unknown key 'x'", "s.yaml", 3, 5, "$.x")
WARN = Problem("SK024", Severity.WARNING, "50% done: a, b\nnext line", "dir/t,1.yaml", 7, None, "$.y")
INFO = Problem("SK999", Severity.INFO, "fyi", None, None, None)


def _render(name: str, problems: list[Problem]) -> str:
    stream = io.StringIO()
    REPORTERS[name](problems, stream)
    return stream.getvalue()


@pytest.fixture(autouse=True)
def _no_colour_forcing(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize(
    ("problems", "text"),
    [
        ([], "no problems found"),
        ([ERR], "1 error, 0 warnings"),
        ([ERR, ERR, WARN], "2 errors, 1 warning"),
        ([WARN, WARN], "0 errors, 2 warnings"),
        ([INFO], "0 errors, 0 warnings"),
    ],
)
def test_summary(problems, text):
    assert summary(problems) == text


@pytest.mark.parametrize(
    ("problem", "text"),
    [(ERR, "s.yaml:3:5"), (WARN, "dir/t,1.yaml:7:1"), (INFO, "<strategy>"), (Problem("SK007", Severity.ERROR, "m", "nowhere"), "nowhere")],
)
def test_location(problem, text):
    assert location(problem) == text


def test_text():
    assert _render("text", [ERR, WARN]) == (
        "s.yaml:3:5: SK010 error unknown key 'x'\ndir/t,1.yaml:7:1: SK024 warning 50% done: a, b\nnext line\n1 error, 1 warning\n"
    )


def test_text_colour_only_when_asked(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert _render("text", [ERR]).startswith("s.yaml:3:5: SK010 \033[31merror\033[0m unknown key")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in _render("text", [ERR])


def test_json_keeps_non_ascii():
    problem = Problem("SK021", Severity.ERROR, "text in 'de': Kunden für Å", "s.yaml", 1, 2)
    out = _render("json", [problem])
    assert "für Å" in out
    assert json.loads(out)["problems"][0]["message"] == "text in 'de': Kunden für Å"


def test_github_levels_and_escaping():
    assert _render("github", [ERR, WARN, INFO]).splitlines() == [
        "::error file=s.yaml,line=3,col=5,title=SK010::unknown key 'x'",
        "::warning file=dir/t%2C1.yaml,line=7,title=SK024::50%25 done: a, b%0Anext line",
        "::notice title=SK999::fyi",
    ]
