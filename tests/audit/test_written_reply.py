"""`written_reply: false` (the example's 'neutral' comments): a reaction is enough, so no respond
deadline exists and a message without a written reply is not breached for it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from socialkit.audit import audit_log, make_config, read_logs
from socialkit.runtime.policy import Event

ZONE = ZoneInfo("Europe/Stockholm")


def at(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=ZONE).timestamp())


def test_the_example_marks_neutral_comments_reaction_only(policy):
    assert policy.document["categories"]["neutral"]["written_reply"] is False
    standard = policy.document["slas"]["standard"]["targets"]
    # the default target's one working day now bounds the reaction, and nothing bounds a written reply
    assert standard["neutral"] == {"acknowledge": standard["default"]["respond"], "respond": None, "promise": "deadline"}


def test_no_respond_deadline_is_derived_for_a_reaction_only_category(policy):
    neutral = policy.decide(Event("facebook", "neutral", at("2026-11-23 10:00")))
    # one working day from Monday 10:00 with office hours 08-17: Tuesday's close
    assert neutral.respond_by is None and neutral.acknowledge_by == at("2026-11-24 17:00")


def test_the_audit_does_not_breach_a_liked_comment_without_a_written_reply(policy, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "id,received_at,channel,category,acknowledged_at,responded_at\n"
        "liked,2026-11-23 10:00,facebook,neutral,2026-11-23 10:20,\n"
        "ignored,2026-11-23 10:00,facebook,neutral,,\n"
        "question,2026-11-23 10:00,facebook,question,2026-11-23 10:20,\n",
        encoding="utf-8",
    )
    result, _ = audit_log(read_logs([log], policy.document, make_config()), policy, now=at("2026-12-10 12:00"), details=True)
    verdicts = {m["id"]: m for m in result["messages"]}
    assert (verdicts["liked"]["verdict"], verdicts["liked"]["respond_verdict"], verdicts["liked"]["respond_by"]) == (
        "met",
        "no target",
        None,
    )
    assert verdicts["ignored"]["verdict"] == "breached" and verdicts["ignored"]["acknowledge_verdict"] == "breached"
    assert verdicts["question"]["verdict"] == "breached"  # a written reply was due and never came
