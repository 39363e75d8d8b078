"""Issue 17 section 4: hostile audit rows are located, skipped and counted; never a traceback or a hang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialkit.audit import make_config, read_logs
from socialkit.cli import main

from .conftest import ROOT

STRATEGY = str(ROOT / "strategy")
HEADER = "id;received_at;channel;profile;category;text;followers;acknowledged_at;responded_at;agent;resolved\n"


def _row(message_id: str, received: str = "2026-11-02 12:56", followers: str = "16", responded: str = "2026-11-02 17:48") -> str:
    return f"{message_id};{received};Instagram;Solvik Energi;Fråga;Hi;{followers};;{responded};Sara Nyberg;Yes\n"


# (row, reason, code and path, start of the message)
HOSTILE = [
    (
        _row("Y0", received="0000-01-01 00:00"),
        "bad received_at",
        "SK506 $.received_at",
        "received_at '0000-01-01 00:00' is outside the years",
    ),
    (_row("Y9", received="9999-12-31 23:59"), "bad received_at", "SK506 $.received_at", "received_at '9999-12-31 23:59' is outside"),
    (_row("Y1", received="0001-01-01 00:00"), "bad received_at", "SK506 $.received_at", "received_at '0001-01-01 00:00' is outside"),
    (
        _row("E20", received="12345678901234567890"),
        "bad received_at",
        "SK506 $.received_at",
        "received_at '12345678901234567890' is outside",
    ),
    (_row("SUP", received="²⁰²⁶-11-02 12:56"), "bad received_at", "SK506 $.received_at", "received_at '²⁰²⁶-11-02 12:56' is not a time"),
    (_row("SUPE", received="¹⁷⁰⁰⁰⁰⁰⁰⁰⁰"), "bad received_at", "SK506 $.received_at", "received_at '¹⁷⁰⁰⁰⁰⁰⁰⁰⁰' is not a time"),
    (
        _row("OFF", received="2026-11-02T12:56:00+25:00"),
        "bad received_at",
        "SK506 $.received_at",
        "received_at '2026-11-02T12:56:00+25:00'",
    ),
    (_row("OFF2", received="2026-11-02T12:56+2500"), "bad received_at", "SK506 $.received_at", "received_at '2026-11-02T12:56+2500'"),
    (_row("F1", followers="1e400k"), "bad followers", "SK504 $.followers", "followers '1e400k' is not a count"),
    (_row("F2", followers="infk"), "bad followers", "SK504 $.followers", "followers 'infk' is not a count"),
    (_row("F3", followers="²"), "bad followers", "SK504 $.followers", "followers '²' is not a count"),
    (_row("F4", followers="99999999999999999999"), "bad followers", "SK504 $.followers", "followers '99999999999999999999'"),
    (_row("R9", responded="9999-12-31 23:00"), "bad responded_at", "SK506 $.responded_at", "responded_at '9999-12-31 23:00' is outside"),
    (
        _row("R2", responded="2199-12-31 23:00"),
        "responded_at over a year after received_at",
        "SK510 $.responded_at",
        "responded_at is more than a year after received_at",
    ),
    (_row("M1"), "duplicate id", "SK509 $.id", "message id 'M1' was already read at "),
]


def _log(tmp_path: Path, rows: list[str], data: bytes | None = None) -> Path:
    path = tmp_path / "log.csv"
    if data is None:
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_every_hostile_row_is_located_and_the_good_ones_audited(tmp_path, capsys):
    rows = [_row("M1")] + [row for row, *_ in HOSTILE] + [_row("M2")]
    path = _log(tmp_path, rows)
    code = main(["audit", str(path), "--preset", "socialkit", "--strategy", STRATEGY, "--format", "json"])
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert code == 1
    assert result["rows"]["audited"] == 2 and result["rows"]["skipped"] == len(HOSTILE) and result["rows"]["read"] == len(rows)
    for k, (_, reason, where, message) in enumerate(HOSTILE):
        problem = result["problems"][k]
        assert (problem["line"], problem["reason"]) == (k + 3, reason)
        assert f"{problem['code']} {problem['json_path']}" == where
        assert problem["message"].startswith(message), problem["message"]
        assert f"{path}:{k + 3}: {where}: {message}" in err
    assert result["period"]["last_received"] == "2026-11-02T12:56:00+01:00"


def test_one_bad_byte_rejects_only_its_row(tmp_path):
    data = (HEADER + _row("A") + _row("B") + _row("C")).encode().replace(b"B;", b"B\xff;")
    log = read_logs([_log(tmp_path, [], data)], _document(), make_config(preset="socialkit"))
    assert log.id == ["A", "C"]
    assert [(b.line, b.reason, b.code, b.message) for b in log.bad] == [
        (3, "not UTF-8", "SK501", "not UTF-8 text (byte 0xff in column 'id'); save the export as UTF-8")
    ]


def test_a_field_over_the_csv_size_limit_rejects_only_its_row(tmp_path):
    log = read_logs(
        [_log(tmp_path, [_row("A"), _row("B").replace("Hi", "x" * 200_000), _row("C")])], _document(), make_config(preset="socialkit")
    )
    assert log.id == ["A", "C"] and [(b.line, b.code) for b in log.bad] == [(3, "SK501")]


def test_json_lines_with_bad_bytes_deep_nesting_and_nan_are_located(tmp_path):
    good = {"id": "1", "received_at": "2026-11-02T12:56:00+01:00", "channel": "facebook", "category": "question"}
    lines = [
        json.dumps(good).encode(),
        b'{"id": "2", "subject": "\xff"}',
        b"[" * 50_000 + b"]" * 50_000,
        b'{"id": NaN}',
        b"[1]",
        json.dumps({**good, "id": "1"}).encode(),
        json.dumps({**good, "id": "3", "received_at": "9999-12-31T23:59:59Z"}).encode(),
    ]
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    log = read_logs([path], _document(), make_config(preset="socialkit"))
    assert log.id == ["1"]
    assert [(b.line, b.code) for b in log.bad] == [(2, "SK501"), (3, "SK501"), (4, "SK501"), (5, "SK502"), (6, "SK509"), (7, "SK506")]
    assert log.bad[0].message.startswith("not UTF-8 text (byte 0xff at column")
    assert log.bad[1].message == "not JSON (nested deeper than 1024 levels)"


@pytest.mark.parametrize("share", ["nan", "inf", "-0.1", "1.5", "ninety"])
def test_fail_under_must_be_a_share_from_0_to_1(share, capsys):
    assert main(["audit", "log.csv", "--fail-under", share]) == 2
    assert "is not a share from 0 to 1" in capsys.readouterr().err


def test_at_far_in_the_future_is_a_usage_error(tmp_path, capsys):
    path = _log(tmp_path, [_row("A")])
    assert main(["audit", str(path), "--preset", "socialkit", "--strategy", STRATEGY, "--at", "9999-12-31T00:00:00Z"]) == 2
    assert "--at: '9999-12-31T00:00:00Z' is outside the years 1970 to 2199" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "audit of my week\n",
        'notes: "format": "socialkit.audit/v1" is what we parse\n',
        "dimension,key,messages is the header we expect\n",
        "# Team notes\n<!-- generated by socialkit audit from x.csv; do not edit: rerun the audit and rebuild -->\n",
    ],
)
def test_output_never_replaces_a_file_that_only_mentions_an_audit_marker(tmp_path, capsys, text):
    path = _log(tmp_path, [_row("A")])
    target = tmp_path / "notes.md"
    target.write_text(text, encoding="utf-8")
    code = main(["audit", str(path), "--preset", "socialkit", "--strategy", STRATEGY, "--format", "markdown", "--output", str(target)])
    assert code == 2 and target.read_text(encoding="utf-8") == text
    assert "was not written by socialkit audit" in capsys.readouterr().err


def test_output_refuses_a_symlink_even_with_force(tmp_path, capsys):
    path = _log(tmp_path, [_row("A")])
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    code = main(["audit", str(path), "--preset", "socialkit", "--strategy", STRATEGY, "--output", str(link), "--force"])
    assert code == 2 and victim.read_text(encoding="utf-8") == "keep\n"
    assert "is not a regular file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "socialkit.audit/v1", "rows": {"read": 1',  # truncated
        b'{"format": "socialkit.audit/v1"}',  # truncated to its first field
        b'{"format": "socialkit.audit/v1", "rows": [], "period": 5, "overall": null, "logs": 3}',
        b'{"format": "socialkit.audit/v1", "kit_version": "\xff"}',
        b"[" * 100_000,
    ],
)
def test_a_damaged_audit_result_is_a_one_line_build_error(tmp_path, monkeypatch, capsys, content):
    import shutil

    shutil.copytree(ROOT / "strategy", tmp_path / "strategy")
    (tmp_path / "pyproject.toml").write_text('[tool.socialkit]\nas_of = 2026-11-23\n\n[tool.socialkit.audit]\nresult = "audit.json"\n')
    (tmp_path / "audit.json").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("socialkit: audit.json: ") or err.startswith("audit.json: "), err
    assert len(err.strip().splitlines()) == 1 and len(err) < 500


def _document() -> dict:
    from socialkit.runtime.policy import Policy

    return Policy.load(ROOT / "policies" / "policy.json").document
