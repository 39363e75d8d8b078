"""Message kinds in the playbook: one sentence per kind the strategy names, saying exactly its promise."""

from __future__ import annotations

import copy

from conftest import AS_OF
from socialkit.render import render_playbook
from socialkit.render.context import Ctx
from socialkit.render.kinds import kind_sentences
from socialkit.strategy.model import Strategy


def with_kinds(example, channel: str, kinds: dict, **channel_fields) -> Strategy:
    data = copy.deepcopy(example.source.data)
    entry = next(c for c in data["channels"] if c["id"] == channel)
    entry["kinds"] = kinds
    entry.update(channel_fields)
    return Strategy.model_validate(data)


def sentences(strategy: Strategy, channel: str, lang: str = "en") -> list[str]:
    ctx = Ctx(strategy, lang, "public", AS_OF)
    return kind_sentences(ctx, strategy.index("channels")[channel], "contact.md")


def test_the_example_states_each_kind_it_names_in_both_languages(example):
    pages = render_playbook(example.strategy, as_of=AS_OF, audience="public")
    assert "- Reviews: answered, with no promised reply time." in pages["en/contact.md"]
    assert "- Recensioner: besvaras, utan utlovad svarstid." in pages["sv/contact.md"]
    assert "Mentions that do not tag us: read, not answered." in pages["en/channels/x.md"]
    assert "Omnämnanden där vi inte är taggade: läses men besvaras inte." in pages["sv/channels/x.md"]
    assert "Direct messages: no reply is promised. Go here instead: We do not take cases" in pages["en/contact.md"]
    assert "Comments:" not in pages["en/contact.md"]  # a kind the strategy does not name gets no sentence


def test_each_promise_says_exactly_that(example):
    strategy = with_kinds(
        example,
        "facebook",
        {
            "comment": {"promise": "deadline"},
            "direct-message": {"sla": "careers"},
            "tagged-mention": {"redirect": {"text": "Write to us instead.", "channel": "instagram"}},
            "untagged-mention": {"promise": "none"},
        },
    )
    assert sentences(strategy, "facebook") == [
        "Comments: answered within the channel's reply targets.",
        "Direct messages: answered within the reply targets of Careers.",
        "Mentions that tag us: Go here instead: Write to us instead. Our channel for that: [Instagram](channels/instagram.md).",
        "Mentions that do not tag us: no reply is promised.",
    ]


def test_a_deadline_no_sla_gives_publishes_no_promise(example):
    """Fidelity: with neither the kind's nor the channel's SLA (SK317), nothing says 'answered within'."""
    strategy = with_kinds(example, "tiktok", {"direct-message": {"promise": "deadline"}})
    assert sentences(strategy, "tiktok") == ["Direct messages:"]
    assert sentences(strategy, "tiktok", "sv") == ["Direktmeddelanden:"]


def test_user_text_in_a_kind_redirect_is_escaped(example):
    strategy = with_kinds(example, "facebook", {"direct-message": {"promise": "none", "redirect": {"text": "Call *us* <b>now</b>"}}})
    [sentence] = sentences(strategy, "facebook")
    assert "*us*" not in sentence and "<b>" not in sentence


def test_escalation_conditions_on_kinds_are_stated(example):
    data = copy.deepcopy(example.source.data)
    data["escalation"].insert(0, {"id": "dm", "when": {"kinds": ["direct-message", "review"]}, "priority": "high"})
    pages = render_playbook(Strategy.model_validate(data), as_of=AS_OF, audience="internal")
    assert "when it is a direct message or a review" in pages["en/escalation.md"]
    assert "när det är ett direktmeddelande eller en recension" in pages["sv/escalation.md"]
