"""One function per page: each returns a `Page` for one language.

Page bodies are Markdown built only from catalogue labels, Babel formatting,
validated ids and escaped strategy text (see markdown.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date

from socialkit.platforms import PROFILE_LIMITS
from socialkit.problems import CODES
from socialkit.render import arrival
from socialkit.render import availability as av
from socialkit.render.context import Ctx, humanise
from socialkit.render.flowchart import Step, svg_flowchart
from socialkit.render.governance import records_notice, records_sections
from socialkit.render.kinds import kind_sentences
from socialkit.render.markdown import bullets, escape_md, link, page_link, paragraphs, relative, table
from socialkit.strategy.model import (
    ArrivalWindow,
    Blackout,
    Category,
    Channel,
    CheckRate,
    EscalationRule,
    RotaLayer,
    Schedule,
    Sla,
    Strategy,
    Team,
    Timing,
    timing_parts,
)
from socialkit.strategy.scalars import END_OF_NEXT_BUSINESS_DAY, WorkingDays


@dataclass(frozen=True)
class Page:
    path: str  # inside the language folder, e.g. 'channels/facebook.md'
    title: str  # escaped Markdown
    body: str
    sources: tuple[str, ...] = field(default_factory=tuple)  # source keys: 'channels', 'channels/facebook'


# --- shared helpers -------------------------------------------------------------------


def here(ctx: Ctx, path: str) -> str:
    return f"{ctx.lang}/{path}"


def goto(ctx: Ctx, label: str, target: str, current: str) -> str:
    """Link between two pages of the same language (paths inside the language folder)."""
    return page_link(label, here(ctx, target), here(ctx, current))


def visible_channels(ctx: Ctx) -> list[Channel]:
    return [c for c in ctx.strategy.channels if not (ctx.public and c.internal)]


def visible_blackouts(ctx: Ctx, channel_id: str | None = None) -> list[Blackout]:
    """The blackouts the audience may see (public: not internal, and covering a public channel), all or one channel's."""
    m = ctx.strategy.moderation
    public_ids = {c.id for c in visible_channels(ctx)}
    found = []
    for b in m.blackouts if m is not None else []:
        if ctx.public and (b.internal or (b.channels and not set(b.channels) & public_ids)):
            continue
        if channel_id is None or not b.channels or channel_id in b.channels:
            found.append(b)
    return found


def blackout_stops(ctx: Ctx, blackout: Blackout) -> str:
    return ctx.join([ctx.l(f"blackout.stops.{stop}") for stop in blackout.stops])


def channel_page(channel: Channel) -> str:
    return f"channels/{channel.id}.md"


def channel_link(ctx: Ctx, channel_id: str, current: str) -> str:
    channel = ctx.strategy.index("channels").get(channel_id)
    if channel is None or (ctx.public and channel.internal):
        return ""
    return goto(ctx, escape_md(channel.name), channel_page(channel), current)


def name_of(ctx: Ctx, section: str, item_id: str | None) -> str:
    """The display name of a team, schedule, SLA, audience or category (escaped)."""
    if item_id is None:
        return ""
    item = ctx.strategy.index(section).get(item_id)
    name = getattr(item, "name", None) if item is not None else None
    return ctx.t(name) if name else humanise(item_id)


def closed_target(ctx: Ctx, value: int | str | None) -> str:
    if value is None:
        return ""
    if value == END_OF_NEXT_BUSINESS_DAY:
        return ctx.l("sla.end_of_next_business_day")
    return ctx.l("sla.after_opening", duration=ctx.duration(int(value)))


def timing(ctx: Ctx, value: Timing | list[ArrivalWindow] | None, clock: str = "business") -> str:
    if isinstance(value, list):
        return arrival.windows_cell(ctx, value, clock)
    return within_text(ctx, value.within) if value is not None else ""


promise_clause = arrival.promise_clause  # 'within 4 hours of opening hours', 'by the next working day'


def within_text(ctx: Ctx, within: int | WorkingDays) -> str:
    """A target as a table cell: '4 hours', 'two working days', 'by the next working day'."""
    return arrival.within_cell(ctx, within)


def target_for(sla: Sla, category_id: str):
    return sla.targets.get(category_id) or sla.targets.get("default")


def target_row(ctx: Ctx, target, clock: str = "business") -> list[str]:
    if target is None:
        return ["", "", ""]
    if target_promise_text(ctx, target):
        return ["", target_promise_text(ctx, target), ""]
    closed = None
    for part in (target.respond, target.acknowledge):  # arrival windows say their own in their cell
        if isinstance(part, Timing) and part.if_received_closed is not None:
            closed = part.if_received_closed
            break
    return [timing(ctx, target.acknowledge, clock), timing(ctx, target.respond, clock), closed_target(ctx, closed)]


def target_promise_text(ctx: Ctx, target) -> str:
    """What an SLA target promises when it has no time ('read, not answered'); '' for a deadline."""
    promise = getattr(target, "promise", None) if target is not None else None
    return ctx.l(f"promise.target.{promise}") if promise not in (None, "deadline") else ""


def crisis_sla_of(s, ch: Channel) -> str | None:
    """The SLA a channel uses in crisis mode: its own, else the top-level one unless it promises no reply time."""
    inherits = ch.promise in (None, "deadline")
    return ch.crisis_sla or (s.crisis.sla if s.crisis and inherits else None)


def update_sentence(ctx: Ctx, ch: Channel) -> str:
    """ "If an answer takes longer than 2 days, we tell you": '' when the channel has no such obligation or does not answer."""
    update = ch.update_if_longer
    if update is None or ch.effective_promise not in ("deadline", "best-effort"):
        return ""
    if update.after is None:
        return ctx.l("profile.update")
    key = "profile.update_after_business" if update.clock == "business" and ch.schedule else "profile.update_after"
    return ctx.l(key, duration=ctx.duration(update.after))


def clock_text(ctx: Ctx, clock: str) -> str:
    return ctx.l(f"sla.clock.{clock}")


def sla_clock_text(ctx: Ctx, sla: Sla) -> str:
    """How the SLA's targets count: its clock, or working days when every target is in working days."""
    timings = [t for target in sla.targets.values() for part in (target.acknowledge, target.respond) for t in timing_parts(part)]
    if timings and all(isinstance(t.within, WorkingDays) for t in timings):
        return ctx.l("sla.clock.working_days")
    return clock_text(ctx, sla.clock)


def style_text(ctx: Ctx, style: str) -> str:
    return ctx.l(f"style.{style}")


# --- home ------------------------------------------------------------------------------------


def goal_progress(ctx: Ctx, goal) -> str:
    """Where a goal stands: the audit's measured value (when a result is configured) and the time left."""
    days = None if goal.deadline is None else (goal.deadline - ctx.as_of).days  # an open-ended goal has no time left
    left = (
        ""
        if days is None
        else ctx.l("goal.overdue", days=ctx.number(-days))
        if days < 0
        else ctx.l("goal.days_left", days=ctx.number(days))
    )
    measured = ctx.measured.get(goal.id)
    if not measured or not isinstance(measured.get("value"), (int, float)) or isinstance(measured.get("value"), bool):
        return left
    value = ctx.quantity(measured["value"], goal.unit)
    share = measured.get("progress")
    key = "goal.met" if measured.get("met") is True else "goal.measured"
    if isinstance(share, (int, float)) and not isinstance(share, bool) and key == "goal.measured":
        shown = ctx.l("goal.measured_share", value=value, share=ctx.percent(min(max(share, 0.0), 1.0)))
    else:
        shown = ctx.l(key, value=value)
    return f"{shown}; {left}" if left else shown


def home(ctx: Ctx, nav: list[tuple[str, str]]) -> Page:
    s, org = ctx.strategy, ctx.strategy.organization
    path = "index.md"
    out = []
    if any(target == "contact.md" for target, _ in nav):  # what a citizen comes for, first
        out.append(f"**{goto(ctx, ctx.l('title.contact'), 'contact.md', path)}**")
    out.append(ctx.l("home.intro", org=escape_md(org.name)))
    out += [f"## {ctx.l('home.why')}", paragraphs(ctx.raw(org.about)) if org.about else ctx.l("home.no_about")]
    if org.website:
        out.append(ctx.l("home.website", link=link(escape_md(org.website), org.website)))
    out.append(f"## {ctx.l('home.goals')}")
    if s.goals:
        out.append(ctx.l("home.goals_intro"))
        rows = []
        for goal in s.goals:
            baseline = ctx.quantity(goal.baseline, goal.unit) if goal.baseline is not None else ""
            rows.append(
                [
                    ctx.t(goal.statement),
                    ctx.metric(goal.metric),
                    ctx.quantity(goal.target, goal.unit),
                    baseline,
                    ctx.long_date(goal.deadline) if goal.deadline else "",
                    ctx.person(goal.owner),
                ]
                + ([goal_progress(ctx, goal)] if not ctx.public else [])
            )
        out.append(
            table(
                [
                    ctx.l("col.goal"),
                    ctx.l("col.metric"),
                    ctx.l("col.target"),
                    ctx.l("col.baseline"),
                    ctx.l("col.deadline"),
                    ctx.l("col.owner"),
                ]
                + ([ctx.l("col.progress")] if not ctx.public else []),
                rows,
            )
        )
    else:
        out.append(ctx.l("home.no_goals"))
    m = s.measurement
    out.append(f"## {ctx.l('home.kpis')}")
    if m is not None:
        if m.kpis:
            rows = [
                [ctx.t(k.name), ctx.metric(k.metric), f"{ctx.l('kpi.' + k.direction)} {ctx.quantity(k.target, k.unit)}"] for k in m.kpis
            ]
            out.append(table([ctx.l("col.kpi"), ctx.l("col.metric"), ctx.l("col.target")], rows))
        review = ctx.l("home.review", cadence=ctx.l(f"review.{m.review}"))
        if m.owner:
            review += " " + ctx.l("home.review_owner", owner=ctx.person(m.owner))
        out.append(review)
        if m.listening is not None and not ctx.public:
            lst = m.listening
            out.append(f"### {ctx.l('home.listening')}")
            out.append(ctx.l("home.listening_intro"))
            items = []
            if lst.tools:
                items.append(ctx.l("home.listening_tools", tools=ctx.join([escape_md(t) for t in lst.tools])))
            if lst.terms:
                items.append(ctx.l("home.listening_terms", terms=ctx.join([ctx.quote(t) for t in lst.terms])))
            if lst.every:
                items.append(ctx.l("home.listening_every", every=ctx.duration(lst.every)))
            out.append(bullets(items))
    else:
        out.append(ctx.l("home.no_kpis"))
    out.append(f"## {ctx.l('home.contents')}")
    out.append(bullets(goto(ctx, title, target, path) for target, title in nav if target != path))
    return Page(path, escape_md(org.name), "\n\n".join(out), ("organization", "goals", "measurement"))


# --- contact us (for citizens) ------------------------------------------------------------


def question_target(ctx: Ctx, ch: Channel):
    """How fast a question on the channel is answered: (timing or arrival windows, clock) or None when the strategy says nothing."""
    sla = ctx.strategy.index("slas").get(ch.sla) if ch.sla and ch.effective_promise == "deadline" else None
    target = (target_for(sla, "question") or target_for(sla, "default")) if sla else None
    within = (target.respond or target.acknowledge) if target else None
    return (within, sla.clock) if within is not None else None


# The hours line of the contact page says what happens in those hours: answered, read, or only that we are there.
CONTACT_HOURS = {
    "best-effort": "contact.best_effort_hours",
    "read-only": "contact.read_only_hours",
    "none": "contact.present_hours",
}


def speed_sentence(ctx: Ctx, within: int | WorkingDays, clock: str) -> str:
    if isinstance(within, WorkingDays):
        if within.next:
            return ctx.l("contact.speed_next_working_day")
        return ctx.l("contact.speed", duration=ctx.working_days(within.count))
    return ctx.l("contact.speed_business" if clock == "business" else "contact.speed", duration=ctx.duration(within))


def contact(ctx: Ctx) -> Page:
    """Per channel: when it is answered, how fast, and where to go instead. Only what the strategy says."""
    path = "contact.md"
    s = ctx.strategy
    out = [ctx.l("contact.intro")]
    for ch in visible_channels(ctx):
        out.append(f"## {goto(ctx, escape_md(ch.name), channel_page(ch), path)}")
        items = []
        schedule = s.index("schedules").get(ch.schedule) if ch.schedule else None
        if ch.customer_service:
            promise = ch.effective_promise
            if schedule is not None:
                items.append(ctx.l(CONTACT_HOURS.get(promise, "contact.hours"), hours=av.hours_summary(ctx, schedule.weekly)))
                items.append(ctx.l("profile.holidays_closed" if schedule.holidays == "closed" else "profile.holidays_open"))
            speed = question_target(ctx, ch)
            if isinstance(speed and speed[0], list):
                items.append(ctx.l("contact.speed_windows", promises=arrival.promise_text(ctx, speed[0], speed[1])))
            elif speed is not None:
                items.append(speed_sentence(ctx, speed[0].within, speed[1]))
            elif promise == "best-effort":
                items.append(ctx.l("contact.no_time"))
            elif promise == "read-only" and schedule is None:
                items.append(ctx.l("promise.read-only"))
            if update_sentence(ctx, ch):
                items.append(update_sentence(ctx, ch))
        else:
            items.append(ctx.l("contact.no_questions"))
        if ch.redirect is not None:
            where = [ctx.t(ch.redirect.text)]
            if ch.redirect.url:
                where.append(link(escape_md(ch.redirect.url), ch.redirect.url))
            target = channel_link(ctx, ch.redirect.channel, path) if ch.redirect.channel else ""
            if target:
                where.append(ctx.l("channel.redirect_channel", channel=target))
            items.append(ctx.l("contact.instead", where=" ".join(w for w in where if w)))
        items += kind_sentences(ctx, ch, path)
        out.append(bullets(items))
    if any(ch.schedule for ch in visible_channels(ctx)):
        out.append(ctx.l("contact.closed_days", link=goto(ctx, ctx.l("title.availability"), "availability.md", path)))
    return Page(path, ctx.l("title.contact"), "\n\n".join(out), ("channels", "schedules", "slas"))


# --- audiences ---------------------------------------------------------------------------------


def audiences(ctx: Ctx) -> Page:
    path = "audiences.md"
    out = [ctx.l("audiences.intro")]
    rows = []
    for audience in ctx.strategy.audiences:
        reach = [channel_link(ctx, c.id, path) for c in visible_channels(ctx) if audience.id in c.audiences]
        rows.append([ctx.t(audience.name), ctx.t(audience.description), ctx.join(reach) if reach else ctx.l("audiences.no_channel")])
    out.append(table([ctx.l("col.audience"), ctx.l("col.who"), ctx.l("col.channels")], rows) if rows else ctx.l("audiences.none"))
    return Page(path, ctx.l("title.audiences"), "\n\n".join(out), ("audiences", "channels"))


# --- channels ---------------------------------------------------------------------------------------


def channels_index(ctx: Ctx) -> Page:
    path = "channels/index.md"
    rows = []
    for channel in visible_channels(ctx):
        service = ctx.l("yes") if channel.customer_service else ctx.l("no")
        schedule = name_of(ctx, "schedules", channel.schedule) if channel.customer_service else ""
        rows.append([goto(ctx, escape_md(channel.name), channel_page(channel), path), ctx.t(channel.purpose), service, schedule])
    body = [ctx.l("channels.intro")]
    body.append(
        table([ctx.l("col.channel"), ctx.l("col.purpose"), ctx.l("col.customer_service"), ctx.l("col.hours")], rows)
        if rows
        else ctx.l("channels.none")
    )
    return Page(path, ctx.l("title.channels"), "\n\n".join(body), ("channels",))


def _check_text(ctx: Ctx, channel: Channel) -> str:
    parts = []
    if channel.check_every:
        parts.append(ctx.l("channel.check_every", every=ctx.duration(channel.check_every)))
    if channel.check_times:
        times = [ctx.clock(int(t[:2]) * 60 + int(t[3:])) for t in channel.check_times]
        parts.append(ctx.l("channel.check_times", times=ctx.join(times)))
    if channel.checks:
        parts.append(_check_rate_text(ctx, channel.checks))
    return "; ".join(parts)


def _count_word(ctx: Ctx, count: int) -> str:
    return ctx.labels.get(f"num.{count}") or ctx.number(count)


def _check_rate_text(ctx: Ctx, rate: CheckRate) -> str:
    """ "at least three times per working day", "two or three times per week": the rate as written."""
    per = ctx.l(f"per.{rate.per}")
    low, high = rate.at_least, rate.at_most
    if high is not None and high > low:
        key = "channel.checks_or" if high == low + 1 else "channel.checks_range"
        return ctx.l(key, low=_count_word(ctx, low), high=_count_word(ctx, high), per=per)
    times = ctx.labels.get(f"checks.times.{low}") or ctx.l("checks.times.n", count=_count_word(ctx, low))
    return ctx.l("channel.checks" if high == low else "channel.checks_at_least", times=times, per=per)


def channel(ctx: Ctx, ch: Channel) -> Page:
    s = ctx.strategy
    path = channel_page(ch)
    out = []
    if ch.purpose:
        out.append(paragraphs(ctx.raw(ch.purpose)))
    facts: list[list[str]] = [[ctx.l("channel.platform"), ctx.l(f"platform.{ch.platform}")]]
    if ch.url:
        facts.append([ctx.l("channel.url"), link(escape_md(ch.url), ch.url)])
    if ch.handle:
        facts.append([ctx.l("channel.handle"), escape_md(ch.handle)])
    if ch.audiences:
        facts.append([ctx.l("channel.audiences"), ctx.join([name_of(ctx, "audiences", a) for a in ch.audiences])])
    if ch.team:
        team = s.index("teams").get(ch.team)
        who = name_of(ctx, "teams", ch.team)
        if team is not None and not ctx.public:
            who += " — " + ctx.l("channel.team_lead", lead=ctx.person(team.lead))
            if team.email:
                who += " — " + link(escape_md(team.email), f"mailto:{team.email}")
        facts.append([ctx.l("channel.run_by"), who])
    if ch.customer_service:
        facts.append([ctx.l("channel.customer_service"), ctx.l("channel.cs_yes")])
    else:
        facts.append([ctx.l("channel.customer_service"), ctx.l("channel.cs_no")])
    if ch.promise is not None or ch.update_if_longer is not None:
        said = " ".join(x for x in (ctx.l(f"promise.{ch.effective_promise}"), update_sentence(ctx, ch)) if x)
        facts.append([ctx.l("promise.label"), said])
    if ch.redirect is not None:
        where = [ctx.t(ch.redirect.text)]
        if ch.redirect.url:
            where.append(link(escape_md(ch.redirect.url), ch.redirect.url))
        if ch.redirect.channel:
            target = channel_link(ctx, ch.redirect.channel, path)
            if target:
                where.append(ctx.l("channel.redirect_channel", channel=target))
        facts.append([ctx.l("channel.go_instead"), " ".join(w for w in where if w)])
    if ch.schedule:
        schedule = s.index("schedules")[ch.schedule]
        facts.append(
            [
                ctx.l("channel.hours"),
                f"{name_of(ctx, 'schedules', ch.schedule)}: {av.hours_summary(ctx, schedule.weekly)} "
                f"({goto(ctx, ctx.l('channel.see_availability'), 'availability.md', path)})",
            ]
        )
    by_kind = kind_sentences(ctx, ch, path)
    if by_kind:
        facts.append([ctx.l("kinds.title"), " ".join(by_kind)])
    if ch.publishing:
        publishing = s.index("schedules")[ch.publishing]
        facts.append(
            [
                ctx.l("channel.publishing"),
                f"{name_of(ctx, 'schedules', ch.publishing)}: {av.hours_summary(ctx, publishing.weekly)} "
                f"({goto(ctx, ctx.l('channel.see_availability'), 'availability.md', path)})",
            ]
        )
    elif not ctx.public:  # staff see that no publishing hours are promised; the public page says nothing
        facts.append([ctx.l("channel.publishing"), ctx.l("channel.no_publishing_hours")])
    check = _check_text(ctx, ch)
    if check:
        facts.append([ctx.l("channel.checked"), check])
    facts.append([ctx.l("channel.outreach"), ctx.l("channel.outreach_yes") if ch.outreach else ctx.l("channel.outreach_no")])
    if ch.min_posts:
        key = "channel.posting_rate_one" if ch.min_posts.count == 1 else "channel.posting_rate"
        facts.append([ctx.l("channel.posting"), ctx.l(key, count=ctx.number(ch.min_posts.count), per=ctx.l(f"per.{ch.min_posts.per}"))])
    crisis_schedule = ch.crisis_schedule or (s.crisis.schedule if s.crisis else None)
    crisis_sla = crisis_sla_of(s, ch)
    if crisis_schedule or crisis_sla:
        facts.append(
            [
                ctx.l("channel.crisis"),
                ctx.l("channel.crisis_text", schedule=name_of(ctx, "schedules", crisis_schedule), sla=name_of(ctx, "slas", crisis_sla))
                if crisis_sla
                else ctx.l("channel.crisis_no_targets", schedule=name_of(ctx, "schedules", crisis_schedule)),
            ]
        )
    made = {d for d, _ in profile_sentences(ctx, ch)}
    said = [d for d in ch.disclosures if d in made]  # a disclosure with nothing behind it is not claimed
    if said:
        facts.append([ctx.l("channel.disclosures"), ctx.join([ctx.l(f"disclosure.{d}") for d in said])])
    out += [f"## {ctx.l('channel.overview')}", table([ctx.l("col.what"), ctx.l("col.how")], facts)]
    pauses = [b for b in visible_blackouts(ctx, ch.id) if b.end.date() > ctx.as_of]
    if pauses:
        out += [f"## {ctx.l('moderation.blackouts')}", ctx.l("channel.blackouts_intro"), blackout_table(ctx, pauses, path, channels=False)]

    out.append(f"## {ctx.l('channel.targets')}")
    if ch.effective_promise != "deadline":
        out.append(ctx.l(f"promise.{ch.effective_promise}"))
    elif ch.sla:
        sla = s.index("slas")[ch.sla]
        out.append(ctx.l("channel.targets_intro", sla=name_of(ctx, "slas", sla.id), clock=sla_clock_text(ctx, sla)))
        rows = [
            [goto(ctx, ctx.t(cat.name), "responses.md", path)] + target_row(ctx, target_for(sla, cat.id), sla.clock) for cat in s.categories
        ]
        out.append(table([ctx.l("col.category"), ctx.l("col.acknowledge"), ctx.l("col.respond"), ctx.l("col.if_closed")], rows))
    else:
        out.append(ctx.l("channel.no_targets"))

    out.append(f"## {ctx.l('channel.profile')}")
    out.append(ctx.l("channel.profile_intro"))
    for lang in ctx.languages:
        other = Ctx(s, lang, ctx.audience, ctx.as_of)
        out.append(f"### {escape_md(ctx.language_name(lang))}")
        out.append(quote_block(profile_text(other, ch)))
        out += _profile_fit(ctx, other, ch)
    sources = [f"channels/{ch.id}"]
    sources += [f"schedules/{x}" for x in (ch.schedule, ch.publishing) if x] + [f"slas/{x}" for x in (ch.sla,) if x]
    sources += ["moderation"] if pauses else []
    return Page(path, escape_md(ch.name), "\n\n".join(out), tuple(sources))


def profile_overflow(strategy: Strategy, ch: Channel, *, as_of: date, context: type[Ctx] = Ctx) -> list[tuple[str, int]]:
    """(language, length) of each profile text of `ch` that is longer than its platform takes.

    `context` may be a `Ctx` that formats without Babel (render/cldr_excerpt.py): the same text, faster to start.
    """
    limit = PROFILE_LIMITS.get(ch.platform)
    if limit is None:
        return []
    texts = ((lang, profile_text(context(strategy, lang, "public", as_of), ch)) for lang in strategy.organization.languages)
    return [(lang, len(text)) for lang, text in texts if len(text) > limit]


def blackout_table(ctx: Ctx, blackouts: list[Blackout], path: str, *, channels: bool = True) -> str:
    """From, to, what stops, why (and on which channels): the blackouts as the strategy writes them."""
    headers = [ctx.l("col.from"), ctx.l("col.to"), ctx.l("col.stops"), ctx.l("col.why")]
    rows = []
    for b in blackouts:
        row = [ctx.datetime(b.start, year=True), ctx.datetime(b.end, year=True), blackout_stops(ctx, b), ctx.t(b.reason)]
        if channels:
            links = [channel_link(ctx, c, path) for c in b.channels]
            row.append(ctx.join([c for c in links if c]) if b.channels else ctx.l("moderation.all_channels"))
        rows.append(row)
    return table(headers + ([ctx.l("col.channels")] if channels else []), rows)


def short_profile(sentences: list[str], limit: int) -> str:
    """The sentences, in order, that fit in `limit` characters together (one space between them)."""
    kept: list[str] = []
    for sentence in sentences:
        candidate = " ".join([*kept, sentence])
        if len(candidate) <= limit:
            kept.append(sentence)
    return " ".join(kept)


def _profile_fit(ctx: Ctx, other: Ctx, ch: Channel) -> list[str]:
    """When the text is longer than the platform takes: say so, and offer the sentences that fit."""
    limit = PROFILE_LIMITS.get(ch.platform)
    text = profile_text(other, ch)
    if limit is None or len(text) <= limit:
        return []
    values = {"count": ctx.number(len(text)), "limit": ctx.number(limit), "platform": ctx.l(f"platform.{ch.platform}")}
    short = short_profile([" ".join(x.split()) for _, x in profile_sentences(other, ch) if x], limit)
    if not short:
        return [ctx.l("channel.profile_none_fits", **values)]
    return [ctx.l("channel.profile_too_long", **values), quote_block(short)]


def quote_block(text: str) -> str:
    """Plain text as a Markdown quote: it wraps on a phone, unlike a code block, and stays text (escaped)."""
    return "> " + escape_md(text)


def profile_text(ctx: Ctx, ch: Channel) -> str:
    """Ready-to-paste profile text in ctx's language: plain text, not Markdown (it is escaped into a quote)."""
    return " ".join(" ".join(sentence.split()) for _, sentence in profile_sentences(ctx, ch) if sentence)


# The profile sentence of a promise without a reply time, with and without the hours it is monitored.
PROMISE_SENTENCES = {
    "best-effort": ("profile.best_effort_hours", "profile.best_effort"),
    "read-only": ("profile.read_only_hours", "profile.read_only"),
    "none": ("profile.present_hours", None),
}


def _promise_sentences(ctx: Ctx, ch: Channel, wanted: set[str], schedule: Schedule | None) -> list[tuple[str, str]]:
    """The profile's reply sentence for a channel that promises no time: exactly that promise, and no time."""
    with_hours, without = PROMISE_SENTENCES[ch.effective_promise]
    out: list[tuple[str, str]] = []
    if "hours" in wanted and schedule is not None:
        out.append(("hours", ctx.l(with_hours, hours=av.hours_summary(ctx, schedule.weekly)) + "."))
        if "response-time" in wanted and without is not None:
            out.append(("response-time", ""))  # said in the same sentence as the hours
    elif "response-time" in wanted and without is not None:
        out.append(("response-time", ctx.l(without) + "."))
    if "response-time" in wanted and update_sentence(ctx, ch):
        out.append(("response-time", update_sentence(ctx, ch)))
    return out


def moderation_sentences(ctx: Ctx, ch: Channel | None = None) -> list[str]:
    """What the profile may say about moderation: only what `moderation` lists (plain text). With a
    channel, each kind is named under the action taken there (the first its platform supports)."""
    from socialkit.compile.moderation import reason_rules
    from socialkit.platforms import can

    m = ctx.strategy.moderation
    if m is None:
        return []
    kinds = lambda items: ctx.join([ctx.l(f"kind.{k}").lower() for k in items])  # noqa: E731
    out = []
    kept = [k for k in m.never_remove if k in ("criticism", "negative-review")]
    if kept:
        out.append(ctx.l("profile.moderation_keep", kinds=kinds(kept)))
    taken: dict[str, list[str]] = {"hide": [], "delete": []}
    seen: set[str] = set()
    for rule in reason_rules(m):
        fits = ch is None or not rule.channels or ch.id in rule.channels
        if rule.reason in seen or rule.reason in m.never_remove or not fits:
            continue
        seen.add(rule.reason)
        first = next((a for a in rule.actions if ch is None or can(ch.platform, a)), None)
        if first in taken:
            taken[first].append(rule.reason)
    if taken["hide"]:
        out.append(ctx.l("profile.moderation_hide", kinds=kinds(taken["hide"])))
    if taken["delete"]:
        out.append(ctx.l("profile.moderation_remove", kinds=kinds(taken["delete"])))
    return out


def profile_sentences(ctx: Ctx, ch: Channel) -> list[tuple[str, str]]:
    """(disclosure, sentence) in the order of the profile text; a disclosure with nothing behind it says nothing."""
    s = ctx.strategy
    wanted = set(ch.disclosures) or ({"hours", "response-time"} if ch.customer_service else {"redirect"})
    sentences: list[tuple[str, str]] = []
    schedule = s.index("schedules").get(ch.schedule) if ch.schedule else None
    sla = s.index("slas").get(ch.sla) if ch.sla else None
    if ch.effective_promise != "deadline" and (ch.customer_service or ch.promise is not None):
        sentences += _promise_sentences(ctx, ch, wanted, schedule)
    elif ch.customer_service and ("hours" in wanted or "response-time" in wanted):
        answer = ""
        if "hours" in wanted and schedule is not None:
            answer = ctx.l("profile.hours", hours=av.hours_summary(ctx, schedule.weekly))
        reply = sla and (target_for(sla, "question") or target_for(sla, "default"))
        within = (reply.respond or reply.acknowledge) if reply else None
        if "response-time" in wanted and within is not None:
            clause = arrival.promise_text(ctx, within, sla.clock)
            answer = f"{answer}, {clause}" if answer else ctx.l("profile.answer_within", within=clause)
        if answer:
            sentences.append(("hours" if schedule is not None and "hours" in wanted else "response-time", answer + "."))
            if "response-time" in wanted and within is not None and schedule is not None and "hours" in wanted:
                sentences.append(("response-time", ""))  # said in the same sentence as the hours
        if "response-time" in wanted and update_sentence(ctx, ch):
            sentences.append(("response-time", update_sentence(ctx, ch)))
    if (ch.customer_service or ch.promise is not None) and "hours" in wanted and schedule is not None:
        sentences.append(("hours", ctx.l("profile.holidays_closed" if schedule.holidays == "closed" else "profile.holidays_open")))
        for season in schedule.seasons:
            sentences.append(
                (
                    "hours",
                    ctx.l(
                        "profile.season",
                        season=ctx.raw(season.name) or ctx.l("profile.season_default"),
                        start=ctx.month_day(season.start),
                        end=ctx.month_day(season.end),
                        hours=av.hours_summary(ctx, season.weekly),
                    ),
                )
            )
    if ch.redirect is not None and ("redirect" in wanted or not ch.customer_service):
        text = ctx.raw(ch.redirect.text) or ""
        sentences.append(("redirect", f"{text} {ch.redirect.url}" if ch.redirect.url else text))
    if "privacy-notice" in wanted:
        sentences.append(("privacy-notice", ctx.l("profile.privacy")))
    if "moderation-policy" in wanted:
        sentences += [("moderation-policy", sentence) for sentence in moderation_sentences(ctx, ch)]
    if "public-records" in wanted and (notice := records_notice(ctx)):
        sentences.append(("public-records", notice))
    if "owner" in wanted and ch.team:
        team = s.index("teams").get(ch.team)
        sentences.append(("owner", ctx.l("profile.owner", team=ctx.raw(team.name) if team else ch.team, org=s.organization.name)))
    return sentences


# --- responses ------------------------------------------------------------------------------------------


PRINCIPLES = ("answer_all", "fast", "personal", "short", "no_disputes", "thank_fix", "never_delete", "harassment", "move_channel")
STYLES = ("personal", "thank-and-fix", "brief-factual", "acknowledge", "move-to-private", "canned")


def styles_used(s) -> list[str]:
    used = {c.reply_style for c in s.categories} | {r.reply_style for r in s.escalation if r.reply_style}
    return [st for st in STYLES if st in used]


def response_principles(s) -> list[str]:
    """The ground rules of answering that the strategy's fields make true, in PRINCIPLES order.

    answer_all: every category has a reply target; fast: there is a reply target at all; personal,
    short/no_disputes, thank_fix, move_channel: a category or rule uses that reply style;
    never_delete: moderation never removes criticism; harassment: there is a harassment category.
    """
    used = set(styles_used(s))
    answered = [any(target_for(sla, c.id) is not None for sla in s.slas) for c in s.categories]
    never_removed = s.moderation is not None and "criticism" in s.moderation.never_remove
    holds = {
        "answer_all": bool(answered) and all(answered),
        "fast": any(sla.targets for sla in s.slas),
        "personal": "personal" in used,
        "short": "brief-factual" in used,
        "no_disputes": "brief-factual" in used,
        "thank_fix": "thank-and-fix" in used,
        "never_delete": never_removed,
        "harassment": any(c.id == "harassment" for c in s.categories),
        "move_channel": "move-to-private" in used,
    }
    return [p for p in PRINCIPLES if holds[p]]


def responses(ctx: Ctx) -> Page:
    s = ctx.strategy
    path = "responses.md"
    out = [ctx.l("responses.intro")]
    principles = response_principles(s)
    if principles:
        out += [f"## {ctx.l('responses.principles')}", bullets(ctx.l(f"principle.{p}") for p in principles)]
    for cat in s.categories:
        out.append(f"## {ctx.t(cat.name)}")
        out.append(_category(ctx, cat))
    used = styles_used(s)
    if used:
        out.append(f"## {ctx.l('responses.styles')}")
        out.append(table([ctx.l("col.style"), ctx.l("col.meaning")], [[style_text(ctx, st), ctx.l(f"style_help.{st}")] for st in used]))
    return Page(path, ctx.l("title.responses"), "\n\n".join(out), ("categories", "slas"))


def _category(ctx: Ctx, cat: Category) -> str:
    facts = bullets(
        [
            *([ctx.l("responses.sentiment", sentiment=ctx.l(f"sentiment.{cat.sentiment}"))] if cat.sentiment else []),
            *(
                [ctx.l("responses.style", style=style_text(ctx, cat.reply_style), help=ctx.l(f"style_help.{cat.reply_style}"))]
                if cat.reply_style
                else []
            ),
            ctx.l("responses.written" if cat.written_reply else "responses.react"),
        ]
    )
    parts = [facts]
    if cat.guidance:
        parts.append(paragraphs(ctx.raw(cat.guidance)))
    rows = []
    for sla in ctx.strategy.slas:
        target = target_for(sla, cat.id)
        if target is not None:
            rows.append([f"{name_of(ctx, 'slas', sla.id)} ({sla_clock_text(ctx, sla)})", *target_row(ctx, target, sla.clock)])
    if rows:
        parts.append(table([ctx.l("col.sla"), ctx.l("col.acknowledge"), ctx.l("col.respond"), ctx.l("col.if_closed")], rows))
    return "\n\n".join(parts)


# --- escalation -------------------------------------------------------------------------------------------


def visible_rules(ctx: Ctx) -> list[EscalationRule]:
    channels = ctx.strategy.index("channels")
    rules = []
    for rule in ctx.strategy.escalation:
        if ctx.public and rule.when.channels and all(channels[c].internal for c in rule.when.channels if c in channels):
            continue
        rules.append(rule)
    return rules


def rule_name(ctx: Ctx, rule: EscalationRule) -> str:
    """A rule as people read it: its description in this language, else its id (escaped)."""
    described = ctx.raw(rule.description)
    return escape_md(described.strip().rstrip(".")) if described else humanise(rule.id)


def conditions(ctx: Ctx, rule: EscalationRule, current: str) -> str:
    w = rule.when
    parts = []
    if w.categories:
        parts.append(ctx.l("when.categories", what=ctx.join([name_of(ctx, "categories", c) for c in w.categories], "or")))
    if w.channels:
        links = [channel_link(ctx, c, current) for c in w.channels]
        parts.append(ctx.l("when.channels", what=ctx.join([x for x in links if x], "or")))
    if w.keywords and ctx.public:
        # Published keywords tell people how to get past the filter.
        parts.append(ctx.l("when.keywords_hidden"))
    elif w.keywords:
        parts.append(ctx.l("when.keywords", what=ctx.join([ctx.quote(k) for k in w.keywords], "or")))
    if w.author_types:
        parts.append(ctx.l("when.authors", what=ctx.join([ctx.l(f"author.{a}") for a in w.author_types], "or")))
    if w.kinds:
        parts.append(ctx.l("when.kinds", what=ctx.join([ctx.l(f"kind.one.{k}") for k in w.kinds], "or")))
    if w.min_followers is not None:
        parts.append(ctx.l("when.min_followers", count=ctx.number(w.min_followers)))
    if w.max_followers is not None:
        parts.append(ctx.l("when.max_followers", count=ctx.number(w.max_followers)))
    if w.during:
        parts.append(ctx.l("when.during", schedule=name_of(ctx, "schedules", w.during)))
    if w.outside:
        parts.append(ctx.l("when.outside", schedule=name_of(ctx, "schedules", w.outside)))
    if w.crisis is not None:
        parts.append(ctx.l("when.crisis" if w.crisis else "when.no_crisis"))
    return ctx.join(parts) if parts else ctx.l("when.always")


def _matches_all(rule: EscalationRule) -> bool:
    w = rule.when
    return not (
        w.categories
        or w.channels
        or w.keywords
        or w.author_types
        or w.kinds
        or w.min_followers is not None
        or w.max_followers is not None
        or w.during
        or w.outside
        or w.crisis is not None
    )


def _plain(markdown: str) -> str:
    """A catalogue label or escaped text as plain text for the chart (Markdown escapes and emphasis undone)."""
    import html
    import re

    return html.unescape(re.sub(r"\\(.)", r"\1", markdown.replace("*", "")))


def flowchart(ctx: Ctx, rules: list[EscalationRule]) -> str:
    """The rules as a chain of questions, drawn as inline SVG (no diagram script, no CDN)."""
    steps: list[Step] = []
    fallback: str | None = _plain(ctx.l("flow.channel_targets"))
    for number, rule in enumerate(rules, 1):
        what = _plain(ctx.l(f"priority.{rule.priority}"))
        if rule.route_to and not ctx.public:
            what += f" → {_plain(name_of(ctx, 'teams', rule.route_to))}"
        steps.append(Step(f"{number}. {_plain(rule_name(ctx, rule))}", what, always=_matches_all(rule)))
        if _matches_all(rule):
            fallback = None
            break
    yes, no = _plain(ctx.l("yes")), _plain(ctx.l("no"))
    said = [
        ctx.l("flow.step_always" if step.always else "flow.step", question=step.question, outcome=step.outcome, yes=yes, no=no)
        for step in steps
    ]
    if fallback is not None:
        said.append(ctx.l("flow.step_fallback", outcome=fallback))
    return svg_flowchart(
        title=_plain(ctx.l("escalation.flow")),
        start=_plain(ctx.l("flow.new_message")),
        steps=steps,
        fallback=fallback,
        yes=yes,
        no=no,
        description=" ".join(said),
    )


def escalation(ctx: Ctx) -> Page:
    s = ctx.strategy
    path = "escalation.md"
    rules = visible_rules(ctx)
    out = [ctx.l("escalation.intro")]
    headers = [ctx.l("col.number"), ctx.l("col.rule"), ctx.l("col.when"), ctx.l("col.priority")]
    if not ctx.public:
        headers += [ctx.l("col.route_to"), ctx.l("col.notify")]
    headers += [ctx.l("col.acknowledge"), ctx.l("col.respond"), ctx.l("col.style")]
    rows = []
    for number, rule in enumerate(rules, 1):
        row = [str(number), rule_name(ctx, rule), conditions(ctx, rule, path), ctx.l(f"priority.{rule.priority}")]
        if not ctx.public:
            row += [name_of(ctx, "teams", rule.route_to), ctx.join([ctx.person(p) for p in rule.notify])]
        limits = [ctx.duration(x) if x is not None else "" for x in (rule.acknowledge_within, rule.respond_within)]
        if rule.clock and any(limits):
            limits = [f"{x} ({clock_text(ctx, rule.clock)})" if x else x for x in limits]
        row += [*limits, style_text(ctx, rule.reply_style) if rule.reply_style else ""]
        rows.append(row)
    out.append(table(headers, rows) if rows else ctx.l("escalation.none"))
    if rules:
        out += [f"## {ctx.l('escalation.flow')}", flowchart(ctx, rules)]
    if rules and not ctx.public:  # what staff do is for staff
        out.append(f"## {ctx.l('escalation.details')}")
        for number, rule in enumerate(rules, 1):
            out.append(f"### {number}. {rule_name(ctx, rule)}")
            if rule.description:
                out.append(paragraphs(ctx.raw(rule.description)))
            if rule.actions:
                out.append("\n".join(f"{i}. {ctx.t(a)}" for i, a in enumerate(rule.actions, 1)))
    if s.crisis is not None:
        c = s.crisis
        out.append(f"## {ctx.l('escalation.crisis')}")
        if c.description:
            out.append(paragraphs(ctx.raw(c.description)))
        items = [
            ctx.l("crisis.schedule", schedule=name_of(ctx, "schedules", c.schedule)),
            ctx.l("crisis.sla", sla=name_of(ctx, "slas", c.sla)),
        ]
        if c.declared_by and not ctx.public:
            items.append(ctx.l("crisis.declared_by", people=ctx.join([ctx.person(p) for p in c.declared_by])))
        out.append(bullets(items))
    return Page(path, ctx.l("title.escalation"), "\n\n".join(out), ("escalation", "crisis") if s.crisis is not None else ("escalation",))


def cards(ctx: Ctx) -> Page:
    """One card per rule for staff, each printed on its own sheet: when, who to call (with numbers), what to do."""
    path = "cards.md"
    out = [ctx.l("cards.intro")]
    teams = ctx.strategy.index("teams")
    for number, rule in enumerate(visible_rules(ctx), 1):
        if number > 1:
            out.append('<div class="socialkit-card-break"></div>')
        out.append(f"## {number}. {rule_name(ctx, rule)}")
        facts = [
            ctx.l("cards.when", when=conditions(ctx, rule, path)),
            ctx.l("cards.priority", priority=ctx.l(f"priority.{rule.priority}")),
        ]
        limits = [
            (key, value) for key, value in (("cards.acknowledge", rule.acknowledge_within), ("cards.respond", rule.respond_within)) if value
        ]
        clock = f" ({clock_text(ctx, rule.clock)})" if rule.clock else ""
        facts += [ctx.l(key, duration=ctx.duration(value)) + clock for key, value in limits]
        out.append(bullets(facts))
        calls = []
        team = teams.get(rule.route_to) if rule.route_to else None
        if team is not None:
            who = ctx.l("cards.team", team=name_of(ctx, "teams", team.id))
            if team.email:
                who += f" — {link(escape_md(team.email), f'mailto:{team.email}')}"
            calls.append(who)
            calls.append(_contact_line(ctx, team.lead))
        calls += [_contact_line(ctx, person) for person in rule.notify if not (team is not None and person == team.lead)]
        if calls:
            out += [f"### {ctx.l('cards.call')}", bullets(c for c in calls if c)]
        if rule.actions:
            out += [f"### {ctx.l('cards.do')}", "\n".join(f"{i}. {ctx.t(a)}" for i, a in enumerate(rule.actions, 1))]
    if len(out) == 1:
        out.append(ctx.l("escalation.none"))
    return Page(path, ctx.l("title.cards"), "\n\n".join(out), ("escalation", "teams", "people"))


def _contact_line(ctx: Ctx, person_id: str | None) -> str:
    person = ctx.people.get(person_id) if person_id else None
    if person is None:
        return ""
    parts = [ctx.person(person_id)]
    if person.phone:
        parts.append(f"**{escape_md(person.phone)}**")  # links are http(s)/mailto only; a number is read, not clicked
    if person.email:
        parts.append(link(escape_md(person.email), f"mailto:{person.email}"))
    return " — ".join(parts)


# --- availability ---------------------------------------------------------------------------------------------


def visible_schedules(ctx: Ctx) -> list[Schedule]:
    if not ctx.public:
        return list(ctx.strategy.schedules)
    used = set()
    for ch in visible_channels(ctx):
        used.update(x for x in (ch.schedule, ch.crisis_schedule, ch.publishing) if x)
    if ctx.strategy.crisis is not None:
        used.add(ctx.strategy.crisis.schedule)
    return [sc for sc in ctx.strategy.schedules if sc.id in used]


def availability(ctx: Ctx) -> Page:
    from datetime import datetime, time, timedelta

    path = "availability.md"
    schedules = visible_schedules(ctx)
    publishes = any(ch.publishing for ch in visible_channels(ctx))
    out = [ctx.l("avail.intro_publishing" if publishes else "avail.intro")]
    for sc in schedules:
        out.append(f"## {name_of(ctx, 'schedules', sc.id)}")
        users = [channel_link(ctx, ch.id, path) for ch in visible_channels(ctx) if sc.id in (ch.schedule, ch.crisis_schedule)]
        facts = [
            ctx.l("avail.timezone", zone=escape_md(sc.timezone or ctx.strategy.organization.timezone)),
            ctx.l("avail.holidays_closed" if sc.holidays == "closed" else "avail.holidays_open"),
        ]
        if users:
            facts.append(ctx.l("avail.used_by", channels=ctx.join(users)))
        publishers = [channel_link(ctx, ch.id, path) for ch in visible_channels(ctx) if ch.publishing == sc.id]
        if publishers:
            facts.append(ctx.l("avail.publishing_by", channels=ctx.join(publishers)))
        out.append(bullets(facts))
        out.append(av.week_table(ctx, sc.weekly))
        for season in sc.seasons:
            out.append(f"### {ctx.t(season.name, humanise(season.id))} ({ctx.month_day(season.start)} – {ctx.month_day(season.end)})")
            out.append(av.week_table(ctx, season.weekly))
    end = ctx.as_of + timedelta(days=av.HORIZON_DAYS - 1)
    out.append(f"## {ctx.l('avail.upcoming', start=ctx.long_date(ctx.as_of), end=ctx.long_date(end))}")
    out.append(ctx.l("avail.upcoming_intro", days=ctx.number(av.HORIZON_DAYS)))
    for sc in schedules:
        out.append(f"### {name_of(ctx, 'schedules', sc.id)}")
        out.append(av.upcoming(ctx, sc, ctx.as_of))
    first, after = datetime.combine(ctx.as_of, time()), datetime.combine(end + timedelta(days=1), time())
    pauses = [b for b in visible_blackouts(ctx) if b.start < after and b.end > first]
    if pauses:
        out.append(f"## {ctx.l('avail.blackouts', start=ctx.long_date(ctx.as_of), end=ctx.long_date(end))}")
        out += [ctx.l("avail.blackouts_intro", days=ctx.number(av.HORIZON_DAYS)), blackout_table(ctx, pauses, path)]
    sources = ("organization", "schedules") + (("moderation",) if pauses else ())
    return Page(path, ctx.l("title.availability"), "\n\n".join(out), sources)


# --- team and rota (internal only) -------------------------------------------------------------------------------


def team_page(ctx: Ctx) -> Page:
    path = "team.md"
    out = [ctx.l("team.intro")]
    for team in ctx.strategy.teams:
        out.append(f"## {name_of(ctx, 'teams', team.id)}")
        facts = [ctx.l("team.lead", lead=ctx.person(team.lead))]
        if team.email:
            facts.append(ctx.l("team.email", email=link(escape_md(team.email), f"mailto:{team.email}")))
        runs = [channel_link(ctx, ch.id, path) for ch in ctx.strategy.channels if ch.team == team.id]
        if runs:
            facts.append(ctx.l("team.channels", channels=ctx.join(runs)))
        out.append(bullets(facts))
        rows = []
        for pid in team.members:
            p = ctx.people.get(pid)
            if p is None:
                continue
            rows.append(
                [
                    escape_md(p.name),
                    ctx.t(p.role),
                    link(escape_md(p.email), f"mailto:{p.email}") if p.email else "",
                    escape_md(p.phone) if p.phone else "",
                    ctx.join([ctx.language_name(x) for x in p.languages]),
                ]
            )
        out.append(table([ctx.l("col.name"), ctx.l("col.role"), ctx.l("col.email"), ctx.l("col.phone"), ctx.l("col.languages")], rows))
        if team.rota is not None:
            out.append(_rota(ctx, team))
    return Page(path, ctx.l("title.team"), "\n\n".join(out), ("people", "teams", "schedules"))


def _rota(ctx: Ctx, team: Team) -> str:
    from datetime import timedelta

    rota = team.rota
    out = [f"### {ctx.l('team.rota')}"]
    layers = []
    for layer in rota.layers:
        if layer.dated:
            text = ctx.l("team.layer_turns", layer=humanise(layer.id))
        else:
            text = ctx.l(
                "team.layer",
                layer=humanise(layer.id),
                every=ctx.duration(layer.every or 0),
                order=ctx.join([ctx.person(p) for p in layer.order]),
                start=ctx.datetime(layer.first_start, year=True),
            )
        if layer.only_during:
            text += " " + ctx.l("team.layer_during", schedule=name_of(ctx, "schedules", layer.only_during))
        if layer.dated:
            text += "\n" + "\n".join("    - " + turn for turn in _turn_texts(ctx, layer))
        layers.append(text)
    out.append(bullets(layers))
    for index, (monday, spans) in enumerate(av.rota_weeks(ctx, team)):
        sunday = monday + timedelta(days=6)
        if index == 0:  # a built page cannot know today: say which day it was worked out for
            out.append(ctx.l("team.as_of", as_of=ctx.long_date(ctx.as_of)))
        out.append(
            f"#### {ctx.l('team.week', week=str(monday.isocalendar().week), start=ctx.long_date(monday), end=ctx.long_date(sunday))}"
        )
        rows = [[ctx.datetime(a), ctx.datetime(b), ctx.join([ctx.person(p) for p in persons])] for a, b, persons in spans]
        out.append(table([ctx.l("col.from"), ctx.l("col.to"), ctx.l("col.on_duty")], rows) if rows else ctx.l("team.nobody"))
    if rota.overrides:
        out.append(f"#### {ctx.l('team.overrides')}")
        out.append(
            bullets(
                ctx.l(
                    "team.override", person=ctx.person(o.person), start=ctx.datetime(o.start, year=True), end=ctx.datetime(o.end, year=True)
                )
                + (" " + ctx.l("team.override_replaces", person=ctx.person(o.replaces)) if o.replaces else "")
                + (f" — {ctx.t(o.reason)}" if o.reason else "")
                for o in rota.overrides
            )
        )
    return "\n\n".join(out)


def _turn_texts(ctx: Ctx, layer: RotaLayer) -> list[str]:
    """Each dated turn with the end it has (its own, or the next turn's start), in date order."""
    from socialkit.engine.rota import turn_ends
    from socialkit.engine.spec import RotaTurn

    out = []
    for turn, end in turn_ends(tuple(RotaTurn(t.person, t.start, t.end) for t in layer.turns)):
        person = ctx.person(turn.person) if turn.person else ctx.l("team.turn_unnamed")
        start = ctx.datetime(turn.start, year=True)
        if end is None:
            out.append(ctx.l("team.turn_open", person=person, start=start))
        else:
            out.append(ctx.l("team.turn", person=person, start=start, end=ctx.datetime(end, year=True)))
    return out


# --- moderation -------------------------------------------------------------------------------------------------


def moderation_principles(m) -> list[str]:
    """The ground rules the moderation fields make true, and only those."""
    from socialkit.compile.moderation import reason_rules

    rules = [r for r in reason_rules(m) if r.reason not in m.never_remove]
    out = []
    if any(k in m.never_remove for k in ("criticism", "negative-review")):
        out.append("keep_criticism")
    if any("hide" in r.actions for r in rules):
        out.append("answer")
    if any(set(r.actions) & {"hide", "delete"} for r in rules):
        out.append("hide_rules")
    if m.records is not None and m.records.required:
        out.append("record")
    return out


def moderation(ctx: Ctx) -> Page:
    path = "moderation.md"
    m = ctx.strategy.moderation
    out = [ctx.l("moderation.intro")]
    if m is not None and moderation_principles(m):
        out.append(bullets(ctx.l(f"moderation.principle.{p}") for p in moderation_principles(m)))
    if m is None:
        out.append(ctx.l("moderation.none"))
        return Page(path, ctx.l("title.moderation"), "\n\n".join(out), ("moderation",))
    from socialkit.render import moderation as mod

    out += [f"## {ctx.l('moderation.rules')}", mod.rules_table(ctx) or ctx.l("moderation.no_rules")]
    if not ctx.public:
        procedure = mod.procedure_table(ctx)
        if procedure:
            out += [f"## {ctx.l('moderation.procedure')}", ctx.l("moderation.procedure_intro"), procedure]
        ladder = mod.ladder_text(ctx)
        if ladder:
            out += [f"## {ctx.l('moderation.ladder')}", *ladder]
        platforms = mod.platforms_table(ctx)
        if platforms:
            out += [f"## {ctx.l('moderation.platforms')}", ctx.l("moderation.platforms_intro"), platforms]
    out += records_sections(ctx, channel_link)
    if m.languages:
        out.append(f"## {ctx.l('moderation.languages')}")
        out.append(ctx.join([ctx.language_name(x) for x in m.languages]))
    if visible_blackouts(ctx):
        out.append(f"## {ctx.l('moderation.blackouts')}")
        out.append(blackout_table(ctx, visible_blackouts(ctx), path))
    if m.guidance:
        out += [f"## {ctx.l('moderation.guidance')}", paragraphs(ctx.raw(m.guidance))]
    return Page(path, ctx.l("title.moderation"), "\n\n".join(out), ("moderation",))


# --- reference -----------------------------------------------------------------------------------------------------


def download_label(ctx: Ctx, path: str) -> str:
    name = posixpath.basename(path)
    if name.endswith(".schema.json"):
        key = "download.schema"
    elif name.endswith(".ics"):
        key = "download.ics"
    elif name.endswith((".tar.gz", ".tgz")) or "/opa/" in f"/{path}" or name.endswith(".rego"):
        key = "download.opa"
    elif name.endswith(".json"):
        key = "download.policy"
    else:
        key = "download.other"
    return ctx.l(key)


def reference(ctx: Ctx) -> Page:
    path = "reference.md"
    out = [f"## {ctx.l('reference.codes')}", ctx.l("reference.codes_intro")]
    out.append(
        table(
            [ctx.l("col.code"), ctx.l("col.name"), ctx.l("col.severity"), ctx.l("col.meaning")],
            [[f"`{c.code}`", f"`{c.name}`", ctx.l(f"severity.{c.severity.value}"), escape_md(c.summary)] for c in CODES],
        )
    )
    out.append(f"## {ctx.l('reference.downloads')}")
    if ctx.downloads:
        out.append(ctx.l("reference.downloads_intro"))
        out.append(bullets(f"[{escape_md(d)}]({relative(d, here(ctx, path))}) — {download_label(ctx, d)}" for d in ctx.downloads))
    else:
        out.append(ctx.l("reference.no_downloads"))
    return Page(path, ctx.l("title.reference"), "\n\n".join(out), ())
