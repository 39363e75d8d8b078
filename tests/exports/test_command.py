"""`socialkit export`: printing, writing, --only, and the build pipeline picking the exporters up."""

from __future__ import annotations

from socialkit.cli import main
from socialkit.export import ExportRequest, availability, calendars, zendesk

from .conftest import AS_OF, EXAMPLE

ARGS = ["--strategy", str(EXAMPLE), "--as-of", AS_OF.isoformat()]


def test_availability_to_stdout(example, capsysbinary):
    assert main(["export", "availability", *ARGS]) == 0
    out = capsysbinary.readouterr().out
    assert out == availability.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["availability.json"]


def test_several_files_need_out(capsys):
    assert main(["export", "ics", *ARGS]) == 2
    err = capsys.readouterr().err
    assert "ics/facebook.ics" in err and "--out" in err


def test_only_one_file(example, capsysbinary):
    assert main(["export", "ics", "--only", "ics/facebook.ics", *ARGS]) == 0
    expected = calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["ics/facebook.ics"]
    assert capsysbinary.readouterr().out == expected
    assert main(["export", "ics", "--only", "x.ics", *ARGS]) == 0  # the file name alone is enough
    assert capsysbinary.readouterr().out.startswith(b"BEGIN:VCALENDAR")
    assert main(["export", "ics", "--only", "nope.ics", *ARGS]) == 2


def test_write_into_out(example, tmp_path, capsys):
    assert main(["export", "zendesk", "--out", str(tmp_path / "out"), *ARGS]) == 0
    expected = zendesk.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    for name, data in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == data


def test_all_is_deterministic(tmp_path, capsys):
    for run in ("a", "b"):
        assert main(["export", "all", "--out", str(tmp_path / run), *ARGS]) == 0
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b
    names = {p.as_posix() for p in a}
    assert {"availability.json", "ics/facebook.ics", "ics/rota-social.ics", "zendesk/schedules.json", "zendesk/sla_policies.json"} <= names


def test_codeowners_kind_with_nothing_to_say(capsys):
    assert main(["export", "codeowners", *ARGS]) == 0
    assert "no file" in capsys.readouterr().err


def test_invalid_strategy(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text("version: 1\norganization: {name: X}\n", encoding="utf-8")
    assert main(["export", "availability", "--strategy", str(tmp_path)]) == 2


def test_help_has_examples(capsys):
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "socialkit export ics --out" in out


def test_build_pipeline_discovers_the_exporters(example, tmp_path):
    from socialkit.build import build_outputs
    from socialkit.settings import load_settings

    (tmp_path / "pyproject.toml").write_text("[tool.socialkit]\n", encoding="utf-8")
    settings = load_settings(cwd=tmp_path)
    outputs = build_outputs(example.strategy, example.source, settings=settings, as_of=AS_OF)
    files = outputs.roots[tmp_path / "policies"]
    assert (
        files["availability.json"]
        == availability.export_files(ExportRequest(files_document(files), example.strategy, as_of=AS_OF))["availability.json"]
    )
    assert {"ics/facebook.ics", "ics/rota-social.ics", "zendesk/schedules.json", "zendesk/sla_policies.json"} <= set(files)
    assert "CODEOWNERS" not in files


def files_document(files: dict) -> dict:
    import json

    return json.loads(files["policy.json"])
