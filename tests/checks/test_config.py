"""[tool.socialkit.rules]: select, ignore, severity; unknown codes are usage errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from socialkit.checks import ConfigError, RuleConfig
from socialkit.cli import main
from socialkit.problems import Severity
from socialkit.settings import RuleSettings

# a case with one SK104 (warning), one SK105 (error) and one SK106 (warning)
CASE = """\
people:
  - id: lena
    name: Lena
  - id: omar
    name: Omar
    email: omar@example.org
teams:
  - id: security
    name: Security
    members: [anna, omar]
    lead: lena
"""


def codes(strategy, **rules) -> list[tuple[str, str]]:
    settings = type("S", (), {"rules": RuleSettings(**rules), "as_of": None, "horizon_days": 400})()
    result = strategy.validate(CASE, settings=settings)
    return [(p.code, p.severity.value) for p in result.problems]


def test_everything_by_default(strategy):
    assert codes(strategy) == [("SK104", "warning"), ("SK105", "error"), ("SK106", "warning")]


def test_ignore_a_code(strategy):
    assert codes(strategy, ignore=["SK105"]) == [("SK104", "warning"), ("SK106", "warning")]


def test_select_a_prefix_with_a_more_specific_ignore(strategy):
    assert codes(strategy, select=["SK1"], ignore=["SK104"]) == [("SK105", "error"), ("SK106", "warning")]


def test_a_more_specific_select_beats_a_broad_ignore(strategy):
    assert codes(strategy, select=["SK106"], ignore=["SK1"]) == [("SK106", "warning")]


def test_select_elsewhere_drops_these_rules(strategy):
    assert codes(strategy, select=["SK2"]) == []


def test_severity_override_by_code_and_prefix(strategy):
    assert codes(strategy, severity={"SK1": "info", "SK106": "error"}) == [
        ("SK104", "info"),
        ("SK105", "info"),
        ("SK106", "error"),
    ]


def test_codes_are_case_insensitive():
    config = RuleConfig.from_settings(RuleSettings(ignore=["sk205"], severity={"sk2": "error"}))
    assert not config.enabled("SK205")
    assert config.severity_of("SK201", Severity.WARNING) is Severity.ERROR


def test_format_errors_cannot_be_switched_off():
    config = RuleConfig()
    assert config.enabled("SK010")
    with pytest.raises(ConfigError, match="SK010 in rules.ignore cannot be configured"):
        RuleConfig.from_settings(RuleSettings(ignore=["SK010"]))
    with pytest.raises(ConfigError, match="SK101 in rules.select cannot be configured"):
        RuleConfig.from_settings(RuleSettings(select=["SK101"]))


def test_warnings_of_earlier_stages_can_be_ignored():
    assert not RuleConfig.from_settings(RuleSettings(ignore=["SK024"])).enabled("SK024")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ignore", ["SK299"], "unknown rule code 'SK299' in rules.ignore; the closest known code is SK2"),
        ("select", ["SK9"], "unknown rule code 'SK9' in rules.select; the closest known code is"),
        ("severity", {"rota-gap": "error"}, "unknown rule code 'rota-gap' in rules.severity; the closest known code is SK205"),
    ],
)
def test_unknown_codes_name_the_closest_known_one(field, value, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        RuleConfig.from_settings(RuleSettings(**{field: value}))


# --- through the command line: pyproject.toml and the environment -------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    from .conftest import BASE

    (tmp_path / "strategy").mkdir()
    (tmp_path / "strategy" / "00-base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "strategy" / "10-case.yaml").write_text(CASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("SOCIALKIT_RULES__IGNORE", "SOCIALKIT_RULES__SELECT", "SOCIALKIT_RULES__SEVERITY", "SOCIALKIT_RULES"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def pyproject(folder: Path, rules: str) -> None:
    (folder / "pyproject.toml").write_text(
        "[tool.socialkit]\nas_of = 2026-11-23\n\n[tool.socialkit.rules]\n" + textwrap.dedent(rules), encoding="utf-8"
    )


def test_pyproject_rules_apply(project, capsys):
    pyproject(project, 'ignore = ["SK104"]\nseverity = { SK105 = "warning" }\n')
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "SK104" not in out and "SK105 warning" in out


def test_environment_rules_apply(project, capsys, monkeypatch):
    pyproject(project, "")
    monkeypatch.setenv("SOCIALKIT_RULES__IGNORE", '["SK105"]')
    monkeypatch.setenv("SOCIALKIT_RULES__SEVERITY__SK104", "error")
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "SK105" not in out and "SK104 error" in out


def test_unknown_code_in_pyproject_is_exit_2_with_one_line(project, capsys):
    pyproject(project, 'ignore = ["SK2O5"]\n')
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("socialkit: unknown rule code 'SK2O5' in rules.ignore; the closest known code is SK2") and err.count("\n") == 1
