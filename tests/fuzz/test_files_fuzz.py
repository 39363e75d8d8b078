"""Fuzz harness, file half: the strategy's files as a user (or an attacker) leaves them on disk.

`test_invariant.py` mutates the strategy's data; this file mutates what the loader reads: the raw
YAML text of the example and of the broken corpus (YAML tags, anchors, bytes, truncation), the file
names (letter case, extensions, odd characters) and symlinks (to files and folders outside the
project). Each example goes through the same invariant (`harness.check_invariant`): no traceback,
documented exit statuses, validate-ok implies every other command works, nothing written outside the
project. A fixed budget runs in `make test`; SOCIALKIT_FUZZ_EXAMPLES runs a longer search.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import EXAMPLE, REPO, check_invariant, check_safe, example_documents, write_project

FUZZ_EXAMPLES = int(os.environ.get("SOCIALKIT_FUZZ_EXAMPLES", "15"))
BROKEN = sorted((REPO / "tests" / "fixtures" / "broken").glob("*.yaml"))
EXAMPLE_FILES = sorted(p.name for p in EXAMPLE.glob("*.yaml"))
DOCUMENTS = example_documents()

TAGS = ["!secret ", "!!binary ", "!!python/object:os.system ", "!!set ", "!!omap ", "!!str ", "!!int ", "!custom ", "!<tag:x> "]
SNIPPETS = [
    "&a ",
    "*a",
    "<<: *a\n",
    "? complex\n",
    "%YAML 1.1\n---\n",
    "---\n",
    "...\n",
    "\t",
    "\x00",
    "\ufeff",
    "\u2028",
    "'",
    '"',
    "{",
    "[",
    "#",
    "- ",
    ": ",
    "no",
    "0o17",
    "0x1F",
    "1_000",
    "2026-11-23T10:00:00Z",
]
NAMES = [
    "channels.YAML",
    "channels.Yml",
    "channels.yaml.bak",
    "Channels.yaml",
    "kanaler åäö.yaml",
    "ch annels.yaml",
    ".hidden.yaml",
    "tests",
]


def _project(root: Path) -> Path:
    return write_project(root / "outside" / "project", DOCUMENTS)


@st.composite
def text_edits(draw) -> tuple[str, bytes]:
    """One example file (or a broken-corpus file in its place) with raw edits at random offsets."""
    if draw(st.integers(0, 3)) == 0 and BROKEN:
        source = draw(st.sampled_from(BROKEN))
        name = draw(st.sampled_from(EXAMPLE_FILES))
        data = source.read_bytes()
    else:
        name = draw(st.sampled_from(EXAMPLE_FILES))
        data = (EXAMPLE / name).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["tag", "snippet", "bytes", "cut"]))
        if kind == "tag":
            piece = draw(st.sampled_from(TAGS)).encode()
        elif kind == "snippet":
            piece = draw(st.sampled_from(SNIPPETS)).encode("utf-8", "surrogatepass")
        elif kind == "bytes":
            piece = draw(st.binary(min_size=1, max_size=4))
        else:
            data = data[:at]
            continue
        data = data[:at] + piece + data[at:]
    return name, data


FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=FUZZ_EXAMPLES <= 100,  # a fixed budget in CI: the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(text_edits())
def test_raw_text_edits_keep_the_invariant(tmp_path_factory, edit):
    name, data = edit
    project = _project(tmp_path_factory.mktemp("raw"))
    (project / "strategy" / name).write_bytes(data)
    check_invariant(project)


@FUZZ
@given(st.sampled_from(EXAMPLE_FILES), st.sampled_from(NAMES))
def test_renamed_files_keep_the_invariant(tmp_path_factory, name, new_name):
    project = _project(tmp_path_factory.mktemp("names"))
    strategy = project / "strategy"
    target = strategy / new_name
    if target.exists():
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    (strategy / name).rename(target)
    check_invariant(project)


@FUZZ
@given(
    st.sampled_from(["strategy-file", "strategy-folder", "policies", "docs", "docs-lang", "policy-file", "schemas-file"]),
    st.sampled_from(["outside-file", "outside-folder", "dangling", "self"]),
)
def test_symlinks_keep_the_invariant(tmp_path_factory, where, to):
    """A symlink anywhere socialkit reads or writes: a command may refuse (build does, for a link out of the
    project), but never with a traceback or an undocumented status, and nothing outside is written."""
    root = tmp_path_factory.mktemp("links")
    project = _project(root)
    outside = root / "outside" / "elsewhere"
    outside.mkdir(exist_ok=True)
    (outside / "secret.yaml").write_text("organization: {name: leaked}\n", encoding="utf-8")
    target = {
        "outside-file": outside / "secret.yaml",
        "outside-folder": outside,
        "dangling": outside / "missing",
        "self": None,
    }[to]
    link = {
        "strategy-file": project / "strategy" / "zz-extra.yaml",
        "strategy-folder": project / "strategy" / "more",
        "policies": project / "policies",
        "docs": project / "docs",
        "docs-lang": project / "docs" / "en",
        "policy-file": project / "policies" / "policy.json",
        "schemas-file": project / "schemas" / "strategy.schema.json",
    }[where]
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        shutil.rmtree(link) if link.is_dir() and not link.is_symlink() else link.unlink()
    os.symlink(link if target is None else target, link)
    check_safe(project)
    check_safe(project)  # again over what the first round left
