"""settings.py: CLI > SOCIALKIT_* environment > [tool.socialkit] in the nearest pyproject.toml > defaults."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.project import resolve_as_of
from socialkit.settings import SettingsError, find_pyproject, load_settings

VALID = """\
version: 1
organization:
  name: Example AB
  timezone: Europe/Stockholm
  languages: [en]
"""


def _pyproject(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with [tool.socialkit]; the working directory is two folders below it."""
    _pyproject(
        tmp_path, '[project]\nname = "x"\n\n[tool.socialkit]\nstrategy = "from-pyproject"\nhorizon_days = 100\ndocs_dir = "out/docs"\n'
    )
    cwd = tmp_path / "a" / "b"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    return tmp_path


@pytest.fixture
def no_project(tmp_path, monkeypatch):
    if find_pyproject(tmp_path) is not None:
        pytest.skip("a pyproject.toml above the temporary folder")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_pyproject(no_project):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        settings = load_settings()
    assert settings.strategy == Path("strategy")
    assert settings.root == no_project
    assert settings.path(settings.strategy) == no_project / "strategy"
    assert settings.horizon_days == 400
    assert settings.as_of is None and resolve_as_of(None, settings) == date.today()
    assert settings.rules.select == [] and settings.rules.ignore == [] and settings.rules.severity == {}


def test_no_warning_without_pyproject(no_project):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_settings()


def test_nearest_pyproject_walking_up(project):
    settings = load_settings()
    assert settings.strategy == Path("from-pyproject")
    assert settings.horizon_days == 100
    assert settings.root == project
    assert settings.path(settings.strategy) == project / "from-pyproject"  # relative to the pyproject, not the cwd
    assert settings.path(settings.docs_dir) == project / "out" / "docs"
    assert settings.path(settings.policies_dir) == project / "policies"  # defaults too


def test_the_nearest_pyproject_wins(project, monkeypatch):
    inner = project / "a"
    _pyproject(inner, '[tool.socialkit]\nstrategy = "inner"\n')
    settings = load_settings()
    assert settings.strategy == Path("inner")
    assert settings.horizon_days == 400  # nothing merges in from the outer pyproject
    assert settings.root == inner


def test_pyproject_without_table_sets_root_only(tmp_path, monkeypatch):
    _pyproject(tmp_path, '[project]\nname = "x"\n')
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.strategy == Path("strategy") and settings.root == tmp_path


def test_cwd_argument_instead_of_working_directory(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    _pyproject(elsewhere, '[tool.socialkit]\nstrategy = "there"\n')
    settings = load_settings(cwd=elsewhere)
    assert settings.strategy == Path("there") and settings.root == elsewhere


def test_environment_beats_pyproject(project, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_STRATEGY", "from-env")
    monkeypatch.setenv("SOCIALKIT_HORIZON_DAYS", "50")
    monkeypatch.setenv("SOCIALKIT_AS_OF", "2026-01-05")
    settings = load_settings()
    assert settings.strategy == Path("from-env")
    assert settings.path(settings.strategy) == project / "from-env"  # relative env paths: against the project root
    assert settings.horizon_days == 50
    assert resolve_as_of(None, settings) == date(2026, 1, 5)
    assert settings.docs_dir == Path("out/docs")  # untouched settings still come from pyproject


def test_cli_beats_environment(project, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_HORIZON_DAYS", "50")
    monkeypatch.setenv("SOCIALKIT_STRATEGY", "from-env")
    settings = load_settings({"horizon_days": 7, "strategy": None, "as_of": date(2027, 1, 1)})
    assert settings.horizon_days == 7
    assert settings.strategy == Path("from-env")  # a flag that was not given (None) does not override
    assert settings.as_of == date(2027, 1, 1)


def test_nested_rule_settings_from_every_source(project, monkeypatch):
    _pyproject(project, '[tool.socialkit.rules]\nselect = ["SK1"]\nseverity = {SK203 = "error"}\n')
    settings = load_settings()
    assert settings.rules.select == ["SK1"] and settings.rules.severity == {"SK203": "error"}
    monkeypatch.setenv("SOCIALKIT_RULES__IGNORE", '["SK2"]')
    assert load_settings().rules.ignore == ["SK2"]


def test_root_cannot_be_set_from_pyproject(project):
    _pyproject(project, '[tool.socialkit]\nroot = "/elsewhere"\n')
    assert load_settings().root == project


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('[tool.socialkit]\nstrategi = "x"\n', "unknown setting 'strategi'"),
        ('[tool.socialkit.rules]\nignoer = ["SK2"]\n', "unknown setting 'rules.ignoer'"),
        ("[tool.socialkit]\nhorizon_days = 0\n", "invalid setting 'horizon_days'"),
        ('[tool.socialkit.rules]\nseverity = {SK203 = "fatal"}\n', "invalid setting 'rules.severity.SK203'"),
        ('[tool.socialkit]\nas_of = "soon"\n', "invalid setting 'as_of'"),
        ("[tool.socialkit\n", "cannot read settings from"),
    ],
)
def test_bad_settings_raise_one_line(project, body, says):
    path = _pyproject(project, body)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert says in message
    assert "\n" not in message
    assert str(path) in message


def test_unknown_setting_lists_the_known_ones(project):
    _pyproject(project, '[tool.socialkit]\nstrategi = "x"\n')
    with pytest.raises(SettingsError) as info:
        load_settings()
    known = str(info.value).split("known: ")[1].split(", ")
    assert "strategy" in known and "horizon_days" in known
    assert "root" not in known  # set by the loader, not a setting


def test_bad_environment_value_names_the_key(project, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_HORIZON_DAYS", "many")
    with pytest.raises(SettingsError, match="invalid setting 'horizon_days'"):
        load_settings()


# --- through the CLI ------------------------------------------------------------------------------


def test_cli_without_paths_uses_the_setting_relative_to_the_project(project, capsys):
    (project / "from-pyproject").mkdir()
    (project / "from-pyproject" / "org.yaml").write_text(VALID + "bogus: 1\n")

    assert main(["validate"]) == 1

    out = capsys.readouterr().out
    assert "SK010" in out and "org.yaml:6:1" in out


def test_cli_paths_are_relative_to_the_working_directory(project, capsys):
    (Path.cwd() / "here.yaml").write_text(VALID + "bogus: 1\n")

    assert main(["validate", "here.yaml"]) == 1

    assert capsys.readouterr().out.startswith("here.yaml:6:1: SK010 error ")


def test_cli_reports_bad_settings_in_one_line_and_exits_2(project, capsys):
    _pyproject(project, '[tool.socialkit]\nstrategi = "x"\n')

    assert main(["validate"]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("socialkit: unknown setting 'strategi'")
    assert err.count("\n") == 1


def test_environment_sections_merge_key_by_key_with_pyproject(project, monkeypatch):
    (project / "pyproject.toml").write_text('[tool.socialkit.rules]\nselect = ["SK1"]\nseverity = { SK203 = "error" }\n', encoding="utf-8")
    monkeypatch.setenv("SOCIALKIT_RULES__SEVERITY__SK104", "error")
    monkeypatch.setenv("socialkit_rules__ignore", '["SK2"]')  # setting names in any letter case
    monkeypatch.setenv("SOCIALKIT_DEBUG", "1")  # not a setting: left alone
    rules = load_settings().rules
    assert rules.select == ["SK1"] and rules.ignore == ["SK2"]
    assert rules.severity == {"SK203": "error", "SK104": "error"}


def test_a_list_setting_in_the_environment_must_be_json(project, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_RULES__IGNORE", "SK2")
    with pytest.raises(SettingsError, match=r"SOCIALKIT_RULES__IGNORE is not JSON; list settings in the environment are JSON"):
        load_settings()
