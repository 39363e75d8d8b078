"""The corpus of broken strategies in tests/fixtures/broken/ and what each one states.

Every case is a small complete strategy: one YAML file, or a folder for cases
that need several files. The case states its expectation in leading comment
lines (a folder: in a file named EXPECT, else in its first file):

    # expect: SK010 at 14:5                one expected problem: code, line, column
    # expect: SK022 at people.yaml:4:1     in a folder: which file
    # message: did you mean 'schedule'?    the expected problem's message contains this
    # schema: reject                       a schema-level error: the JSON Schema rejects the file
    # schema-xfail: why                    ...but today it does not (a known gap)
    # xfail: why                           socialkit does not yet report it as expected (a known bug)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "broken"

_EXPECT = re.compile(r"^# expect: (SK\d{3}) at (?:(\S+):)?(\d+):(\d+)\s*$")
_FIELD = re.compile(r"^# (message|schema|schema-xfail|xfail): (.+?)\s*$")


@dataclass(frozen=True)
class Expected:
    code: str
    file: str  # relative to CORPUS, as `socialkit validate` shows it when run there
    line: int
    column: int


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expected: tuple[Expected, ...]
    messages: tuple[str, ...]
    schema_reject: bool
    schema_xfail: str | None
    xfail: str | None

    @property
    def is_folder(self) -> bool:
        return self.path.is_dir()

    def __str__(self) -> str:
        return self.name


def _header_lines(path: Path) -> list[str]:
    """Leading '#' lines, read as bytes so files with invalid UTF-8 still parse."""
    lines = []
    for raw in path.read_bytes().splitlines():
        text = raw.decode("utf-8", errors="replace")
        if not text.startswith("#"):
            break
        lines.append(text)
    return lines


def parse_case(path: Path) -> Case:
    if path.is_dir():
        header_file = path / "EXPECT"
        if not header_file.is_file():
            header_file = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))[0]
    else:
        header_file = path
    expected: list[Expected] = []
    fields: dict[str, list[str]] = {}
    for line in _header_lines(header_file):
        if match := _EXPECT.match(line):
            code, file, row, column = match.groups()
            if path.is_dir():
                if file is None:
                    raise ValueError(f"{path.name}: a folder case must name the file in '# expect:'")
                file = f"{path.name}/{file}"
            else:
                file = file or path.name
            expected.append(Expected(code, file, int(row), int(column)))
        elif match := _FIELD.match(line):
            fields.setdefault(match.group(1), []).append(match.group(2))
    if not expected:
        raise ValueError(f"{path.name}: no '# expect: SKnnn at line:col' line")
    return Case(
        name=path.name,
        path=path,
        expected=tuple(expected),
        messages=tuple(fields.get("message", ())),
        schema_reject=fields.get("schema") == ["reject"],
        schema_xfail=(fields.get("schema-xfail") or [None])[0],
        xfail=(fields.get("xfail") or [None])[0],
    )


def load_corpus() -> list[Case]:
    entries = sorted(p for p in CORPUS.iterdir() if not p.name.startswith(".") and (p.is_dir() or p.suffix in (".yaml", ".yml")))
    return [parse_case(p) for p in entries]
