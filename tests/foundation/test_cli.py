"""cli.py and commands/: exit codes, output formats, help texts. Called through main([...])."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from socialkit import __version__
from socialkit.cli import build_parser, command_names, main

REPO = Path(__file__).resolve().parents[2]

ORGANIZATION = """\
version: 1
organization:
  name: Example AB
  timezone: Europe/Stockholm
  languages: [en]
"""
CHANNELS = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebok
    customer_service: true
    schedle: office-hours
"""
PLATFORM_MESSAGE = (
    "'facebok' is not allowed for 'platform'; choose one of 'facebook', 'instagram', 'linkedin', 'x', 'threads', "
    "'tiktok', 'youtube', 'bluesky', 'mastodon', 'snapchat', 'pinterest', 'whatsapp', 'messenger', 'website-chat', "
    "'forum' or 'other'; did you mean 'facebook'?"
)
KEY_MESSAGE = "unknown key 'schedle' in channels[0]; did you mean 'schedule'?"


def _commands() -> list[str]:
    """The subcommands as typed (on-duty), from the parser (modules are named on_duty)."""
    [action] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(action.choices)


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A project whose strategy/ has two problems in its second file; cwd is the project."""
    (tmp_path / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\n')
    (tmp_path / "strategy").mkdir()
    (tmp_path / "strategy" / "a-organization.yaml").write_text(ORGANIZATION)
    (tmp_path / "strategy" / "b-channels.yaml").write_text(CHANNELS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_valid_strategy_exits_0(broken, capsys):
    (broken / "ok.yaml").write_text(ORGANIZATION)
    assert main(["validate", "ok.yaml"]) == 0
    out, err = capsys.readouterr()
    assert " error " not in out and err == ""
    assert out.splitlines()[-1] in ("no problems found",) or out.splitlines()[-1].startswith("0 errors, ")


def test_text_format(broken, capsys):
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"strategy/b-channels.yaml:4:15: SK012 error {PLATFORM_MESSAGE}",
        f"strategy/b-channels.yaml:6:5: SK010 error {KEY_MESSAGE}",
        "2 errors, 0 warnings",
    ]


def test_text_is_the_default_format(broken, capsys):
    main(["validate"])
    default = capsys.readouterr().out
    main(["validate", "--format", "text"])
    assert capsys.readouterr().out == default


def test_json_format(broken, capsys):
    assert main(["validate", "strategy", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert json.loads(out) == {
        "problems": [
            {
                "file": "strategy/b-channels.yaml",
                "line": 4,
                "column": 15,
                "code": "SK012",
                "severity": "error",
                "message": PLATFORM_MESSAGE,
                "json_path": "$.channels[0].platform",
            },
            {
                "file": "strategy/b-channels.yaml",
                "line": 6,
                "column": 5,
                "code": "SK010",
                "severity": "error",
                "message": KEY_MESSAGE,
                "json_path": "$.channels[0].schedle",
            },
        ],
        "summary": "2 errors, 0 warnings",
    }
    assert out.endswith("}\n")


def test_github_format(broken, capsys):
    assert main(["validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"::error file=strategy/b-channels.yaml,line=4,col=15,title=SK012::{PLATFORM_MESSAGE}"
    assert lines[1] == f"::error file=strategy/b-channels.yaml,line=6,col=5,title=SK010::{KEY_MESSAGE}"
    assert len(lines) == 2  # annotations only, no summary line


def test_github_format_escapes_file_names(broken, capsys):
    (broken / "odd,name:1.yaml").write_text(ORGANIZATION + "bogus: 1\n")
    assert main(["validate", "--format", "github", "odd,name:1.yaml"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("::error file=odd%2Cname%3A1.yaml,line=6,col=1,title=SK010::unknown key 'bogus'")


def test_missing_path_exits_1_with_sk007(broken, capsys):
    assert main(["validate", "nowhere"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("nowhere: SK007 error nowhere does not exist")
    assert lines[-1] == "1 error, 0 warnings"
    assert main(["validate", "nowhere", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=nowhere,title=SK007::")


def test_several_paths_merge(broken, capsys):
    (broken / "more.yaml").write_text("people:\n  - id: Anna\n    name: Anna\n")
    assert main(["validate", "strategy/a-organization.yaml", "more.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("more.yaml:2:9: SK018 error 'Anna' is not a valid id")


@pytest.mark.parametrize("name", _commands())
def test_every_command_help_has_examples(name, capsys):
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: socialkit {name}")
    examples = out.split("\nexamples:\n", 1)
    assert len(examples) == 2, f"'socialkit {name} --help' has no 'examples:' section"
    assert f"socialkit {name}" in examples[1]


def test_main_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "\nexamples:\n" in out
    for name in _commands():  # a long name gets its help on the next line
        assert re.search(rf"^    {re.escape(name)}( |$)", out, re.M), name


def test_every_command_module_registers_one_command():
    assert {"validate", "schema"} <= set(_commands())
    assert len(_commands()) == len(command_names())


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert capsys.readouterr().out.startswith("usage: socialkit")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["frobnicate"], "socialkit: error: argument COMMAND: invalid choice: 'frobnicate'"),
        (["validate", "--format", "xml"], "socialkit validate: error: argument --format: invalid choice: 'xml'"),
        (["validate", "--bogus"], "socialkit: error: unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, says, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(says)
    assert err.count("\n") == 1
    assert "--help" in err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"socialkit {__version__}\n"


def test_console_script_end_to_end():
    """The installed script: one process, the exit status and output, no traceback, nothing on stderr."""
    script = Path(sys.executable).with_name("socialkit")
    case = "tests/fixtures/broken/sk010-unknown-channel-key.yaml"
    done = subprocess.run([str(script), "validate", case], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{case}:18:5: SK010 error unknown key 'schedle' in channels[0]; did you mean 'schedule'?",
        "1 error, 0 warnings",
    ]


# --- a command imports what it needs (start-up time; measured in benchmarks/startup.py) -----------

HEAVY = ("pydantic", "pydantic_settings", "holidays", "yaml", "ruamel", "mkdocs", "jsonschema", "babel", "icalendar")


def _modules_after(argv: list[str]) -> set[str]:
    """Top-level and socialkit modules imported by one run of `socialkit argv` in a fresh process."""
    code = (
        "import sys; from socialkit.cli import main; code = main(sys.argv[1:]); "
        "print(' '.join(sorted(m for m in sys.modules if '.' not in m or m.startswith('socialkit.')))); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return set(done.stdout.splitlines()[-1].split())


def test_a_typed_command_registers_only_itself():
    assert [name.split(".")[-1] for name in build_parser("on_duty")._actions[-1].choices] == ["on-duty"]
    modules = _modules_after(["schema", "--help"])
    assert "socialkit.commands.schema" in modules
    assert not {f"socialkit.commands.{name}" for name in command_names() if name != "schema"} & modules
    assert not {m for m in _modules_after(["--version"]) if m.startswith("socialkit.commands.")}


def test_deciding_from_a_built_policy_imports_no_compiler():
    """pydantic, calendars and YAML are for compiling; a decision reads policy.json with numpy."""
    argv = ["evaluate", "--policy", "policies/policy.json", "--channel", "facebook", "--category", "complaint"]
    modules = _modules_after([*argv, "--received", "2026-11-23T16:30:00+01:00"])
    assert "socialkit.runtime.policy" in modules
    assert not set(HEAVY) & modules
    assert not {m for m in modules if m.startswith(("socialkit.strategy", "socialkit.checks", "socialkit.compile"))}


def test_validate_imports_one_holiday_calendar():
    """holidays/countries/__init__ imports every country; validate needs the strategy's only."""
    code = (
        "import sys; from socialkit.cli import main; code = main(['validate', 'strategy']); "
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries.')), 'ruamel' in sys.modules)"
    )
    env = {**os.environ, "SOCIALKIT_CACHE": "false"}  # a cached verdict would import no calendar at all
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, env=env)
    assert done.stdout.splitlines()[-1] == "['holidays.countries.sweden'] False"  # and no round-trip YAML parser


def test_calendars_after_the_first_still_load():
    from socialkit.engine.holidays import _calendar

    assert _calendar("SE", None, 2026, None)
    assert _calendar("DE", "BY", 2026, None)  # another country, after the first stood in for the package
    with pytest.raises(ValueError, match="no public-holiday calendar"):
        _calendar("XX", None, 2026, None)


def test_validate_pauses_the_cycle_collector_and_restores_it(monkeypatch, capsys):
    """Collections while the models are built were ~8% of a cold run; afterwards the collector is as it was."""
    import gc

    from socialkit.project import Project

    seen = []
    original = Project.problems

    def problems(self, paths=None):
        seen.append(gc.isenabled())
        return original(self, paths)

    monkeypatch.setattr(Project, "problems", problems)
    assert gc.isenabled()
    assert main(["validate", str(REPO / "strategy")]) == 0
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        main(["validate", str(REPO / "strategy")])
        assert not gc.isenabled(), "a collector the caller paused stays paused"
    finally:
        gc.enable()


def test_command_names_are_the_modules_of_the_commands_package():
    """cli lists the commands folder itself (pkgutil imports inspect at every start); both must agree."""
    import pkgutil

    from socialkit import commands
    from socialkit.cli import command_names

    assert command_names() == sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    assert {"validate", "evaluate", "may_publish"} <= set(command_names())
