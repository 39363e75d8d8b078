"""For citizens and for staff: the contact page, the escalation cards, the rota's date and goal progress."""

from __future__ import annotations

import re

from conftest import AS_OF
from socialkit.render import render_playbook


def test_contact_page_is_the_public_home_pages_first_link(strategy):
    pages = render_playbook(strategy, as_of=AS_OF, audience="public")
    for lang, title in (("sv", "Kontakta oss: öppettider och svarstider"), ("en", "Contact us: hours and reply times")):
        home = pages[f"{lang}/index.md"]
        body = home.split(f"\n# {strategy.organization.name}\n", 1)[1]  # after the language bar and the title
        first = re.search(r"\[([^\]]+)\]\(([^)]+)\)", body)
        assert first.groups() == (title, "contact.md"), lang
        assert f"# {title}" in pages[f"{lang}/contact.md"]


def test_contact_page_says_when_how_fast_and_where_instead(strategy):
    en = render_playbook(strategy, as_of=AS_OF, audience="public")["en/contact.md"]
    facebook = en.split("## [Facebook]", 1)[1].split("\n## ", 1)[0]
    assert "- We answer Monday–Thursday 08:00–17:00 and Friday 08:00–16:00." in facebook
    assert "- Closed on public holidays." in facebook
    assert "- We aim to answer within 8 hours of our opening hours." in facebook
    linkedin = en.split("## [LinkedIn]", 1)[1].split("\n## ", 1)[0]
    assert "- We do not answer questions here." in linkedin and "Our channel for that: [Facebook](channels/facebook.md)." in linkedin
    assert "We aim" not in linkedin and "We answer" not in linkedin  # no promise the strategy does not make


def test_escalation_cards_are_internal_one_per_rule_with_numbers(strategy):
    internal = render_playbook(strategy, as_of=AS_OF)
    cards = internal["en/cards.md"]
    assert len(re.findall(r"^## \d+\. ", cards, re.M)) == len(strategy.escalation)
    assert cards.count('<div class="socialkit-card-break"></div>') == len(strategy.escalation) - 1  # one printed sheet each
    assert "## 1. Threats against staff or facilities" in cards and "## 4. Press question" in cards
    assert "Lena Berg (Security officer) — **\\+46 70 345 67 89**" in cards
    assert "1. Take a screenshot and save the link" in cards
    assert "Answer within 30 minutes (counted around the clock)" in cards
    assert "sv/cards.md" in internal
    public = render_playbook(strategy, as_of=AS_OF, audience="public")
    assert not any(path.endswith("cards.md") for path in public)


def test_rota_says_which_day_it_was_worked_out_for(strategy):
    sv = render_playbook(strategy, as_of=AS_OF)["sv/team.md"]
    assert "*Uträknat för 14 december 2026, när sidan byggdes." in sv
    assert "Vecka 51 (14 december 2026 – 20 december 2026)" in sv


def test_goal_progress_on_the_internal_home_page_only(strategy):
    internal = render_playbook(strategy, as_of=AS_OF)["en/index.md"]
    assert "| Where it stands |" in internal and "| 168 days left |" in internal  # May 31, 2027 from December 14, 2026
    late = render_playbook(strategy, as_of=AS_OF.replace(year=2027, month=6, day=10))["sv/index.md"]
    assert "passerad för 10 dagar sedan" in late
    public = render_playbook(strategy, as_of=AS_OF, audience="public")["en/index.md"]
    assert "Time left" not in public and "days left" not in public
