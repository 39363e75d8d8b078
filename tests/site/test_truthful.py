"""Truthful: every generated sentence comes from named strategy fields, and only when they say it."""

from __future__ import annotations

import copy
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF
from socialkit.render import render_playbook
from socialkit.render.context import Ctx
from socialkit.render.pages import moderation_sentences, profile_text
from socialkit.strategy.model import Strategy

KINDS = ["criticism", "negative-review", "spam", "advertising", "off-topic", "illegal-content", "personal-data", "threat", "phishing"]


def variant(example, change) -> Strategy:
    """The example strategy with `change(data)` applied to a copy of its plain data."""
    data = copy.deepcopy(example.source.data)
    change(data)
    return Strategy.model_validate(data)


def facebook(strategy: Strategy, lang: str = "en") -> str:
    return profile_text(Ctx(strategy, lang, "public", AS_OF), strategy.index("channels")["facebook"])


def pages(strategy: Strategy, audience: str = "internal") -> dict[str, str]:
    return render_playbook(strategy, as_of=AS_OF, audience=audience)


def test_the_example_makes_every_claim_checked_below(example):
    """The claims exist when the fields are there, so their absence below means something."""
    text, all_pages = facebook(example.strategy), pages(example.strategy)
    assert "We leave criticism and negative reviews up and answer them." in text
    assert "We hide spam" in text and "We remove phishing" in text
    assert "Criticism and negative reviews stay visible" in all_pages["en/moderation.md"]
    assert "Write down every removal" in all_pages["en/moderation.md"]
    assert "Stay silent to nobody" in all_pages["en/responses.md"]
    assert (
        "| The profile states | opening hours, reply time, a privacy note, the moderation policy, and the public-records notice |"
        in all_pages["en/channels/facebook.md"]
    )
    assert "from crisis, escalation;" in all_pages["en/escalation.md"]


def test_no_moderation_section_no_moderation_claims(example):
    bare = variant(example, lambda d: d.pop("moderation"))
    text, all_pages = facebook(bare), pages(bare)
    assert not re.search(r"We (leave|hide|remove)", text)
    assert "the moderation policy" not in all_pages["en/channels/facebook.md"]  # the disclosure is not claimed
    moderation = all_pages["en/moderation.md"]
    assert "stay visible" not in moderation and "Write down every removal" not in moderation and "Hiding is never" not in moderation
    assert "Never delete or hide criticism" not in all_pages["en/responses.md"]


def test_records_not_required_says_so_and_nothing_else(example):
    optional = variant(example, lambda d: d["moderation"]["records"].update(required=False))
    moderation = pages(optional)["en/moderation.md"]
    assert "Write down every removal" not in moderation
    assert "required" in moderation.lower()  # the records section says what the strategy says


def test_criticism_may_be_removed_then_nobody_promises_it_stays(example):
    strict = variant(example, lambda d: d["moderation"].update(never_remove=[]))
    assert "criticism" not in facebook(strict).lower().split("we hide")[0]
    assert "stay visible" not in pages(strict)["en/moderation.md"]
    assert "Never delete or hide criticism" not in pages(strict)["en/responses.md"]


def test_no_crisis_section_is_not_named_as_a_source(example):
    calm = variant(example, lambda d: d.pop("crisis", None))
    escalation = pages(calm)["en/escalation.md"]
    assert "crisis" not in escalation.splitlines()[0] and "`crisis`" not in escalation


def test_a_channel_without_hours_does_not_claim_its_profile_states_them(example):
    def drop_schedule(data):
        channel = next(c for c in data["channels"] if c["id"] == "facebook")
        channel.pop("schedule")

    unscheduled = variant(example, drop_schedule)
    page = pages(unscheduled)["en/channels/facebook.md"]
    states = next(line for line in page.splitlines() if line.startswith("| The profile states"))
    assert "opening hours" not in states
    assert "We answer here Monday" not in facebook(unscheduled)


def test_not_every_category_answered_no_promise_to_answer_everything(example):
    def unanswered(data):
        data["categories"].append(
            {"id": "spam-ish", "name": {"sv": "Skräp", "en": "Junk"}, "sentiment": "neutral", "reply_style": "acknowledge"}
        )
        for sla in data["slas"]:
            sla["targets"].pop("default", None)

    partial = variant(example, unanswered)
    assert "Stay silent to nobody" not in pages(partial)["en/responses.md"]


def test_styles_table_lists_only_styles_in_use(example):
    responses = pages(example.strategy)["en/responses.md"]
    assert "| Prepared text |" not in responses and "| Thank and fix |" in responses


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    never_remove=st.lists(st.sampled_from(KINDS), unique=True, max_size=3),
    hide=st.lists(st.sampled_from(KINDS), unique=True, max_size=3),
    remove=st.lists(st.sampled_from(KINDS), unique=True, max_size=3),
)
def test_moderation_sentences_say_exactly_the_listed_kinds(example, never_remove, hide, remove):
    """Reference: each non-empty list gives one sentence naming its kinds; an empty one gives none (no dangling 'We hide .').
    A kind is named once, under the first list that holds it: never removed, else hidden, else removed."""
    strategy = variant(example, lambda d: d["moderation"].update(never_remove=never_remove, hide=hide, remove=remove, reasons=[]))
    hide = [k for k in hide if k not in never_remove]
    remove = [k for k in remove if k not in never_remove and k not in hide]
    ctx = Ctx(strategy, "en", "public", AS_OF)
    said = moderation_sentences(ctx)
    name = lambda kind: ctx.l(f"kind.{kind}").lower()  # noqa: E731
    kept = [k for k in never_remove if k in ("criticism", "negative-review")]
    expected = [bool(kept), bool(hide), bool(remove)]
    starts = ["We leave ", "We hide ", "We remove "]
    assert [any(s.startswith(start) for s in said) for start in starts] == expected
    for start, kinds in zip(starts, (kept, hide, remove)):
        sentence = next((s for s in said if s.startswith(start)), "")
        for kind in KINDS:
            assert (name(kind) in sentence) == (kind in kinds), (start, kind, sentence)
    assert all(not re.search(r"\b(hide|remove|leave)\s*[.,]", s) for s in said)
    text = facebook(strategy)
    assert all(s in text for s in said)


def test_a_profile_text_over_the_platform_limit_comes_with_a_short_version(example):
    page = pages(example.strategy)["en/channels/instagram.md"]
    assert "The text above has 189 characters; Instagram takes at most 150. A shorter version that fits:" in page
    short = page.split("has 189 characters; Instagram takes at most 150. A shorter version that fits:\n\n> ", 1)[1].split("\n", 1)[0]
    assert len(short) <= 150 and short.startswith("We answer here Monday")
    assert "takes at most" not in pages(example.strategy)["en/channels/facebook.md"]  # no limit we know of


@given(st.lists(st.text(alphabet="abc.", min_size=1, max_size=40), max_size=8), st.integers(min_value=0, max_value=120))
def test_short_profile_keeps_sentences_in_order_within_the_limit(sentences, limit):
    from socialkit.render.pages import short_profile

    short = short_profile(sentences, limit)
    assert len(short) <= limit
    kept = iter(sentences)  # an in-order selection of whole sentences
    assert short == "" or all(any(part == s for s in kept) for part in _split_like(short, sentences))
    if sentences and len(sentences[0]) <= limit:
        assert short.startswith(sentences[0])  # what comes first (the hours) is never dropped when it fits


def _split_like(short: str, sentences: list[str]) -> list[str]:
    """`short` cut back into the sentences it was joined from (greedy, in order)."""
    parts, rest = [], short
    for sentence in sentences:
        if rest == sentence or rest.startswith(sentence + " "):
            parts.append(sentence)
            rest = rest[len(sentence) + 1 :]
    assert rest == "", (short, sentences)
    return parts


def test_publishing_hours_and_blackouts_say_what_the_strategy_says(example):
    internal, public = pages(example.strategy), pages(example.strategy, "public")
    assert "| Publishing hours | Publishing hours: every day 07:00–22:00" in public["en/channels/facebook.md"]
    assert "| Publiceringstider | Publiceringstider: alla dagar 07:00–22:00" in public["sv/channels/facebook.md"]
    # no publishing hours: staff read that nothing is promised, the public page says nothing
    assert "None set: the policy makes no promise about when we publish here." in internal["en/channels/x.md"]
    assert "Publishing hours" not in public["en/channels/x.md"]
    # the internal blackout (price announcement) is for staff only
    for lang, word in (("en", "electricity prices"), ("sv", "elpriser")):
        assert word in internal[f"{lang}/moderation.md"] and word in internal[f"{lang}/channels/x.md"]
        assert not [path for path, page in public.items() if word in page]
    assert "no publishing and comments off" in public["en/channels/facebook.md"]
    assert "ingen publicering och kommentarerna avstängda" in public["sv/channels/facebook.md"]


def test_a_blackout_that_stops_only_comments_does_not_say_publishing_stops(example):
    def comments_only(data):
        data["moderation"]["blackouts"] = [{"start": "2026-12-24 00:00", "end": "2026-12-27 00:00", "reason": "Jul", "stops": ["comments"]}]

    page = pages(variant(example, comments_only))["en/channels/facebook.md"]
    assert "| comments off | Jul |" in page and "no publishing" not in page


def test_no_publishing_hours_anywhere_no_publishing_claims(example):
    def drop(data):
        for channel in data["channels"]:
            channel.pop("publishing", None)
        data["moderation"].pop("blackouts")

    bare = pages(variant(example, drop), "public")
    words = ("Publishing hours", "Publishing pauses", "Publiceringstider", "Publiceringsstopp")
    assert not [path for path, page in bare.items() if any(word in page for word in words)]
