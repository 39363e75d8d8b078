"""The moderation page and profile texts state exactly what the moderation rules say: the public page
what is done with what and that criticism stays; the internal page also the steps, approvers by name,
the ladder and the platform table."""

from __future__ import annotations

from conftest import AS_OF
from socialkit.render import render_playbook


def test_public_page_says_what_is_done_and_nothing_staff_only(strategy):
    page = render_playbook(strategy, as_of=AS_OF, audience="public")["en/moderation.md"]
    assert "| Spam | Hidden; where the platform does not allow it: deleted | All channels |" in page
    assert "| Threats | Hidden; where the platform does not allow it: deleted; also reported to the police | All channels |" in page
    assert "| Criticism | Never removed | All channels |" in page
    for staff_only in ("Before acting", "Anna Lind", "Repeat offenders", "What each platform allows"):
        assert staff_only not in page


def test_internal_page_has_steps_approvers_ladder_and_platforms(strategy):
    pages = render_playbook(strategy, as_of=AS_OF, audience="internal")
    page, sv = pages["en/moderation.md"], pages["sv/moderation.md"]
    assert (
        "| Spam | Deleted | take a screenshot, save the link, and record it in the moderation log | "
        "Anna Lind (Head of communications) or Erik Holm (Customer service coordinator) |"
    ) in page
    assert "Violations (advertising, hate speech, off-topic posts, and spam) by the same author are counted over 26 weeks." in page
    assert "| Violation 2 | Author blocked for 30 days |" in page
    assert "| LinkedIn | No | Yes | No | Yes |" in page
    assert "## Upprepade regelbrott" in sv and "| Regelbrott 2 | Avsändaren blockeras i 30 dygn |" in sv


def test_each_profile_names_the_action_its_platform_takes(strategy):
    pages = render_playbook(strategy, as_of=AS_OF, audience="public")
    facebook, linkedin = pages["en/channels/facebook.md"], pages["en/channels/linkedin.md"]
    assert "We hide spam, advertising, off-topic posts, impersonation, hate speech, illegal content, and threats." in facebook
    assert "We remove phishing and personal data." in facebook
    if "moderation" in linkedin.lower() or "We remove" in linkedin:  # only where the channel discloses its moderation policy
        assert "We hide" not in linkedin
