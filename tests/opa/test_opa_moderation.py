"""The Rego's moderation decision (data.socialkit.moderate) equals Policy.moderate's, and it errs exactly
where Policy.moderate raises: random moderation questions (channel x reason x prior violations) on the
example policy and on a variant with what the example does not use."""

from __future__ import annotations

import copy
import random
from typing import Any, get_args

import pytest

from socialkit.export import ExportRequest
from socialkit.export.opa import export_files
from socialkit.runtime.policy import Policy, PolicyError
from socialkit.strategy.model import ContentKind

from .conftest import AS_OF, NS, Rego, sample_size

REASONS = [*get_args(ContentKind), "no-such-reason"]
QUESTIONS = sample_size(600)


def expected(policy: Policy, question: dict[str, Any]) -> dict[str, Any] | None:
    """Policy.moderate's answer as the Rego gives it (a block's duration in ns), or None when it raises."""
    try:
        decision = policy.moderate(question["channel"], question["reason"], question.get("prior_violations", 0))
    except PolicyError:
        return None
    answer = decision.to_json()
    if answer["ladder"] is not None and answer["ladder"]["duration"] is not None:
        answer["ladder"]["duration"] *= NS
    return answer


def questions(document: dict[str, Any], seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    channels = [*document["channels"], "no-such-channel"]
    out = []
    for _ in range(count):
        question: dict[str, Any] = {"channel": rng.choice(channels), "reason": rng.choice(REASONS)}
        roll = rng.random()
        if roll < 0.9:
            question["prior_violations"] = rng.randint(0, 6)
        elif roll < 0.95:
            question["prior_violations"] = -rng.randint(1, 3)
        out.append(question)
    return out


def agree(policy: Policy, rego: Rego, asked: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"decisions": 0, "errors": 0}
    for question in asked:
        want = expected(policy, question)
        got = rego.query("socialkit/moderate", question)
        if want is None:
            assert got is None and rego.query("socialkit/moderate_errors", question), f"Policy.moderate raises for {question}; Rego: {got}"
            counts["errors"] += 1
        else:
            assert got == want, f"{question}: python {want} != rego {got}"
            counts["decisions"] += 1
    return counts


def variant_document(document: dict[str, Any]) -> dict[str, Any]:
    """A per-channel rule before the general one, a platform that can do nothing, an unknown capability,
    a ladder that starts at the second violation with a timed block on a platform without blocking,
    and approvals and notifications on actions that only the ladder brings."""
    doc = copy.deepcopy(document)
    moderation = doc["moderation"]
    moderation["reasons"].insert(
        0,
        {
            "reason": "spam",
            "channels": ["x", "tiktok"],
            "protected": False,
            "actions": ["delete", "hide", "keep"],
            "also": ["report-to-platform", "warn"],
            "ladder": True,
            "before": {"delete": {"steps": ["screenshot"], "notify": ["anna"]}, "block": {"steps": [], "notify": ["lena"]}},
            "approval": {"block": ["lena"], "warn": ["erik", "anna"]},
        },
    )
    moderation["capabilities"]["instagram"] = {name: False for name in moderation["capabilities"]["instagram"]}
    moderation["capabilities"]["tiktok"]["report-to-platform"] = None
    moderation["ladder"] = {
        "within": 3600 * 24 * 7,
        "reasons": ["spam"],
        "steps": [
            {"violation": 2, "action": "block", "duration": 86400},
            {"violation": 4, "action": "report-to-platform", "duration": None},
        ],
    }
    return doc


@pytest.fixture(scope="module")
def variant(document) -> tuple[Policy, Rego]:
    doc = variant_document(document)
    return Policy.from_document(doc), Rego.from_tarball(export_files(ExportRequest(doc, None, as_of=AS_OF))["opa/bundle.tar.gz"])


def test_random_moderation_questions_agree(policy, rego, document):
    counts = agree(policy, rego, questions(document, seed=14, count=QUESTIONS))
    assert counts["decisions"] > QUESTIONS * 0.5 and counts["errors"] > 50


def test_variant_moderation_agrees(variant, document):
    policy, rego = variant
    counts = agree(policy, rego, questions(document, seed=41, count=QUESTIONS))
    assert counts["decisions"] > QUESTIONS * 0.5


def test_variant_reaches_its_features(variant):
    """The variant's channel rule, passed-over actions, ladder start and unavailable ladder action are reached."""
    policy, rego = variant
    x_spam = {"channel": "x", "reason": "spam", "prior_violations": 1}
    linkedin_spam = {"channel": "linkedin", "reason": "spam", "prior_violations": 1}
    instagram_spam = {"channel": "instagram", "reason": "spam", "prior_violations": 3}
    for question in (x_spam, linkedin_spam, instagram_spam, {"channel": "x", "reason": "spam"}):
        assert rego.query("socialkit/moderate", question) == expected(policy, question)
    x = expected(policy, x_spam)
    assert x["unavailable"] == ["delete"] and x["actions"] == ["hide", "report-to-platform", "warn", "block"]
    assert x["ladder"] == {"violation": 2, "action": "block", "duration": 86400 * NS}
    assert expected(policy, {"channel": "x", "reason": "spam"})["ladder"] is None  # the ladder starts at 2
    assert "block" in expected(policy, linkedin_spam)["unavailable"]  # linkedin cannot block
    assert expected(policy, instagram_spam)["actions"] == []  # the instagram account can do nothing


def test_a_document_without_moderation_is_an_error_in_both(document):
    doc = copy.deepcopy(document)
    doc["moderation"] = None
    policy = Policy.from_document(doc)
    rego = Rego.from_tarball(export_files(ExportRequest(doc, None, as_of=AS_OF))["opa/bundle.tar.gz"])
    question = {"channel": "facebook", "reason": "spam"}
    assert expected(policy, question) is None
    assert rego.query("socialkit/moderate", question) is None
    assert rego.query("socialkit/moderate_errors", question) == ["the policy has no moderation section"]
