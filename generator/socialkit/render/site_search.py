"""Search per language: the one thing the i18n plugin leaves to us.

mkdocs-static-i18n builds each language of the site on its own (its `<html lang>`,
its theme words, its language selector), but it merges every language's pages
into the one `search/search_index.json` that Material reads, so a search on an
English page would also list Swedish pages. Its maintainer confirms the theme
allows only that one index per site (ultrabug/mkdocs-static-i18n#271).

So after the build, the merged index is split: the site root keeps the default
language's pages (and pages outside the language folders, such as a guide), and
every other language gets `<lang>/search/search_index.json` with its own pages.
Material looks for the index under the `base` of the page's `__config` and links
each hit relative to it; pages of another language get that language's folder
as their base.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def localise_search_base(html: str, lang: str) -> str:
    """The page's Material config with its base moved into the language folder."""
    # with the trailing slash: the index and the hits are resolved against it as a folder
    return _CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{lang}/{m[3]}", html, count=1)


def split_search_index(site_dir: Path, default: str, languages: Sequence[str]) -> list[Path]:
    """Give each language its own index: the root's without the other languages, `<lang>/search/` with them."""
    whole = site_dir / "search" / "search_index.json"
    if not whole.is_file():
        return []
    data = json.loads(whole.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    others = [lang for lang in languages if lang != default]
    prefixes = tuple(f"{lang}/" for lang in others)
    written = [_write(whole, data, default, [doc for doc in docs if not doc.get("location", "").startswith(prefixes)])]
    for lang in others:
        prefix = f"{lang}/"
        own = [{**doc, "location": doc["location"][len(prefix) :]} for doc in docs if doc.get("location", "").startswith(prefix)]
        written.append(_write(site_dir / lang / "search" / "search_index.json", data, lang, own))
    return written


def _write(target: Path, data: dict, lang: str, docs: list[dict]) -> Path:
    config = {**data.get("config", {})}
    if lang.split("-")[0] in config.get("lang", []):
        config["lang"] = [lang.split("-")[0]]  # stem words as this language does, and load only its stemmer
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({**data, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
