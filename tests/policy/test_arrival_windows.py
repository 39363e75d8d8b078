"""Targets that depend on when the message arrives: the first arrival window open at the arrival applies.

The worked example of the guide (tests/data/arrival: 4 hours during the working day, 24 hours on other weekday
hours, 48 hours at weekends, on the calendar clock) and the example strategy's LinkedIn complaints (4 office
hours during office hours, 8 otherwise, on the business clock) against a brute-force reference that tries the
windows one by one.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.cli import main
from socialkit.compile.document import compile_policy
from socialkit.engine.deadlines import business_deadline, is_open
from socialkit.runtime.policy import Event, Policy
from socialkit.validate import validate_paths

from .conftest import AS_OF, ROOT

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WORKED = ROOT / "tests" / "data" / "arrival"
HOUR = 3600


def local(*args: int) -> int:
    return int(datetime(*args, tzinfo=STOCKHOLM).timestamp())


@pytest.fixture(scope="module")
def worked() -> Policy:
    result = validate_paths([WORKED], as_of=AS_OF)
    assert result.ok and not result.problems, result.problems
    return Policy.from_document(compile_policy(result.strategy, as_of=AS_OF))


CASES = [
    # (what, arrival, window, respond after)
    ("Tuesday morning: the working day", local(2026, 11, 24, 10), "working-day", 4 * HOUR),
    ("Tuesday 17:00, the working day just closed", local(2026, 11, 24, 17), "working-week", 24 * HOUR),
    ("Tuesday evening: the working week", local(2026, 11, 24, 20), "working-week", 24 * HOUR),
    ("Friday 23:59:59", local(2026, 11, 27, 23, 59, 59), "working-week", 24 * HOUR),
    ("Saturday midnight: the weekend", local(2026, 11, 28, 0), "otherwise", 48 * HOUR),
    ("Christmas Day, a Friday (holidays close both schedules)", local(2026, 12, 25, 10), "otherwise", 48 * HOUR),
    ("Saturday before the clocks go forward", local(2027, 3, 27, 12), "otherwise", 48 * HOUR),
]


@pytest.mark.parametrize("what, at, window, after", CASES, ids=[c[0] for c in CASES])
def test_the_first_window_open_at_the_arrival_applies(worked, what, at, window, after):
    decision = worked.decide(Event("facebook", "question", at))
    assert decision.arrival_window == {"respond": window}
    assert decision.respond_by == at + after  # calendar clock: real seconds, DST or not
    assert f"respond window '{window}'" in decision.explanation
    assert decision.to_json()["arrival_window"] == {"respond": window}


def test_the_json_lines_say_which_window_applied(worked):
    events = [Event("facebook", "question", at) for _, at, _, _ in CASES]
    lines = [json.loads(line) for line in worked.decision_lines(events)]
    assert [line["arrival_window"] for line in lines] == [{"respond": window} for _, _, window, _ in CASES]
    assert lines == [d.to_json() for d in worked.decide_many(events)]


def reference_respond_by(policy: Policy, event: Event) -> tuple[str | None, int | None]:
    """Try the windows one by one with the scalar engine: (window, deadline)."""
    channel = policy.document["channels"][event.channel]
    targets = policy.document["slas"][channel["sla"]]["targets"]
    target = (targets.get(event.category) or targets["default"])["respond"]
    for window in target["windows"]:
        if window["during"] is None or is_open(policy.schedule(window["during"]), event.received_at):
            if window["clock"] == "calendar":
                return window["during"] or "otherwise", event.received_at + window["within"]
            schedule = policy.schedule(channel["schedule"])
            return window["during"] or "otherwise", business_deadline(schedule, event.received_at, window["within"])
    return None, None


def arrivals(policy: Policy):
    start, end = policy.horizon
    return st.lists(st.integers(start, end - 40 * 86400), min_size=1, max_size=60)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_worked_example_agrees_with_the_reference(worked, data):
    events = [Event("facebook", "question", t) for t in data.draw(arrivals(worked))]
    for event, decision in zip(events, worked.decide_many(events)):
        window, due = reference_respond_by(worked, event)
        assert (decision.arrival_window, decision.respond_by) == ({"respond": window}, due), event


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_example_linkedin_complaints_agree_with_the_reference(policy, data):
    events = [Event("linkedin", "complaint", t) for t in data.draw(arrivals(policy))]
    for event, decision in zip(events, policy.decide_many(events)):
        window, due = reference_respond_by(policy, event)
        assert (decision.arrival_window, decision.respond_by, decision.clock) == ({"respond": window}, due, "business"), event


def test_a_rule_with_its_own_limit_replaces_the_windows(policy):
    """press-question (journalists) has its own 2h: no target of the message depends on the arrival any more."""
    decision = policy.decide(Event("linkedin", "complaint", local(2026, 11, 24, 10), author_type="journalist"))
    assert decision.escalation["rule"] == "press-question"
    assert decision.arrival_window is None
    assert decision.respond_by == local(2026, 11, 24, 12)


def test_targets_without_windows_have_no_arrival_window(policy):
    assert policy.decide(Event("facebook", "complaint", local(2026, 11, 24, 10))).arrival_window is None


def test_the_playbook_lists_each_promise_in_order(tmp_path, monkeypatch):
    shutil.copytree(WORKED, tmp_path / "strategy")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--as-of", AS_OF.isoformat()]) == 0
    en = (tmp_path / "docs" / "en" / "channels" / "facebook.md").read_text(encoding="utf-8")
    sv = (tmp_path / "docs" / "sv" / "channels" / "facebook.md").read_text(encoding="utf-8")
    assert (
        "within 4 hours when it arrives Monday–Friday 08:00–17:00 except public holidays; "
        "within 1 day when it arrives at other times Monday–Friday 00:00–24:00 except public holidays; "
        "within 2 days at other times." in en
    )
    assert (
        "inom 4 timmar om det kommer måndag–fredag 08:00–17:00 utom helgdagar; "
        "inom 1 dygn om det kommer vid andra tider måndag–fredag 00:00–24:00 utom helgdagar; "
        "inom 2 dygn övrig tid." in sv
    )
    assert "| 4 hours if it arrives during The working day; 1 day if it arrives during The working week; 2 days at other times |" in en


def test_evaluate_names_the_window(capsys):
    args = ["--channel", "linkedin", "--category", "complaint", "--received", "2026-11-28T11:00:00+01:00", "--as-of", AS_OF.isoformat()]
    assert main(["evaluate", "--strategy", str(ROOT / "strategy"), *args]) == 0
    out = capsys.readouterr().out
    assert "respond by      2026-11-30T16:00:00+01:00\nrespond window  otherwise\n" in out
