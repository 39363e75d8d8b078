"""`socialkit test` end to end through main([...]): the shipped suite, failures, formats, selection."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

from socialkit.cli import main

from .conftest import AS_OF, STRATEGY, SUITE

# The shipped suite's size, counted from the files themselves (one '- name:' per case).
SHIPPED = sum(path.read_text(encoding="utf-8").count("\n  - name: ") for path in SUITE.glob("*.yaml"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["test", *args])
    out, err = capsys.readouterr()
    return code, out, err


def line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first `needle` at or after the line holding `after`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_shipped_suite_passes_when_compiled_from_the_strategy(capsys):
    code, out, _ = run(capsys, "--strategy", str(STRATEGY), "--as-of", AS_OF.isoformat())
    assert (code, out) == (0, f"{SHIPPED} passed\n")


def test_shipped_suite_passes_against_a_built_policy(capsys, policy_file):
    code, out, _ = run(capsys, "--policy", policy_file, str(SUITE), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["summary"] == {
        "tests": SHIPPED,
        "passed": SHIPPED,
        "failed": 0,
        "errors": 0,
        "problems": 0,
        "deselected": 0,
        "text": f"{SHIPPED} passed",
    }
    assert {t["kind"] for t in data["tests"]} == {"message", "channel", "on-duty", "coverage", "publish", "moderate", "records", "account"}


def test_a_mutated_expectation_fails_at_its_line_with_the_actual_value(tmp_path, capsys, policy_file):
    text = (SUITE / "deadlines.yaml").read_text(encoding="utf-8")
    mutated = text.replace('respond_by: "2026-12-29T17:00:00+01:00"', 'respond_by: "2026-12-29T12:00:00+01:00"', 1)
    assert mutated != text
    target = tmp_path / "deadlines.yaml"
    target.write_text(mutated, encoding="utf-8")
    code, out, _ = run(capsys, "--policy", policy_file, str(target))
    line = line_of(mutated, "respond_by:")
    case_line = line_of(mutated, "- name: A complaint on Instagram late on Christmas Eve")
    assert code == 1
    assert out.splitlines()[:4] == [
        f"FAILED {target}:{case_line} A complaint on Instagram late on Christmas Eve is answered by the end of 29 December",
        f"  {target}:{line}:7: respond_by",
        "    expected: 2026-12-29T12:00:00+01:00",
        "    actual:   2026-12-29T17:00:00+01:00",
    ]
    cases = sum(1 for row in mutated.splitlines() if row.startswith("  - name: "))
    assert out.splitlines()[-1] == f"1 failed, {cases - 1} passed"


def test_changing_a_respond_target_in_the_strategy_fails_the_cases_that_depend_on_it(tmp_path, capsys):
    copy = tmp_path / "strategy"
    shutil.copytree(STRATEGY, copy)
    messages = copy / "messages.yaml"
    text = messages.read_text(encoding="utf-8")
    old = "        respond:\n          within: 4h\n"
    assert text.count(old) == 1
    messages.write_text(text.replace(old, "        respond:\n          within: 2h\n"), encoding="utf-8")
    code, out, _ = run(capsys, "--strategy", str(copy), "--as-of", AS_OF.isoformat(), "--format", "json")
    data = json.loads(out)
    failed = {t["name"]: t for t in data["tests"] if t["status"] == "failed"}
    assert code == 1
    assert set(failed) == {
        "A complaint half an hour before closing is answered the next morning",
        "Four business hours before Christmas run into the week after",
        "Epiphany is not a business day",
        "A complaint on the Friday before the clocks go back takes an extra real hour",
        "A complaint from an account with 9 999 followers follows the normal target",
        "A complaint on Facebook keeps its deadline",
        "A comment on Facebook keeps the channel's targets",
        "A message of no stated kind is promised what the channel promises",
    }
    check = failed["A complaint half an hour before closing is answered the next morning"]["checks"]
    assert [(c["key"], c["expected"], c["actual"]) for c in check if not c["passed"]] == [
        ("respond_by", "2026-11-24T11:30:00+01:00", "2026-11-24T09:30:00+01:00")
    ]
    # the end-of-next-business-day rule for complaints received while closed is untouched
    assert "A complaint on Instagram late on Christmas Eve is answered by the end of 29 December" not in failed


def test_junit_has_one_suite_per_file_and_the_right_counts(tmp_path, capsys, policy_file):
    folder = tmp_path / "tests"
    shutil.copytree(SUITE, folder)
    duty = folder / "duty.yaml"
    duty.write_text(duty.read_text(encoding="utf-8").replace("on_duty: [lena]", "on_duty: [anna]"), encoding="utf-8")
    code, out, _ = run(capsys, "--policy", policy_file, str(folder), "--format", "junit")
    root = ET.fromstring(out.split("\n", 1)[1])
    assert code == 1
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", str(SHIPPED), "1", "0")
    suites = {s.get("name").rsplit("/", 1)[-1]: s for s in root.iter("testsuite")}
    assert {name: s.get("tests") for name, s in suites.items()} == {
        path.name: str(path.read_text(encoding="utf-8").count("\n  - name: ")) for path in SUITE.glob("*.yaml")
    }
    failures = [case for case in root.iter("testcase") if case.find("failure") is not None]
    assert [case.get("name") for case in failures] == ["Security's two-week on-call passes from Anna to Lena"]
    failure = failures[0].find("failure")
    assert failure.get("message") == "on_duty: expected [anna], actual [lena]"
    assert failures[0].get("line") == str(line_of(duty.read_text(encoding="utf-8"), "- name: Security's"))
    assert failures[0].get("classname") == "socialkit.test.duty"


def test_k_selects_by_name_and_counts_the_rest_as_deselected(capsys, policy_file):
    code, out, _ = run(capsys, "--policy", policy_file, str(SUITE), "-k", "MIDSUMMER", "-k", "epiphany", "-v")
    assert code == 0
    assert [line.split(" ", 2)[2] for line in out.splitlines()[:-1]] == [
        "Epiphany is not a business day",
        "Facebook is closed on Midsummer Eve and opens Monday on summer hours",
    ]
    assert out.splitlines()[-1] == f"2 passed, {SHIPPED - 2} deselected"


def test_a_time_outside_the_compiled_horizon_is_an_error_not_a_guess(tmp_path, capsys, policy_file):
    target = tmp_path / "summer.yaml"
    target.write_text(
        'tests:\n  - name: Erik covers Sara\'s holiday\n    team: social\n    at: "2026-07-08T10:00:00+02:00"\n'
        "    expect:\n      on_duty_includes: [erik]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--policy", policy_file, str(target), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["tests"][0]["status"] == "error"
    assert data["tests"][0]["error"].startswith("2026-07-08T10:00:00+02:00 is outside the compiled policy (from 2026-11-23, 400 days)")


def test_missing_path_is_a_usage_error_and_an_empty_folder_collects_nothing(tmp_path, capsys, policy_file):
    code, _, err = run(capsys, "--policy", policy_file, str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "--policy", policy_file, str(tmp_path))
    assert code == 1 and err.startswith("socialkit test: no test files in ")


def test_help_shows_examples(capsys):
    assert main(["test", "--help"]) == 0
    assert "socialkit test -k christmas" in capsys.readouterr().out
