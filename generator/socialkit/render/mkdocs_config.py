"""The MkDocs configuration for the playbook: nav per language and mkdocs.yml text."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from socialkit.render.context import Ctx
from socialkit.strategy.model import Strategy

# Languages the search (lunr.js) can stem: the search finds 'svarar' when you type 'svara'.
SEARCH_LANGUAGES = frozenset("ar da de du en es fi fr hi hu hy it ja kn ko nl no pt ro ru sa sv ta te th tr vi zh".split())
# The publish job of the scaffolded workflow sets this to `public`; mkdocs.yml's audience is the default.
AUDIENCE_VARIABLE = "SOCIALKIT_AUDIENCE"


def language_nav(
    strategy: Strategy,
    lang: str,
    *,
    audience: Literal["public", "internal"] = "internal",
    extra_pages: Sequence[str] = (),
) -> list[Any]:
    """One language's nav as MkDocs takes it: its pages in reading order, the channel pages in a section.

    `extra_pages` in the language's folder (e.g. the audit report, 'sv/audit.md')
    join the end. The i18n plugin builds each language on its own, so each
    build gets the nav of its own language only.
    """
    from socialkit.render import page_paths

    paths = page_paths(strategy, audience=audience).get(lang, [])
    paths = [*paths, *(p for p in extra_pages if p.startswith(f"{lang}/") and p not in paths)]
    ctx = Ctx(strategy, lang, audience, date(2000, 1, 3))
    channels = [p for p in paths if "/channels/" in p]
    section: list[Any] = []
    for path in paths:
        if "/channels/" in path:
            if path.endswith("/channels/index.md"):
                section.append({ctx.l("title.channels"): channels})
            continue
        section.append(path)
    return section


def i18n_languages(strategy: Strategy, audience: Literal["public", "internal"] = "internal") -> list[dict[str, Any]]:
    """The `languages` of the i18n plugin (mkdocs-static-i18n, folder structure), default language first.

    The plugin builds the default language at the site root and every other one
    under `<lang>/`. `fixed_link` is the language's home page as a site-relative
    path: MkDocs makes it relative to each page, so the selector works on any
    host path (a GitHub project page) without `site_url`; the plugin's own
    default, '/en/', only works at the root of a domain. Pages that exist in
    both languages get a link to their counterpart from the plugin instead.
    """
    org = strategy.organization
    default = org.default_language
    out = []
    for lang in sorted(site_languages(strategy), key=lambda lang: lang != default):
        ctx = Ctx(strategy, lang, audience, date(2000, 1, 3))
        entry: dict[str, Any] = {"locale": lang, "name": ctx.language_name(lang)}
        if lang == default:
            entry["default"] = True
        entry["fixed_link"] = language_home(lang, default)
        out.append(entry)
    return out


def unbuilt_language_sections(
    strategy: Strategy, built: Sequence[str], *, audience: Literal["public", "internal"], extra_pages: Sequence[str] = ()
) -> list[Any]:
    """Nav sections, for the default language's build, of the languages the i18n plugin does not build."""
    sections: list[Any] = []
    for lang in strategy.organization.languages:
        if lang not in built:
            name = Ctx(strategy, lang, audience, date(2000, 1, 3)).language_name(lang)
            sections.append({name: language_nav(strategy, lang, audience=audience, extra_pages=extra_pages)})
    return sections


def site_languages(strategy: Strategy) -> list[str]:
    """The languages the i18n plugin builds: the organisation's, but only codes it takes.

    It takes ISO 639-1 codes ('sv', 'en', 'sv-SE'); a three-letter code such as
    'fit' (Meänkieli) or 'sme' (Northern Sami) would stop the build, so that
    language's folder is built as part of the default language's site instead
    (at `fit/`, in the default language's nav, under the default language's
    `lang`). The default language needs a two-letter code for the same reason.
    """
    from mkdocs_static_i18n.config import RE_LOCALE

    org = strategy.organization
    taken = [lang for lang in org.languages if RE_LOCALE.match(lang)]
    return taken if org.default_language in taken else []


def _material_words(languages: Sequence[str], default: str) -> dict[str, str] | None:
    """Material's translation for each language when it lacks one of them (else None: the plugin's own setting fits).

    The i18n plugin sets the theme's language to the page's, and Material stops on a
    language it has no words for ('se', Northern Sami) or writes with a region ('sv-SE');
    such a language gets its base language's words, else the default language's.
    """
    from importlib.resources import files

    folder = files("material") / "templates" / "partials" / "languages"

    def words(lang: str) -> str | None:
        return next((code for code in (lang, lang.split("-")[0]) if (folder / f"{code}.html").is_file()), None)

    found = {lang: words(lang) for lang in languages}
    if all(found[lang] == lang for lang in languages):
        return None
    fallback = found.get(default) or "en"
    return {lang: found[lang] or fallback for lang in languages}


def _mkdocs_theme_speaks(lang: str) -> bool:
    from importlib.resources import files

    locales = files("mkdocs") / "themes" / "mkdocs" / "locales"
    return lang.split("-")[0] == "en" or any((locales / code).is_dir() for code in (lang.replace("-", "_"), lang.split("-")[0]))


def language_home(lang: str, default: str) -> str:
    """Where a language's home page is in the built site: the root for the default language, else `<lang>/`."""
    return "index.html" if lang == default else f"{lang}/index.html"


def _yaml_nav(entries: list[Any], indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for entry in entries:
        if isinstance(entry, str):
            lines.append(f"{pad}- {json.dumps(entry, ensure_ascii=False)}")
        else:
            for title, children in entry.items():
                lines.append(f"{pad}- {json.dumps(title, ensure_ascii=False)}:")
                lines.extend(_yaml_nav(children, indent + 4))
    return lines


def render_mkdocs_yml(
    strategy: Strategy,
    *,
    site_name: str | None = None,
    docs_dir: str = "docs",
    guide_pages: Sequence[str] = (),
    audience: Literal["public", "internal"] = "internal",
    theme: Literal["material", "mkdocs"] = "material",
    site_url: str | None = None,
    plugin: bool = False,
    site_dir: str | None = None,
) -> str:
    """mkdocs.yml for the playbook.

    With `plugin=False` (pages already written to docs_dir by `render_playbook`)
    each language's nav is written out in full (under the i18n plugin's languages). With `plugin=True` the `socialkit` plugin
    generates the pages and the nav during the build, so the file stays the
    same when the strategy changes and `mkdocs serve` reloads on every edit.
    """
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731 - a JSON string is a YAML string
    org = strategy.organization
    lines = [
        "# Generated by socialkit (render_mkdocs_yml); edit the strategy, not this file.",
        f"site_name: {q(html.escape(site_name or org.name))}",
        f"docs_dir: {q(docs_dir)}",
    ]
    if site_dir:
        lines.append(f"site_dir: {q(site_dir)}")
    if site_url:
        lines.append(f"site_url: {q(site_url)}")
    lines += ["theme:", f"  name: {theme}"]
    if theme == "material":
        # the default language's; the i18n plugin sets each language's build to its own
        lines += [f"  language: {q(org.default_language.split('-')[0])}"]
        # System fonts: Material would otherwise load Roboto from Google Fonts on every page view.
        lines += ["  font: false", "  features:", "    - content.code.copy"]
    lines += [
        "markdown_extensions:",
        "  - toc:",
        "      permalink: true",
        "  - tables",
        "  - pymdownx.superfences",
        "plugins:",
    ]
    stemmed = [lang.split("-")[0] for lang in org.languages if lang.split("-")[0] in SEARCH_LANGUAGES]
    lines += ["  - search:", f"      lang: [{', '.join(dict.fromkeys(stemmed))}]"] if stemmed else ["  - search"]
    if plugin:
        lines += ["  - socialkit:", f"      audience: !ENV [{AUDIENCE_VARIABLE}, {audience}]"]
    lines += _i18n_plugin(strategy, audience=audience, guide_pages=guide_pages, with_nav=not plugin, theme=theme)
    return "\n".join(lines) + "\n"


def _i18n_plugin(
    strategy: Strategy, *, audience: Literal["public", "internal"], guide_pages: Sequence[str], with_nav: bool, theme: str = "material"
) -> list[str]:
    """The i18n plugin (mkdocs-static-i18n) over the docs/<lang>/ folders.

    No fallback to the default language: a page missing in one language is
    left out of that language's build rather than shown in the other language
    under its URL. The plugin's search settings stay off: it merges every
    language into one index, which the socialkit plugin splits per language
    after the build (see site_search.py), so its deduplication would only drop
    entries from them.
    """
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = [
        "  - i18n:",
        "      docs_structure: folder",
        "      fallback_to_default: false",
        "      reconfigure_search: false",
    ]
    default = strategy.organization.default_language
    entries = i18n_languages(strategy, audience)
    if not entries:
        return []
    material_words = _material_words([e["locale"] for e in entries], default) if theme == "material" else None
    lines += ["      languages:"]
    for entry in entries:
        lines.append(f"        - locale: {q(entry['locale'])}")
        lines += [
            f"          {key}: {q(value) if isinstance(value, str) else str(value).lower()}"
            for key, value in entry.items()
            if key != "locale"
        ]
        if theme == "mkdocs":
            # MkDocs' own theme has no Swedish: its words stay English (and so does its <html lang>)
            # rather than a strict build failing on the missing translation. Every language names its
            # locale: the i18n plugin would otherwise carry one language's override into the next build.
            locale = entry["locale"] if _mkdocs_theme_speaks(entry["locale"]) else "en"
            lines += ["          theme:", f"            locale: {q(locale)}"]
        elif material_words is not None:
            lines += ["          theme:", f"            language: {q(material_words[entry['locale']])}"]
        if with_nav:
            nav = language_nav(strategy, entry["locale"], audience=audience)
            if entry["locale"] == default:
                nav += unbuilt_language_sections(strategy, [e["locale"] for e in entries], audience=audience)
                nav += [{"Guide": list(guide_pages)}] if guide_pages else []
            lines.append("          nav:")
            lines.extend(_yaml_nav(nav, 12))
    return lines
