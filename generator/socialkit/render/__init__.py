"""Render the playbook: pure functions from a strategy to Markdown pages.

    render_playbook(strategy, as_of=..., audience=...) -> {docs-relative path: Markdown}
    render_mkdocs_yml(strategy, guide_pages=[...]) -> mkdocs.yml text

Every language of `organization.languages` gets its own folder (`sv/`, `en/`)
with the same pages; the i18n plugin (mkdocs-static-i18n) builds each folder as
one language of the site and links each page to its counterpart. `audience='public'` leaves out people's names and contact
details, the team page and rota, internal escalation routes and internal
channels. The output depends only on the arguments (deterministic for a
given `as_of`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from socialkit.render import pages as P
from socialkit.render.context import Ctx
from socialkit.render.governance import accounts as accounts_page
from socialkit.render.markdown import comment_safe, escape_md
from socialkit.render.mkdocs_config import language_nav, render_mkdocs_yml
from socialkit.render.sources import source_files_from
from socialkit.strategy.model import Channel, Strategy
from socialkit.strategy.scalars import ID_RE

__all__ = [
    "render_playbook",
    "render_mkdocs_yml",
    "page_paths",
    "language_nav",
    "source_files_from",
    "escape_md",
    "DOWNLOAD_PATTERNS",
    "SECTIONS",
    "Section",
]

# Files the reference page links when they are given as downloads (project-relative, copied as-is into the site).
DOWNLOAD_PATTERNS = ("schemas/*.json", "policies/**/*")
_DOWNLOAD_RE = re.compile(r"^(?!.*(?:^|/)\.)[A-Za-z0-9_][A-Za-z0-9._/-]*$")


@dataclass(frozen=True)
class Section:
    """One page of every language's playbook: where it goes, its title and how it is rendered.

    SECTIONS is the one list of pages: the nav, the home page's table of contents and
    `page_paths` are all read from it, so a new page is one entry here.
    """

    path: str
    title_key: str
    render: Callable[[Ctx], P.Page]
    internal_only: bool = False
    channel_pages: bool = False  # followed by one page per visible channel

    def shown(self, ctx: Ctx) -> bool:
        return not (self.internal_only and ctx.public)


SECTIONS: tuple[Section, ...] = (
    Section("contact.md", "title.contact", P.contact),  # for citizens: the public home page's first link
    Section("audiences.md", "title.audiences", P.audiences),
    Section("channels/index.md", "title.channels", P.channels_index, channel_pages=True),
    Section("responses.md", "title.responses", P.responses),
    Section("escalation.md", "title.escalation", P.escalation),
    Section("cards.md", "title.cards", P.cards, internal_only=True),  # printable, with phone numbers
    Section("availability.md", "title.availability", P.availability),
    Section("team.md", "title.team", P.team_page, internal_only=True),
    Section("accounts.md", "title.accounts", accounts_page, internal_only=True),  # owners and administrators by name
    Section("moderation.md", "title.moderation", P.moderation),
    Section("reference.md", "title.reference", P.reference, internal_only=True),  # rule codes are for staff
)


def _channel_pages(ctx: Ctx) -> list[Channel]:
    channels = P.visible_channels(ctx)
    for channel in channels:
        if not ID_RE.match(channel.id):  # the model guarantees it; file names come from slugs only
            raise ValueError(f"channel id {channel.id!r} is not a slug")
    return channels


def _page_list(ctx: Ctx) -> list[P.Page]:
    """The pages of one language, in reading order (nav order)."""
    sections = [s for s in SECTIONS if s.shown(ctx)]
    pages = [P.home(ctx, [(s.path, ctx.l(s.title_key)) for s in sections])]
    for section in sections:
        pages.append(section.render(ctx))
        if section.channel_pages:
            pages += [P.channel(ctx, channel) for channel in _channel_pages(ctx)]
    return pages


def page_paths(strategy: Strategy, *, audience: Literal["public", "internal"] = "internal") -> dict[str, list[str]]:
    """Docs-relative page paths per language, in reading order (for the nav)."""
    out = {}
    for lang in strategy.organization.languages:
        ctx = Ctx(strategy, lang, audience, date(2000, 1, 3))
        paths = ["index.md"]
        for section in (s for s in SECTIONS if s.shown(ctx)):
            paths.append(section.path)
            if section.channel_pages:
                paths += [P.channel_page(c) for c in _channel_pages(ctx)]
        out[lang] = [f"{lang}/{p}" for p in paths]
    return out


def _sources(ctx: Ctx, keys: Sequence[str]) -> list[str]:
    files: list[str] = []
    for key in keys:
        found = ctx.source_files.get(key) or ctx.source_files.get(key.split("/")[0])
        files.extend(found.split(", ") if found else [key.split("/")[0]])
    return sorted(dict.fromkeys(files))


def _assemble(ctx: Ctx, page: P.Page) -> str:
    if ctx.public:  # readers of the public site get no file names and no note for developers
        return f"{PUBLIC_MARKER}\n\n# {page.title}\n\n{page.body.strip()}\n"
    files = _sources(ctx, page.sources or ("organization",))
    marker = comment_safe(", ".join(files))
    shown = ctx.join([f"`{f}`" if ctx.source_files else escape_md(f) for f in (comment_safe(f) for f in files)])
    return (
        f"<!-- generated by socialkit from {marker}; do not edit: change the strategy and rebuild -->\n\n"
        f"# {page.title}\n\n"
        f"{page.body.strip()}\n\n"
        f"---\n\n"
        f"{ctx.l('page.generated', files=shown, as_of=ctx.long_date(ctx.as_of))}\n"
    )


PUBLIC_MARKER = "<!-- generated by socialkit; do not edit: change the strategy and rebuild -->"


def _clean_downloads(downloads: Sequence[str]) -> list[str]:
    clean = []
    for path in downloads:
        path = path.replace("\\", "/")
        if _DOWNLOAD_RE.match(path) and ".." not in path.split("/"):
            clean.append(path)
    return sorted(dict.fromkeys(clean))


def render_playbook(
    strategy: Strategy,
    *,
    as_of: date,
    audience: Literal["public", "internal"] = "internal",
    source_files: Mapping[str, str] | None = None,
    downloads: Sequence[str] = (),
    measured: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, str]:
    """Every page of the playbook: {docs-relative path: Markdown}, sorted by path.

    `source_files` names the strategy file of each part, keyed by section
    ('channels') or item ('channels/facebook'); see `source_files_from`.
    `downloads` lists project-relative files the site will also hold (e.g.
    'schemas/strategy.schema.json', 'policies/policy.json'); the reference page links them.
    `measured` holds the audit result's goal items by goal id; the internal home page shows them.
    """
    if audience not in ("public", "internal"):
        raise ValueError(f"audience must be 'public' or 'internal', not {audience!r}")
    files = {k: v for k, v in (source_files or {}).items()}
    out: dict[str, str] = {}
    for lang in strategy.organization.languages:
        ctx = Ctx(strategy, lang, audience, as_of, files, tuple(_clean_downloads(downloads)), measured or {})
        for page in _page_list(ctx):
            out[f"{lang}/{page.path}"] = _assemble(ctx, page)
    return dict(sorted(out.items()))
