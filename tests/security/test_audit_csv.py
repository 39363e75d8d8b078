"""`audit --format csv` neutralises spreadsheet formulas (issue 17, section 1; OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "tests" / "data" / "inbox-2026-11.csv"
PAYLOADS = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=2+2",  # not "\r=1+1": ids are trimmed, and that would repeat the id above
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_log(tmp_path) -> Path:
    """The first sample inbox rows with formulas as message ids and agent names (columns 1 and 10)."""
    lines = INBOX.read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], lines[1 : 1 + len(PAYLOADS)]
    out = [header]
    for payload, row in zip(PAYLOADS, rows, strict=True):
        cells = row.split(";")
        quoted = '"' + payload.replace('"', '""') + '"'
        cells[0], cells[9] = quoted, quoted
        out.append(";".join(cells))
    path = tmp_path / "hostile.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("extra", [["--details"], ["--by", "agent,channel"]])
def test_no_csv_cell_starts_a_formula(hostile_log, capsys, extra):
    main(["audit", str(hostile_log), "--preset", "socialkit", "--strategy", str(ROOT / "strategy"), "--format", "csv", *extra])
    cells = _cells(capsys.readouterr().out)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    if extra == ["--details"]:
        assert {"'" + p for p in PAYLOADS} <= set(cells)  # ids kept, neutralised, not dropped
    else:
        assert "'" + PAYLOADS[0] in cells  # the agent dimension's key


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none()))
def test_spreadsheet_safe_only_prefixes_text_that_would_start_a_formula(cell):
    from socialkit.audit.render import spreadsheet_safe

    safe = spreadsheet_safe(cell)
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS and cell:
        assert safe == "'" + cell
    else:
        assert safe == cell
