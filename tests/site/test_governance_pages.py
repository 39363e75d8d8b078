"""The records sections, the public-records notice and the accounts page say what the strategy says, and the
public playbook never names the people who own or administer an account."""

from __future__ import annotations

from test_truthful import facebook, pages, variant


def test_public_playbook_names_nobody_from_governance(example):
    public = pages(example.strategy, "public")
    assert not any(path.endswith("accounts.md") for path in public)
    everything = "\n".join(public.values())
    for person in example.strategy.people:
        assert person.name not in everything


def test_internal_accounts_page_states_the_rules(example):
    page = pages(example.strategy)["en/accounts.md"]
    assert "Every account has at least 2 administrators." in page
    assert "An account with no posts for 3 months is reviewed." in page
    assert "Evaluation period: November 1 – October 31." in page
    assert "| [LinkedIn](channels/linkedin.md) | Johan Ek (HR specialist) |" in page
    sv = pages(example.strategy)["sv/accounts.md"]
    assert "Ett konto utan inlägg på 3 månader ses över." in sv


def test_records_are_worded_in_their_natural_unit(example):
    moderation = pages(example.strategy)["sv/moderation.md"]
    assert "| Direktmeddelanden | ja | Ärendesystemet, som ett kundärende | 2 år, förs sedan till arkivet | — |" in moderation
    assert "Vi sparar varje kanal i sin helhet var 6 månader. Format: PDF/A." in moderation
    weeks = variant(example, lambda d: d["moderation"]["records"].update(keep_for="104w"))
    assert "Sparas i 2 år" in pages(weeks)["sv/moderation.md"]


def test_no_notice_no_sentence_and_no_disclosure_claimed(example):
    assert "may become an official document" in facebook(example.strategy)
    bare = variant(example, lambda d: d["moderation"]["records"].pop("notice"))
    assert "official document" not in facebook(bare)
    assert "public-records notice" not in pages(bare)["en/channels/facebook.md"]
    assert "## Public-records notice" not in pages(bare)["en/moderation.md"]


def test_a_duty_says_only_what_it_states(example):
    def only_comment(d):
        d["moderation"]["records"]["content"] = [{"content": "comment", "keep_for": "6mo"}]

    page = pages(variant(example, only_comment))["en/moderation.md"]
    assert "| Comments | — | — | 6 months | — |" in page
    assert "disposed" not in page.split("## Public records")[1].split("##")[0]
