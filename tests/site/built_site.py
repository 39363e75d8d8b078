"""Reading a built playbook site the way a browser would, without one: each page's `<html lang>`,
the theme's words, the language selector's links and the search index the page loads."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

# Folders of the site that hold no playbook pages.
NOT_PAGES = ("assets/", "search/", "schemas/", "policies/", "guide/")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.placeholder: str | None = None
        self.selector: list[tuple[str, str]] = []
        self.config: str | None = None
        self.toc_title: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if tag == "html":
            self.lang = attr.get("lang")
        elif tag == "input" and "md-search__input" in classes:
            self.placeholder = attr.get("placeholder")
        elif tag == "a" and "md-select__link" in classes:
            self.selector.append((attr.get("hreflang") or "", attr.get("href") or ""))
        elif tag == "script" and attr.get("id") == "__config":
            self._in = "config"
        elif tag == "label" and attr.get("for") == "__toc" and "md-nav__title" in classes:
            self._in = "toc"
            self.toc_title = ""

    def handle_endtag(self, tag):
        if tag in ("script", "label"):
            self._in = None

    def handle_data(self, data):
        if self._in == "config":
            self.config = (self.config or "") + data
        elif self._in == "toc":
            self.toc_title = ((self.toc_title or "") + data).strip()


@dataclass
class Page:
    site: Path
    path: str  # site-relative, e.g. 'en/channels/facebook/index.html'
    parsed: _PageParser = field(repr=False)

    @classmethod
    def read(cls, site: Path, path: str) -> Page:
        parser = _PageParser()
        parser.feed((site / path).read_text(encoding="utf-8"))
        return cls(site, path, parser)

    @property
    def lang(self) -> str | None:
        return self.parsed.lang

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.path)

    def resolve(self, href: str) -> str:
        """The site-relative file a relative link of this page leads to ('x/' -> 'x/index.html')."""
        assert not re.match(r"^(?:[a-z]+:|/)", href), f"{self.path}: {href} is not relative"
        target = posixpath.normpath(posixpath.join(self.folder, href.split("#")[0]))
        target = "" if target == "." else target
        return posixpath.join(target, "index.html") if not target.endswith(".html") else target

    def selector(self) -> dict[str, str]:
        """{language: the page the language selector leads to}."""
        return {lang: self.resolve(href) for lang, href in self.parsed.selector}

    @cached_property
    def search_base(self) -> str:
        """The site-relative folder Material takes the search index and its hits from."""
        config = json.loads(self.parsed.config or "{}")
        base = posixpath.normpath(posixpath.join(self.folder, config["base"]))
        return "" if base == "." else base

    def search_index(self) -> dict:
        return json.loads((self.site / self.search_base / "search" / "search_index.json").read_text(encoding="utf-8"))

    def search(self, word: str) -> list[str]:
        """The pages a search for `word` on this page lists (site-relative), as Material resolves the hits."""
        hits = [doc["location"] for doc in self.search_index()["docs"] if word.lower() in (doc["title"] + " " + doc["text"]).lower()]
        return sorted({_page_file(posixpath.join(self.search_base, loc.split("#")[0])) for loc in hits})


def _page_file(url: str) -> str:
    """'en/x/' -> 'en/x/index.html', '' -> 'index.html'."""
    url = url.lstrip("/")
    return url if url.endswith(".html") else posixpath.join(url, "index.html")


def playbook_pages(site: Path, default: str, languages: list[str]) -> dict[str, list[Page]]:
    """The built pages of each language: the default language's at the root, the others under `<lang>/`."""
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    out: dict[str, list[Page]] = {lang: [] for lang in languages}
    for file in sorted(site.rglob("index.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(NOT_PAGES):
            continue
        lang = next((o[:-1] for o in others if rel.startswith(o)), default)
        out[lang].append(Page.read(site, rel))
    return out


def counterpart(path: str, lang: str, other: str, default: str) -> str:
    """The same page in another language's part of the site."""
    inner = path if lang == default else path[len(lang) + 1 :]
    return inner if other == default else f"{other}/{inner}"
