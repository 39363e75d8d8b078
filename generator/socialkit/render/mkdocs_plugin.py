"""MkDocs plugin: `plugins: [socialkit]` generates the playbook during the build.

A thin layer over `socialkit.render`: `on_config` loads and validates the
strategy (and fills in the nav and the language alternates when the config
leaves them out), `on_files` adds the rendered pages as generated files (they
replace Markdown files of the same name in docs_dir, so the pages
`socialkit build` writes to docs/ and the plugin's pages never clash) plus the
downloadable schemas and policy files, and `on_serve` watches the strategy so
`mkdocs serve` reloads on every edit.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
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
        self.sources: set[str] = set()
        self.page_language = None
        self.root: Path | None = None
        self.command: str | None = None

    # --- configuration --------------------------------------------------------------------

    def _option(self, name: str) -> Any:
        return OVERRIDES.get(name, self.config[name])

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        from socialkit.build import audit_result, measured_goals
        from socialkit.errors import SocialkitError
        from socialkit.project import Project
        from socialkit.render import nav_entries, render_playbook, source_files_from

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
        if self._option("nav") and config.nav is None:
            others = (
                sorted(
                    p.relative_to(docs_dir).as_posix()
                    for p in docs_dir.rglob("*.md")
                    if p.relative_to(docs_dir).as_posix() not in self.pages
                    and not any(part.startswith(".") for part in p.parts)
                    and not self._left_out(p)
                )
                if docs_dir.is_dir()
                else []
            )
            languages = {f"{lang}/" for lang in self.strategy.organization.languages}
            own = [p for p in others if p[: p.find("/") + 1] in languages]
            in_language = own if audience != "public" else []  # the public site carries only generated pages there
            rest = [p for p in others if p not in own]
            config.nav = nav_entries(self.strategy, audience=audience, extra_pages=in_language) + _grouped(rest)
        from socialkit.render.site_style import STYLESHEET

        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if config.theme.name == "material" and not config.extra.get("alternate"):
            from socialkit.render.context import locale_for
            from socialkit.render.mkdocs_config import alternate_link

            config.extra["alternate"] = [
                {"name": _title(locale_for(lang).get_display_name(locale_for(lang)) or lang), "link": alternate_link(lang), "lang": lang}
                for lang in self.strategy.organization.languages
            ]
        return config

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
        if self._option("audience") == "public":
            for leftover in [f for f in files if self._is_leftover_page(f.src_uri)]:
                log.info("socialkit: public site leaves out %s: the public playbook does not generate it", leftover.src_uri)
                files.remove(leftover)
        self.sources = {f.src_uri for f in files} | set(self.pages)
        for stale in [f for f in files if f.src_uri not in self.pages and f.abs_src_path and self._left_out(Path(f.abs_src_path))]:
            files.remove(stale)
        for path, text in self.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=text))
        from socialkit.render.site_style import CSS, STYLESHEET

        files.append(File.generated(config, STYLESHEET, content=CSS))
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
        return src_uri == "index.md" or src_uri.startswith(languages)

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Title every page after its first level-1 heading.

        MkDocs only takes the title from a heading that opens the page; ours
        open with the 'generated' comment and the language bar, so without this
        a Swedish page would be titled after its English file name.
        """
        if "title" not in page.meta:
            title = first_heading(markdown)
            if title:
                page.meta["title"] = title
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        """`<html lang>`, the theme's words and the language selector in the page's language (site_language.py)."""
        if self.strategy is not None:
            from socialkit.render.site_language import PageLanguage

            self.page_language = self.page_language or PageLanguage(self.strategy.organization.languages)
            self.page_language.enter(page.file.src_uri, config, self.sources)
        return context

    def on_post_page(self, output, *, page, config):
        if self.page_language is not None:
            self.page_language.leave(config)
            output = self.page_language.localise_output(page.file.src_uri, output, config)
        return output

    def on_post_build(self, *, config) -> None:
        """One search index per language folder (site_language.py), beside the whole site's."""
        if self.strategy is not None and config.theme.name == "material":
            from socialkit.render.site_language import split_search_index

            split_search_index(Path(config.site_dir), self.strategy.organization.languages)

    def on_serve(self, server, *, config, builder):
        if self.strategy_path is not None:
            server.watch(str(self.strategy_path))
        for folder in ("schemas", "policies"):
            if self.root is not None and (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


# --- helpers shared with `socialkit build` -----------------------------------------------------------


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
