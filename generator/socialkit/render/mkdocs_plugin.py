"""MkDocs plugin: `plugins: [socialkit]` generates the playbook during the build.

A thin layer over `socialkit.render`: `on_config` loads and validates the
strategy (and fills in the nav of the language being built when the config
leaves it out), `on_files` adds the rendered pages (they replace Markdown files
of the same name in docs_dir, so the pages `socialkit build` writes to docs/
and the plugin's pages never clash) plus the downloadable schemas and policy
files, and `on_serve` watches the strategy so `mkdocs serve` reloads on every edit.

Languages are the i18n plugin's (mkdocs-static-i18n, listed after this one in
mkdocs.yml): it builds the site once per language, calling these hooks again
for each; the strategy is read and the pages rendered only once.
"""

from __future__ import annotations

import logging
import os
import re
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from socialkit.safepath import regular_inside

log = logging.getLogger("mkdocs.plugins.socialkit")

# `socialkit serve` sets these before starting MkDocs in the same process (flags win over mkdocs.yml).
OVERRIDES: dict[str, Any] = {}


class SocialkitConfig(Config):
    strategy = c.Optional(c.Type(str))
    """Strategy file or folder, relative to mkdocs.yml; default the `strategy` setting (strategy/)."""
    audience = c.Choice(("internal", "public"), default="internal")
    """`public` leaves out people's names and contact details, the rota, internal routes and internal channels."""
    as_of = c.Optional(c.Type(str))
    """Reference date (YYYY-MM-DD) for upcoming closures and the rota; default the `as_of` setting, else today."""
    downloads = c.Type(bool, default=True)
    """Copy schemas/*.json and policies/** into the site and link them from the reference page."""
    nav = c.Type(bool, default=True)
    """Build the nav (landing page, one section per language, then the other pages) when mkdocs.yml has none."""
    publish_internal = c.Type(bool, default=False)
    """Allow `mkdocs gh-deploy` and builds into a folder a workflow publishes with the internal audience (a private host)."""


class SocialkitPlugin(BasePlugin[SocialkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.strategy = None
        self.pages: dict[str, str] = {}
        self.downloads: dict[str, Path] = {}
        self.strategy_path: Path | None = None
        self.root: Path | None = None
        self.command: str | None = None
        self.loaded_for: Any = None  # the config the strategy was read for
        self.auto_nav = False  # whether this plugin writes the nav (mkdocs.yml has none)
        self.extra_pages: list[str] = []
        self.page_lang: str | None = None
        self._building_language_default: str | None = None  # the i18n plugin's default language
        self._built_languages: list[str] = []  # the languages it builds

    # --- configuration --------------------------------------------------------------------

    def _option(self, name: str) -> Any:
        return OVERRIDES.get(name, self.config[name])

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        # The i18n plugin's builds of the other languages reuse this config; `mkdocs serve` makes a new
        # one for every rebuild (and keeps this plugin, which has on_startup): read the strategy again then.
        if self.loaded_for is not config:
            self.loaded_for = config
            self.auto_nav = self._option("nav") and config.nav is None
            self._load(config)
        i18n = config.plugins.get("i18n")
        self._building_language_default = i18n.default_language if i18n is not None else None
        self._built_languages = i18n.build_languages if i18n is not None else []
        if self.auto_nav:
            config.nav = self._nav(self._building_language(config))
        from socialkit.render.site_style import STYLESHEET

        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def _load(self, config) -> None:
        """Read and check the strategy and render every page (once, for all the language builds)."""
        from socialkit.build import audit_result, measured_goals
        from socialkit.errors import SocialkitError
        from socialkit.project import Project
        from socialkit.render import render_playbook, source_files_from

        config_dir = Path(config.config_file_path or ".").resolve().parent
        option = self._option("strategy")
        try:
            # The same door as every command: rule configuration, as_of and horizon from the settings.
            project = Project.open(
                cwd=Path(OVERRIDES.get("root") or config_dir),
                strategy=(config_dir / option) if option else None,
                as_of=self._as_of_option(),
            )
        except SocialkitError as err:
            raise PluginError(f"socialkit: {err}") from None
        settings = project.settings
        self.root = settings.root.resolve()
        self.strategy_path = project.strategy_path.resolve()
        result = project.result
        if not result.ok:
            lines = [f"{p.file}:{p.line}:{p.column}: {p.code} {p.message}" for p in result.problems if p.severity.value == "error"]
            raise PluginError("socialkit: the strategy has errors; run 'socialkit validate':\n  " + "\n  ".join(lines[:20]))
        self.strategy = result.strategy
        audience = self._option("audience")
        if audience == "internal" and not self._option("publish_internal"):
            self._guard_internal(Path(config.site_dir))
        as_of = project.as_of
        self.downloads = self._find_downloads(audience) if self._option("downloads") else {}
        try:
            measured = measured_goals(audit_result(settings, audience))
        except SocialkitError as err:
            raise PluginError(f"socialkit: {err}") from None
        self.pages = render_playbook(
            self.strategy,
            as_of=as_of,
            audience=audience,
            source_files=source_files_from(result.source, self.root),
            downloads=sorted(self.downloads),
            measured=measured,
        )
        docs_dir = Path(config.docs_dir)
        self.extra_pages = []
        if docs_dir.is_dir():
            self.extra_pages = sorted(
                p.relative_to(docs_dir).as_posix()
                for p in docs_dir.rglob("*.md")
                if p.relative_to(docs_dir).as_posix() not in self.pages
                and not any(part.startswith(".") for part in p.parts)
                and not self._left_out(p)
                and not (p.relative_to(docs_dir).as_posix() == "index.md" and is_generated_page(p))
            )

    def _building_language(self, config) -> str | None:
        """The language the i18n plugin builds now: its default until it starts the next one; None without it."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return None
        return i18n.current_language or i18n.default_language

    def _nav(self, lang: str | None) -> list[Any]:
        """The nav of one language's build: its pages, then (in the default language's) the pages outside the folders.

        Without the i18n plugin (an older mkdocs.yml) every language's section, one after the other.
        """
        from socialkit.render import language_nav
        from socialkit.render.context import locale_for
        from socialkit.render.mkdocs_config import unbuilt_language_sections

        assert self.strategy is not None
        org = self.strategy.organization
        audience = self._option("audience")
        folders = tuple(f"{code}/" for code in org.languages)
        own = [p for p in self.extra_pages if p.startswith(folders)]
        in_language = own if audience != "public" else []  # the public site carries only generated pages there
        rest = _grouped([p for p in self.extra_pages if p not in own])
        if lang is not None:
            own_nav = language_nav(self.strategy, lang, audience=audience, extra_pages=in_language)
            if lang != self._building_language_default:
                return own_nav
            unbuilt = unbuilt_language_sections(self.strategy, self._built_languages, audience=audience, extra_pages=in_language)
            return own_nav + unbuilt + rest
        sections = [
            {
                _title(locale_for(code).get_display_name(locale_for(code)) or code): language_nav(
                    self.strategy, code, audience=audience, extra_pages=in_language
                )
            }
            for code in org.languages
        ]
        return sections + rest

    def _guard_internal(self, site_dir: Path) -> None:
        """Refuse to deploy the internal playbook, and warn when a build writes it where a workflow publishes."""
        from socialkit.render.publish_guard import internal_build_published

        if self.command == "gh-deploy":
            raise PluginError(
                "socialkit: 'mkdocs gh-deploy' would publish the internal playbook (names, phone numbers, rota, escalation "
                "keywords); deploy the public one with SOCIALKIT_AUDIENCE=public mkdocs gh-deploy, or set "
                "'publish_internal: true' under the socialkit plugin in mkdocs.yml if the host is private"
            )
        if self.command == "build" and self.root is not None:
            published = internal_build_published(self.root, site_dir)
            if published is not None:
                shown = (
                    published.folder.relative_to(self.root).as_posix() if published.folder.is_relative_to(self.root) else published.folder
                )
                log.warning(
                    "socialkit: building the internal playbook into %s/, the folder %s publishes; build the public one there "
                    "(SOCIALKIT_AUDIENCE=public mkdocs build) and the internal one elsewhere (--site-dir site-internal)",
                    shown,
                    published.workflow,
                )

    def _as_of_option(self) -> date | None:
        """The plugin's as_of option (or serve's flag): a date that wins over the as_of setting."""
        value = self._option("as_of")
        if isinstance(value, date) or not value:
            return value or None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise PluginError(f"socialkit: as_of {value!r} is not a date (YYYY-MM-DD)") from None

    def _find_downloads(self, audience: str) -> dict[str, Path]:
        found = {rel: path for rel, path in find_downloads(self.root).items() if is_downloadable(rel, audience)}
        if audience != "public":
            return found
        secrets = contact_details(self.strategy)
        safe = {}
        for rel, path in found.items():
            leaked = _contains_any(path, secrets)
            if leaked:
                # Policy files come from the strategy: a hit there is a real leak and fails a strict build.
                # Schemas describe the format; a hit there is an example value that happens to match.
                level = logging.INFO if rel.startswith("schemas/") else logging.WARNING
                log.log(level, "socialkit: public build leaves out %s: it holds internal contact details (%s)", rel, leaked)
            else:
                safe[rel] = path
        return safe

    # --- files and serving ----------------------------------------------------------------------

    def _left_out(self, path: Path) -> bool:
        """A page socialkit generated into docs_dir that this (public) build does not render: the team
        page, the audit report, reference pages. A public site never carries them, whatever docs/ holds."""
        return self._option("audience") == "public" and is_generated_page(path)

    def on_files(self, files: Files, *, config) -> Files:
        for escaping in [f for f in files if self._leaves_the_project(f, config.docs_dir)]:
            log.warning(
                "socialkit: leaves %s out of the site: not a regular file inside the project (a symlink out of it?)", escaping.src_uri
            )
            files.remove(escaping)
        for landing in [f for f in files if self._is_old_landing_page(f)]:
            log.info("socialkit: leaves out %s: an old language chooser; each language's home page replaces it", landing.src_uri)
            files.remove(landing)
        if self._option("audience") == "public":
            for leftover in [f for f in files if self._is_leftover_page(f.src_uri)]:
                log.info("socialkit: public site leaves out %s: the public playbook does not generate it", leftover.src_uri)
                files.remove(leftover)
        for stale in [f for f in files if f.src_uri not in self.pages and f.abs_src_path and self._left_out(Path(f.abs_src_path))]:
            files.remove(stale)
        for path in self.pages:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(_page_in_docs(config, path))
        from socialkit.render.site_style import STYLESHEET, stylesheet_file

        files.append(File.generated(config, STYLESHEET, abs_src_path=str(stylesheet_file())))
        for rel, source in self.downloads.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, rel, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def _leaves_the_project(self, file: File, docs_dir: str) -> bool:
        """A file of docs_dir that is a symlink out of the project (or of docs_dir, if that is outside), or not a regular file."""
        source = file.abs_src_path
        docs = Path(os.path.abspath(docs_dir))
        if not source or not Path(os.path.abspath(source)).is_relative_to(docs):
            return False  # theme assets and generated files
        # resolve all but docs_dir's own name: a docs/ that is itself a symlink out of the project still counts as in it
        in_project = self.root is not None and (Path(os.path.realpath(docs.parent)) / docs.name).is_relative_to(self.root)
        boundary = self.root if in_project else docs
        return not regular_inside(Path(source), boundary)

    def _is_leftover_page(self, src_uri: str) -> bool:
        """A file where the playbook's pages live (index.md, <lang>/...) that this audience does not generate.

        An earlier internal `socialkit build` leaves team.md and the like in
        docs/<lang>/; a public site must not carry them nor index them for search.
        """
        if self.strategy is None or src_uri in self.pages:
            return False
        languages = tuple(f"{lang}/" for lang in self.strategy.organization.languages)
        return src_uri.startswith(languages)

    def _is_old_landing_page(self, file: File) -> bool:
        """docs/index.md as socialkit wrote it before the i18n plugin: the default language's home replaces it."""
        return file.src_uri == "index.md" and bool(file.abs_src_path) and is_generated_page(Path(file.abs_src_path))

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Title every page after its first level-1 heading.

        MkDocs only takes the title from a heading that opens the page; ours
        open with the 'generated' comment, so without this
        a Swedish page would be titled after its English file name.
        """
        if "title" not in page.meta:
            title = first_heading(markdown)
            if title:
                page.meta["title"] = title
        return markdown

    def on_nav(self, nav, *, config, files):
        """The rendered text of each generated page.

        The pages join the files as docs_dir files (see `_page_in_docs`) so the
        i18n plugin places them in their language like any page, and it replaces
        every file with its own copy; the text goes into those copies here,
        before MkDocs reads any page.
        """
        for file in files.documentation_pages():
            text = self.pages.get(file.src_uri)
            if text is not None:
                file.content_string = text
        return nav

    def on_page_context(self, context, *, page, config, nav):
        """The page's language, as the i18n plugin (whose hook runs first) puts it in the context."""
        self.page_lang = context.get("i18n_page_locale")
        return context

    def on_post_page(self, output, *, page, config):
        """A hand-written page that names its language in front matter (`lang: en`) says so in `<html lang>`; pages of
        a language other than the default search that language's index (site_search.py)."""
        declared = declared_language(page.meta.get("lang"), page.file.src_uri)
        if declared:
            output = with_html_lang(output, declared)
        if config.theme.name == "material" and self.page_lang:
            if self.page_lang != self._building_language_default:
                from socialkit.render.site_search import localise_search_base

                output = localise_search_base(output, self.page_lang)
        return output

    def on_pre_template(self, template, *, template_name, config):
        """The 404 page's language selector leads to the language homes.

        The i18n plugin points the selector at the counterparts of each page it
        renders and leaves the last page's there for the theme's own templates.
        """
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and i18n is not None and i18n.extra_alternate:
            config.extra["alternate"] = deepcopy(i18n.extra_alternate)
        return template

    def on_post_template(self, output_content, *, template_name, config):
        """One 404 page, at the root in the default language: hosts serve only that one.

        Each language's build writes the root 404.html; an empty output tells MkDocs
        to skip the write, so the other languages' builds leave the default's in place.
        """
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and i18n is not None and i18n.current_language != i18n.default_language:
            return ""
        return output_content

    @event_priority(-110)  # after the i18n plugin's (-100), which merges every language's index into one
    def on_post_build(self, *, config) -> None:
        """One search index per language (site_search.py)."""
        i18n = config.plugins.get("i18n")
        if i18n is not None and config.theme.name == "material":
            from socialkit.render.site_search import split_search_index

            split_search_index(Path(config.site_dir), i18n.default_language, i18n.build_languages)

    def on_serve(self, server, *, config, builder):
        if self.strategy_path is not None:
            server.watch(str(self.strategy_path))
        for folder in ("schemas", "policies"):
            if self.root is not None and (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


# --- helpers shared with `socialkit build` -----------------------------------------------------------


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47 as pages use it: sv, en, en-GB, se-Latn


def declared_language(value: Any, page: str) -> str | None:
    """A page's front-matter `lang`, when it is a language tag; anything else is reported (a strict build stops) and
    never reaches the HTML."""
    if value is None:
        return None
    if isinstance(value, str) and LANGUAGE_TAG.fullmatch(value):
        return value
    log.warning("socialkit: %s: front matter 'lang' must be a language tag such as en or sv-FI, not %r", page, str(value)[:40])
    return None


def with_html_lang(html: str, lang: str) -> str:
    """`html` with its `<html lang>` set to `lang` (a checked tag)."""
    return re.sub(r'(<html\b[^>]*?\blang=")[^"]*(")', lambda m: m.group(1) + lang + m.group(2), html, count=1)


def _page_in_docs(config, path: str) -> File:
    """A generated page as a file of docs_dir (that need not exist); `on_nav` gives it its text."""
    return File(path, config.docs_dir, config.site_dir, config.use_directory_urls)


def first_heading(markdown: str) -> str | None:
    """The text of the first '# ' heading outside code fences, Markdown escapes undone."""
    import re

    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return re.sub(r"\\(.)", r"\1", line[2:].strip().rstrip("#").strip()) or None
    return None


def is_generated_page(path: Path) -> bool:
    """Whether a Markdown file starts with socialkit's 'generated' marker (pages and the audit report)."""
    if path.suffix != ".md" or path.is_symlink():  # we write regular files; a link is not ours to read
        return False
    try:
        with path.open("rb") as stream:
            return stream.read(40).startswith(b"<!-- generated by socialkit")
    except OSError:
        return False


def find_downloads(root: Path | None) -> dict[str, Path]:
    """{project-relative path: file} of schemas/*.json and policies/** under `root` (hidden files skipped)."""
    if root is None:
        return {}
    out: dict[str, Path] = {}
    from socialkit.render import DOWNLOAD_PATTERNS

    for pattern in DOWNLOAD_PATTERNS:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in rel.split("/")) or path.is_dir():
                continue
            if regular_inside(path, root):
                out[rel] = path
            else:
                # e.g. policies/environ.json -> /proc/self/environ would publish the build's secrets
                log.warning("socialkit: leaves %s out of the site: not a regular file inside the project (a symlink out of it?)", rel)
    return out


# What the public site may carry, by allow-list: the schemas, availability.json
# and the channels' opening-hours calendars. Never the policy, the OPA bundle,
# the rota calendars, the Zendesk bodies (they list internal channels) or CODEOWNERS.
_PUBLIC_DOWNLOAD = re.compile(r"^(?:schemas/[^/]+\.json|policies/availability\.json|policies/ics/(?!rota-)[^/]+\.ics)$")


def is_downloadable(rel: str, audience: str) -> bool:
    """Whether the site for `audience` may carry this file: the public site only what the public exports are."""
    return audience != "public" or bool(_PUBLIC_DOWNLOAD.match(rel))


def contact_details(strategy) -> list[re.Pattern[str]]:
    """Patterns of every person's and team's email and phone number, for leak checks.

    A phone number matches with any spacing, dashes or brackets between its digits.
    """
    patterns = []
    emails = [p.email for p in strategy.people if p.email] + [t.email for t in strategy.teams if t.email]
    patterns += [re.compile(re.escape(e), re.IGNORECASE) for e in emails]
    for person in strategy.people:
        digits = re.sub(r"\D", "", person.phone or "")
        if len(digits) >= 6:
            patterns.append(re.compile(r"(?<!\d)" + r"[\s()\-.]{0,3}".join(digits) + r"(?!\d)"))
    return patterns


def _contains_any(path: Path, patterns: list[re.Pattern[str]]) -> str | None:
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    for pattern in patterns:
        if pattern.search(text):
            return "an email address" if "@" in pattern.pattern else "a phone number"
    return None


def _grouped(paths: list[str]) -> list[Any]:
    """Other pages under one nav section per top folder ('guide/x.md' -> Guide)."""
    sections: dict[str, list[str]] = {}
    loose: list[str] = []
    for path in paths:
        folder, _, rest = path.partition("/")
        (sections.setdefault(_title(folder.replace("-", " ")), []) if rest else loose).append(path)
    return loose + [{title: items} for title, items in sorted(sections.items())]


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]
