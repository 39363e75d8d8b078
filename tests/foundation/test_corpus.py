"""The corpus of broken strategies: each fails with its one code at its one position.

See corpus.py for how a case states its expectation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialkit import problems
from socialkit.cli import main
from socialkit.strategy import load

from .corpus import CORPUS, load_corpus

CASES = load_corpus()

# Codes that no single broken file in the corpus can show, and the test that covers each instead.
ELSEWHERE = {
    "SK004": "test_file_too_large (generated, not committed)",
    "SK007": "test_load.py::test_no_strategy_files (a path, not a file)",
    "SK024": "test_references.py::test_missing_translation_is_a_warning (a warning: validate exits 0)",
    "SK050": "tests/policy/test_horizon.py (the committed policy against a frozen today, not a strategy file)",
    "SK051": "tests/policy/test_horizon.py (the committed policy against a frozen today, not a strategy file)",
}


def _param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


def test_corpus_is_large():
    assert len(CASES) >= 30


def _codes_registered_in_problems_py() -> set[str]:
    """The SK0xx/SK1xx codes problems.py itself registers (rule modules register more)."""
    text = Path(problems.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'register\(\s*"(SK[01]\d\d)"', text))
    assert codes <= {c.code for c in problems.CODES}
    return codes


def test_every_file_level_code_is_covered():
    file_codes = _codes_registered_in_problems_py()
    assert len(file_codes) >= 20
    covered = {e.code for case in CASES if not case.xfail for e in case.expected}
    missing = sorted(file_codes - covered - set(ELSEWHERE))
    assert not missing, f"no broken strategy in {CORPUS.name}/ shows {missing}"
    assert set(ELSEWHERE) <= file_codes


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_broken_strategy(case, capsys, monkeypatch):
    monkeypatch.chdir(CORPUS)

    exit_code = main(["validate", "--format", "json", case.name])
    out, err = capsys.readouterr()

    assert exit_code == 1
    assert "Traceback" not in out + err
    assert err == ""
    problems = json.loads(out)["problems"]
    errors = {(p["code"], p["file"], p["line"], p["column"]) for p in problems if p["severity"] == "error"}
    expected = {(e.code, e.file, e.line, e.column) for e in case.expected}
    assert errors == expected, "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['code']} {p['message']}" for p in problems)
    matching = [p["message"] for p in problems if (p["code"], p["file"], p["line"], p["column"]) in expected]
    for fragment in case.messages:
        assert any(fragment in message for message in matching), f"{fragment!r} not in {matching}"

    exit_code = main(["validate", "--format", "text", case.name])
    out, err = capsys.readouterr()
    assert exit_code == 1
    assert "Traceback" not in out + err
    for e in case.expected:
        assert f"{e.file}:{e.line}:{e.column}: {e.code} error " in out


def test_file_too_large(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.socialkit]\n")
    big = tmp_path / "strategy.yaml"
    big.write_bytes(b"version: 1\n" + b"# padding\n" * (5 * 1024 * 1024 // 10))
    assert big.stat().st_size > 5 * 1024 * 1024
    monkeypatch.chdir(tmp_path)

    exit_code = main(["validate", "--format", "json", "strategy.yaml"])

    out, err = capsys.readouterr()
    assert exit_code == 1
    assert "Traceback" not in out + err
    [problem] = json.loads(out)["problems"]
    assert (problem["code"], problem["file"], problem["line"], problem["column"]) == ("SK004", "strategy.yaml", 1, 1)
    assert "5 MiB" in problem["message"]


@pytest.mark.parametrize(("size", "too_large"), [(100, False), (101, True)])
def test_size_limit_boundary(tmp_path, monkeypatch, size, too_large):
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 100)
    path = tmp_path / "a.yaml"
    path.write_bytes(b"version: 1\n" + b"#" * (size - 12) + b"\n")
    assert path.stat().st_size == size

    document, problems = load.read_document(path)

    assert [p.code for p in problems] == (["SK004"] if too_large else [])
    assert (document is None) == too_large


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    """Every file is read: problems from two broken files are reported together."""
    (tmp_path / "a.yaml").write_text("version: 1\norganization: [\n")
    (tmp_path / "b.yaml").write_bytes(b"people:\n  - id: \xff\n")
    (tmp_path / "c.yaml").write_text("- a list\n")

    source, problems = load.load_source([tmp_path])

    assert sorted((p.code, p.file.rsplit("/", 1)[-1]) for p in problems) == [
        ("SK001", "a.yaml"),
        ("SK003", "b.yaml"),
        ("SK006", "c.yaml"),
    ]
