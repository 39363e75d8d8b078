"""The playbook's translation catalogue: one JSON file of labels per language.

`labels(lang, default)` merges the catalogue of `lang` over the catalogue of
the organisation's default language over English, so a missing label (or a
whole missing language) falls back instead of failing. Labels are trusted
Markdown; `{name}` placeholders are filled with already-escaped values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

BASE_LANGUAGE = "en"


def available() -> tuple[str, ...]:
    """Languages the catalogue ships, e.g. ('en', 'sv')."""
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".json")))


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The labels of one language as shipped (empty if the language is not shipped)."""
    base = lang.split("-")[0]
    for name in (lang, base):
        path = resources.files(__name__) / f"{name}.json"
        if path.is_file():
            return MappingProxyType(json.loads(path.read_text(encoding="utf-8")))
    return MappingProxyType({})


@cache
def labels(lang: str, default: str) -> Mapping[str, str]:
    """Labels for `lang`, falling back to `default`, then to English."""
    merged: dict[str, str] = {}
    for name in (BASE_LANGUAGE, default, lang):
        merged.update(catalogue(name))
    return MappingProxyType(merged)
