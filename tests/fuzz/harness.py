"""The invariant behind `socialkit validate`: a strategy it accepts works in every other command.

`check_invariant(project)` runs the CLI in-process (`socialkit.cli.main`) in a
scratch project and asserts, for any strategy:

- no command lets a traceback out, and each exits with a documented status;
- if `validate` exits 0, then `build`, `evaluate` (a few events), `test`,
  `export all` and `audit` (a small generated log) succeed, and the generated
  `mkdocs.yml` loads;
- nothing is written outside the project, and the project's outputs stay
  within a size bound.

The project is a copy of the example strategy whose files are written as JSON
(which is YAML), so a mutation can put any value anywhere, including text that
YAML escapes (lone surrogates, control characters).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import os
import re
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from socialkit.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "strategy"
AS_OF = "2026-11-23"
MAX_PROJECT_BYTES = 64 * 1024 * 1024  # everything build, export and audit write for one strategy

# Exit statuses each command documents (docs/guide/commands.md).
DOCUMENTED = {"validate": {0, 1, 2}, "build": {0, 1, 2}, "evaluate": {0, 1, 2}, "test": {0, 1, 2}, "export": {0, 1, 2}, "audit": {0, 1, 2}}


@dataclass
class Run:
    argv: list[str]
    code: int | None
    out: str
    err: str
    crash: str | None = None  # the traceback, if main() let an exception out

    def __str__(self) -> str:
        shown = self.crash or (self.err[-2000:] + self.out[-2000:])
        return f"socialkit {' '.join(self.argv)} -> {self.code}\n{shown}"


def _stream() -> io.TextIOWrapper:
    # strict UTF-8 like a terminal: printing a lone surrogate is an error, as it is for a user
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")


def _text(stream: io.TextIOWrapper) -> str:
    with contextlib.suppress(ValueError):
        stream.flush()
    return stream.buffer.getvalue().decode("utf-8", errors="replace")


def run(argv: list[str], cwd: Path) -> Run:
    """`socialkit ARGV` in `cwd`, in-process, with its output captured."""
    out, err = _stream(), _stream()
    crash = None
    code = None
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except BaseException:  # noqa: BLE001 - anything escaping main() is the bug this harness looks for
            crash = traceback.format_exc()
    return Run(argv, code, _text(out), _text(err), crash)


# --- the example as plain data --------------------------------------------------------------


def example_documents() -> dict[str, dict[str, Any]]:
    """File name -> plain data of each file of the example strategy."""
    from socialkit.strategy.load import load_source

    source, problems = load_source([EXAMPLE])
    assert not problems, problems
    return {Path(doc.path).name: _jsonable(doc.data) for doc in source.documents}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


_ESCAPED = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_SPECIAL_FLOATS = {"NaN": ".nan", "Infinity": ".inf", "-Infinity": "-.inf"}


def dump(data: Any) -> str:
    """Data as YAML text: JSON (which is YAML 1.2) with `.nan`/`.inf` for special floats and
    escapes for what YAML may not hold raw, so any string survives, lone surrogates included."""
    text = json.dumps(_mark_floats(data), ensure_ascii=False, indent=1)
    text = _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return re.sub(r'"\\u0000float:(NaN|Infinity|-Infinity)"', lambda m: _SPECIAL_FLOATS[m.group(1)], text) + "\n"


def _mark_floats(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return f"\x00float:{value!r}".replace("nan", "NaN").replace("inf", "Infinity")
    if isinstance(value, dict):
        return {k: _mark_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark_floats(v) for v in value]
    return value


def write_project(root: Path, documents: dict[str, Any], *, as_of: str = AS_OF) -> Path:
    """A project at `root`: pyproject.toml with the as_of setting, strategy/ and its tests/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[tool.socialkit]\nstrategy = "strategy"\nas_of = {as_of}\n', encoding="utf-8")
    strategy = root / "strategy"
    strategy.mkdir()
    for name, data in documents.items():
        (strategy / name).write_text(dump(data), encoding="utf-8")
    shutil.copytree(EXAMPLE / "tests", strategy / "tests")
    return root


def with_value(documents: dict[str, Any], file: str, path: tuple, value: Any) -> dict[str, Any]:
    """A copy of `documents` with the value at `path` in `file` replaced (or added)."""
    changed = copy.deepcopy(documents)
    node = changed[file]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


# --- the invariant ----------------------------------------------------------------------------


def merged(documents: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _, doc in sorted(documents.items()):
        for key, value in doc.items() if isinstance(doc, dict) else ():
            if isinstance(value, list) and isinstance(data.get(key), list):
                data[key] = data[key] + value
            else:
                data[key] = value
    return data


KINDS = ("comment", "direct-message", "tagged-mention", "untagged-mention", "review")


def _ids(data: dict[str, Any], section: str) -> list[str]:
    items = data.get(section)
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)] if isinstance(items, list) else []


def events(data: dict[str, Any], as_of: str) -> list[dict[str, Any]]:
    """A few events over the strategy's own channels and categories: open and closed hours, keywords, reach,
    and every message kind (and none)."""
    channels = _ids(data, "channels")[:3]
    categories = _ids(data, "categories")[:3]
    keywords = [
        k
        for rule in data.get("escalation") or []
        if isinstance(rule, dict) and isinstance(rule.get("when"), dict)
        for k in rule["when"].get("keywords") or []
        if isinstance(k, str)
    ][:2]
    first = date.fromisoformat(as_of)
    times = [f"{first + timedelta(days=days)}T{clock}+00:00" for days, clock in ((0, "10:00:00"), (1, "23:30:00"), (31, "12:00:00"))]
    found = []
    for i, (channel, category) in enumerate((c, k) for c in channels for k in categories):
        event = {"channel": channel, "category": category, "received_at": times[i % len(times)], "followers": 20000 * (i % 2)}
        if keywords:
            event["text"] = f"ni {keywords[i % len(keywords)]} oss"
        if i % 6:
            event["kind"] = KINDS[i % len(KINDS)]
        found.append(event)
    return found


def audit_log(evts: list[dict[str, Any]]) -> str:
    """A small JSON-lines log in the socialkit preset: answered, late and unanswered messages."""
    lines = []
    for i, event in enumerate(evts):
        row = {"id": f"m{i}", "received_at": event["received_at"], "channel": event["channel"], "category": event["category"]}
        if "kind" in event:
            row["kind"] = event["kind"]
        if i % 3 != 2:
            row["responded_at"] = event["received_at"].replace("T10:", "T11:").replace("T23:30", "T23:45").replace("T12:", "T13:")
        lines.append(json.dumps(row))
    return "\n".join(lines) + "\n"


def _snapshot(folder: Path, skip: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        if Path(dirpath) == skip.parent:
            dirnames[:] = [d for d in dirnames if Path(dirpath) / d != skip]
        for name in filenames:
            path = Path(dirpath) / name
            stat = path.lstat()
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


class InvariantBroken(AssertionError):
    pass


def _expect(run_: Run, allowed: set[int], why: str) -> Run:
    if run_.crash is not None or run_.code not in allowed or "Traceback (most recent call last)" in run_.out + run_.err:
        raise InvariantBroken(f"{why}:\n{run_}")
    return run_


def check_invariant(project: Path, documents: dict[str, Any] | None = None, *, as_of: str = AS_OF) -> list[Run]:
    """Run every command on the project; raise InvariantBroken if the invariant does not hold."""
    outside = project.parent
    before = _snapshot(outside, project)
    runs = list(_commands(project, documents, as_of))
    after = _snapshot(outside, project)
    if before != after:
        changed = sorted(set(before.items()) ^ set(after.items()))
        raise InvariantBroken(f"written outside the project: {changed[:5]}")
    if (size := _size(project)) > MAX_PROJECT_BYTES:
        raise InvariantBroken(f"the project grew to {size} bytes")
    return runs


def _commands(project: Path, documents: dict[str, Any] | None, as_of: str) -> Iterator[Run]:
    validate = _expect(run(["validate", "--format", "json"], project), {0, 1, 2}, "validate crashed or exited undocumented")
    yield validate
    if validate.code != 0:
        return
    yield _expect(run(["build"], project), {0}, "validate exited 0, build failed")
    _check_mkdocs_yml(project / "mkdocs.yml")
    data = merged(documents) if documents is not None else {}
    evts = events(data, as_of)
    if evts:
        (project / "events.jsonl").write_text("\n".join(json.dumps(e) for e in evts) + "\n", encoding="utf-8")
        yield _expect(
            run(["evaluate", "--policy", "policies/policy.json", "--events", "events.jsonl", "--jobs", "1"], project),
            {0},
            "validate exited 0, evaluate failed",
        )
        first = evts[0]
        yield _expect(
            run(
                [
                    "evaluate",
                    "--channel",
                    first["channel"],
                    "--category",
                    first["category"],
                    "--received",
                    first["received_at"],
                    "--format",
                    "json",
                ],
                project,
            ),
            {0},
            "validate exited 0, evaluate of one event failed",
        )
        yield _expect(
            run(["may-publish", first["channel"], "--at", first["received_at"], "--format", "json"], project),
            {0},
            "validate exited 0, may-publish failed",
        )
    yield from _moderation_commands(project)
    # the example's own expectations may fail for a changed strategy (exit 1), but must run
    yield _expect(run(["test", "--policy", "policies/policy.json"], project), {0, 1}, "validate exited 0, test could not run")
    yield _expect(run(["export", "all", "--out", "exports"], project), {0}, "validate exited 0, export failed")
    if evts:
        (project / "log.jsonl").write_text(audit_log(evts), encoding="utf-8")
        yield _expect(run(["audit", "log.jsonl", "--format", "json"], project), {0}, "validate exited 0, audit failed")
    yield _expect(
        run(["records", "--content", "comment", "--policy", "policies/policy.json"], project), {0}, "validate exited 0, records failed"
    )
    for channel in _ids(data, "channels")[:2]:
        argv = ["account", "--channel", channel, "--last-post", "2026-08-31T12:00:00+02:00", "--at", "2027-02-28T12:00:00+01:00"]
        yield _expect(run([*argv, "--format", "json"], project), {0, 1}, "validate exited 0, account failed")
    if evts:
        posts = "channel,published_at\n" + "".join(f"{e['channel']},{e['received_at']}\n" for e in evts)
        (project / "posts.csv").write_text(posts, encoding="utf-8")
        yield _expect(
            run(["audit", "--posts", "posts.csv", "--format", "json"], project), {0, 1}, "validate exited 0, audit --posts failed"
        )


def _moderation_commands(project: Path) -> Iterator[Run]:
    """`moderate` for a reason the policy has a rule for, and `audit --moderation-log` over every rule and channel."""
    document = json.loads((project / "policies" / "policy.json").read_text(encoding="utf-8"))
    moderation, channels = document.get("moderation"), list(document["channels"])
    if not moderation or not moderation["reasons"] or not channels:
        return
    rule = moderation["reasons"][0]
    channel = rule["channels"][0] if rule["channels"] else channels[0]
    yield _expect(
        run(
            ["moderate", "--policy", "policies/policy.json", "--channel", channel, "--reason", rule["reason"], "--prior-violations", "2"],
            project,
        ),
        {0},
        "validate exited 0, moderate failed",
    )
    rows = [
        json.dumps(
            {"time": "2026-11-24T10:00:00+01:00", "channel": c, "reason": r["reason"], "action": a, "author": "@x", "steps": "screenshot"}
        )
        for r in moderation["reasons"][:20]
        for c in (r["channels"] or channels)[:3]
        for a in (*r["actions"], "block")
    ]
    (project / "moderation.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    yield _expect(
        run(["audit", "--moderation-log", "moderation.jsonl", "--format", "json"], project),
        {0, 1},
        "validate exited 0, audit of a moderation log failed",
    )


def _check_mkdocs_yml(path: Path) -> None:
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    try:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=get_yaml_loader())  # noqa: S506 - mkdocs's own loader, as `mkdocs build` reads it
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InvariantBroken(f"validate exited 0, the generated mkdocs.yml does not load: {err}") from None


def check_safe(project: Path) -> list[Run]:
    """For a hostile project layout (symlinks, odd files): every command may refuse, but only with a
    documented status and no traceback, and nothing outside the project is written or changed."""
    outside = project.parent
    before = _snapshot(outside, project)
    argvs = [
        ["validate"],
        ["build"],
        ["build", "--check"],
        ["evaluate", "--channel", "facebook", "--category", "complaint", "--received", "2026-11-24T10:00:00+01:00"],
        ["test"],
        ["export", "all", "--out", "exports"],
    ]
    runs = [_expect(run(argv, project), DOCUMENTED[argv[0]], f"{argv[0]} crashed or exited undocumented") for argv in argvs]
    after = _snapshot(outside, project)
    if before != after:
        changed = sorted(set(before.items()) ^ set(after.items()))
        raise InvariantBroken(f"written outside the project: {changed[:5]}")
    return runs
