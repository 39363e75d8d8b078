"""Shared inputs for the fmt tests: the example strategy, the broken corpus, comment lines."""

from __future__ import annotations

from pathlib import Path

from socialkit.strategy.fmt import FormatError, format_text

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "strategy"
CORPUS = REPO / "tests" / "fixtures" / "broken"


def example_files() -> list[Path]:
    return sorted(EXAMPLE.glob("*.yaml"))


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml"))


def formats(path: Path) -> bool:
    """Whether the file is YAML fmt can format (the broken corpus holds some that are not)."""
    try:
        format_text(path.read_bytes().decode("utf-8"), name=path.name)
    except (FormatError, UnicodeDecodeError):
        return False
    return True


def comment_lines(text: str) -> list[str]:
    """Full-line comments, a reference independent of fmt's own comment finder."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
