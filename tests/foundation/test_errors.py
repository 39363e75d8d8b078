"""One error handler around `main`: a user's mistake is one line with its exit status, a bug is one line too."""

from __future__ import annotations

import pytest

from socialkit import cli
from socialkit.errors import EXIT_BUG, SocialkitError


def run_with(monkeypatch, command: str, raising: BaseException) -> int:
    module = __import__(f"socialkit.commands.{command}", fromlist=["run"])

    def boom(args):
        raise raising

    monkeypatch.setattr(module, "run", boom)
    return cli.main([command])


def test_a_socialkit_error_is_its_message_and_exit_code(monkeypatch, capsys):
    assert run_with(monkeypatch, "validate", SocialkitError("strategy/x.yaml: cannot read it; check the file", exit_code=1)) == 1
    assert capsys.readouterr().err == "socialkit: strategy/x.yaml: cannot read it; check the file\n"


def test_a_bug_is_one_line_without_traceback(monkeypatch, capsys):
    monkeypatch.delenv("SOCIALKIT_DEBUG", raising=False)
    assert run_with(monkeypatch, "validate", KeyError("schedules")) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("socialkit: internal error (KeyError: 'schedules' at test_errors.py:")
    assert "this is a bug in socialkit" in err and "SOCIALKIT_DEBUG=1" in err


def test_debug_lets_the_traceback_through(monkeypatch):
    monkeypatch.setenv("SOCIALKIT_DEBUG", "1")
    with pytest.raises(KeyError):
        run_with(monkeypatch, "validate", KeyError("schedules"))


def test_interrupt_is_130(monkeypatch, capsys):
    assert run_with(monkeypatch, "validate", KeyboardInterrupt()) == 130
    assert capsys.readouterr().err == "socialkit: interrupted\n"


def test_every_project_error_is_a_socialkit_error():
    """The exceptions commands used to catch one by one all reach the handler as SocialkitError."""
    from socialkit.audit.mapping import MappingError
    from socialkit.audit.read import ReadError
    from socialkit.audit.report import ReportError
    from socialkit.build import AuditResultError
    from socialkit.checks.config import ConfigError
    from socialkit.diff.gitrev import GitError
    from socialkit.project import StrategyHasErrors
    from socialkit.runtime.policy import PolicyError
    from socialkit.settings import SettingsError
    from socialkit.strategy.fmt import FormatError

    for kind in (
        MappingError,
        ReadError,
        ReportError,
        AuditResultError,
        ConfigError,
        GitError,
        StrategyHasErrors,
        PolicyError,
        SettingsError,
        FormatError,
    ):
        assert issubclass(kind, SocialkitError), kind


@pytest.mark.parametrize(
    ("command", "registry"),
    [
        ("validate", "socialkit.report:REPORTERS"),
        ("test", "socialkit.policytest:TEST_REPORTERS"),
        ("diff", "socialkit.diff.semantic:DIFF_REPORTERS"),
        ("audit", "socialkit.audit.render:AUDIT_REPORTERS"),
    ],
)
def test_format_choices_are_the_registered_reporters(command, registry):
    """One registry per command: its --format offers exactly the reporters registered there."""
    import importlib

    module, name = registry.split(":")
    reporters = getattr(importlib.import_module(module), name)
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    (fmt,) = [a for a in sub._actions if a.dest == "format"]
    assert sorted(fmt.choices) == list(reporters)
