"""Each page of the site in its own language: `<html lang>`, the theme's words and the language selector.

MkDocs has one `theme.language` per site; the playbook has one folder per
language in one site. Just before each page is rendered, the plugin points
the theme at the page's language (so `<html lang="en">`, the search box and
the table of contents are English on English pages) and points every entry of
Material's language selector at the same page in that language. After the
page, the site's own values come back, so pages outside the language folders
(a hand-written guide, the 404 page) keep the site's default language.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any


def page_language(src_uri: str, languages: Sequence[str]) -> str | None:
    """The language folder a page lives in ('en/channels/x.md' -> 'en'), or None."""
    first = src_uri.split("/", 1)[0]
    return first if first in languages and "/" in src_uri else None


def counterpart(src_uri: str, lang: str, other: str) -> str:
    """The same page in another language's folder."""
    return f"{other}/{src_uri[len(lang) + 1 :]}"


def page_url(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a page (directory URLs): 'en/x.md' -> 'en/x/index.html'."""
    stem = src_uri[: -len(".md")]
    if posixpath.basename(stem) in ("index", "README"):
        return posixpath.join(posixpath.dirname(stem), "index.html") if posixpath.dirname(stem) else "index.html"
    return f"{stem}/index.html"


def theme_language(lang: str, theme_dirs: Sequence[str]) -> str | None:
    """The theme's translation for `lang` ('sv-SE' -> 'sv'), or None when the theme has none."""
    for candidate in (lang, lang.split("-")[0]):
        if any((Path(d) / "partials" / "languages" / f"{candidate}.html").is_file() for d in theme_dirs):
            return candidate
    return None


class PageLanguage:
    """Switches the theme's language and the language selector per page, and restores them after."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = list(languages)
        self.saved: tuple[Any, Any] | None = None

    def enter(self, src_uri: str, config: Any, sources: Collection[str]) -> None:
        lang = page_language(src_uri, self.languages)
        if lang is None or config.theme.name != "material":
            return
        self.saved = (config.theme["language"], config.extra.get("alternate"))
        translated = theme_language(lang, config.theme.dirs)
        if translated:
            config.theme["language"] = translated
        alternates = config.extra.get("alternate")
        if alternates:
            config.extra["alternate"] = [self._same_page(alt, src_uri, lang, sources) for alt in alternates]

    def localise_output(self, src_uri: str, html: str, config: Any) -> str:
        lang = page_language(src_uri, self.languages)
        return localise_search_base(html, lang) if lang and config.theme.name == "material" else html

    def leave(self, config: Any) -> None:
        if self.saved is not None:
            config.theme["language"], config.extra["alternate"] = self.saved
            self.saved = None

    def _same_page(self, alternate: Any, src_uri: str, lang: str, sources: Collection[str]) -> Any:
        other = alternate.get("lang") if isinstance(alternate, dict) else None
        if other not in self.languages:
            return alternate
        target = counterpart(src_uri, lang, other)
        return {**alternate, "link": page_url(target)} if target in sources else alternate


# --- search per language -------------------------------------------------------------------
#
# Material's search reads `search/search_index.json` under the `base` of the page's `__config`
# and links each hit relative to that base. Pages in a language folder get that folder as their
# base and an index of their own language's pages only, so a search on an English page finds
# English pages. The landing page and pages outside the folders keep the whole site's index.

_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def localise_search_base(html: str, lang: str) -> str:
    """The page's Material config with its base moved into the language folder."""
    # with the trailing slash: the index and the hits are resolved against it as a folder
    return _CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{lang}/{m[3]}", html, count=1)


def split_search_index(site_dir: Path, languages: Sequence[str]) -> list[Path]:
    """Write `<lang>/search/search_index.json` with that language's pages (locations relative to the folder)."""
    whole = site_dir / "search" / "search_index.json"
    if not whole.is_file():
        return []
    data = json.loads(whole.read_text(encoding="utf-8"))
    written = []
    for lang in languages:
        prefix = f"{lang}/"
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]}
            for doc in data.get("docs", [])
            if doc.get("location", "").startswith(prefix)
        ]
        config = {**data.get("config", {})}
        if lang.split("-")[0] in config.get("lang", []):
            config["lang"] = [lang.split("-")[0]]
        target = site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**data, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written.append(target)
    return written
