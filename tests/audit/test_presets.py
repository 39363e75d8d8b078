"""Each vendor preset on a fixture in that vendor's shape (tests/data/, invented rows, real headers and
value formats), the closest-preset message for unknown headers, and configurable goal metrics."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from socialkit.audit import audit_log, make_config, read_logs
from socialkit.audit.mapping import PRESETS, MappingError
from socialkit.audit.read import ReadError
from socialkit.cli import main

from .conftest import DATA, ROOT

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def local(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM).timestamp())


def read(policy, name: str, **config):
    return read_logs([DATA / name], policy.document, make_config(**config), shown=[name])


def times(values) -> list[int | None]:
    return [None if v < 0 else int(v) for v in values.tolist()]


def test_every_vendor_preset_has_a_fixture():
    assert sorted(PRESETS) == ["freshdesk", "hootsuite", "socialkit", "sprout", "zendesk", "zendesk-csv"]


def test_hootsuite_messages_export_replies_are_the_outbound_rows_of_the_conversation(policy):
    log = read(
        policy,
        "hootsuite-inbox-messages-2026-11.csv",
        preset="hootsuite",
        values={"category": {"negative": "complaint", "positive": "praise"}},
    )
    # the four outbound rows are replies, not messages to answer
    assert log.id == ["1873200411", "1873200420", "1873200431", "1873200440"] and log.line.tolist() == [2, 5, 7, 9]
    assert log.channel == ["facebook", "instagram", "x", "linkedin"]  # Medium FACEBOOK, ..., TWITTER
    assert log.category == ["complaint", "neutral", "neutral", "praise"]  # from Sentiment
    assert times(log.received_at) == [
        local("2026-11-23 09:12:40"),
        local("2026-11-23 18:30:11"),
        local("2026-11-24 08:05:10"),
        local("2026-11-24 13:00:00"),
    ]
    # the first outbound message after it in the same conversation; the 07:00 one came before the question
    assert times(log.responded_at) == [local("2026-11-23 09:40:02"), None, local("2026-11-24 08:30:00"), None]
    assert log.naive_times == 4 and log.bad == []


def test_sprout_messages_endpoint_with_tag_ids(policy):
    tags = {"5501": "outage", "5502": "complaint", "5503": "question"}
    log = read(policy, "sprout-messages-2026-11.jsonl", preset="sprout", values={"category": tags})
    assert log.id == ["p:3301000000000001", "idm:17841400000000002_001", "t:1598000000000000003"]
    assert log.channel == ["facebook", "instagram", "x"]
    # tags [9001, 5502]: the first tag that names a category counts
    assert log.category == ["outage", "complaint", "question"]
    assert times(log.received_at) == [utc("2026-11-23 08:12:00"), utc("2026-11-23 14:47:31"), utc("2026-11-24 19:02:05")]
    assert log.naive_times == 0 and times(log.responded_at) == [None, None, None]
    assert [(b.line, b.message) for b in log.bad] == [(4, "category is empty")]  # "tags": []


def test_zendesk_tickets_with_metric_sets_use_the_calendar_reply_minutes(policy):
    log = read(policy, "zendesk-tickets-2026-11.jsonl", preset="zendesk")
    assert log.id == ["35436", "35437", "35438", "35439"]
    assert log.channel == ["facebook", "x", "facebook", "facebook"] and log.category == ["complaint", "question", "outage", "praise"]
    # Friday 16:30 -> 3840 calendar minutes (30 business minutes) -> Monday 08:30
    assert times(log.responded_at) == [
        utc("2026-11-23 08:02:55") + 38 * 60,
        local("2026-11-30 08:30:00"),
        None,  # reply_time_in_minutes {calendar: null}: not answered
        utc("2026-12-01 09:00:00") + 95 * 60,  # a metric set with calendar minutes only
    ]
    assert log.resolved.tolist() == [1, 0, 0, 1]  # solved, pending, open, closed
    assert log.agent == ["366071", "366072", "", "366071"]
    (web,) = log.bad
    assert (web.line, web.reason) == (5, "unknown channel")


def test_zendesk_csv_export_in_the_account_zone_with_minutes_and_tag_lists(policy):
    log = read(policy, "zendesk-export-2026-11.csv", preset="zendesk-csv")
    assert log.id == ["35436", "35437", "35438", "35441"]
    assert log.channel == ["facebook", "x", "facebook", "instagram"]  # Via: Facebook, Twitter, Instagram DM
    assert log.category == ["complaint", "question", "outage", "complaint"]  # Tags "facebook complaint vip"
    assert times(log.received_at)[0] == local("2026-11-23 09:02:55") and log.naive_times == 4
    assert times(log.responded_at) == [
        local("2026-11-23 09:40:55"),
        local("2026-11-30 08:30:00"),  # "First reply time in minutes" 3840, not the 30 within business hours
        None,
        local("2026-12-01 10:32:00"),
    ]
    assert log.resolved.tolist() == [1, 0, 0, 1] and log.agent[0] == "Omar Haddad"


def test_freshdesk_ticket_export_with_custom_statuses(policy):
    types = {"Problem": "complaint", "Incident": "outage"}
    log = read(policy, "freshdesk-tickets-2026-11.csv", preset="freshdesk", values={"category": types})
    assert log.id == ["1201", "1202", "1203", "1204"] and log.channel == ["facebook", "x", "facebook", "facebook"]
    assert log.category == ["complaint", "question", "outage", "question"]
    assert times(log.responded_at) == [local("2026-11-23 09:41:00"), local("2026-11-30 08:30:00"), None, local("2026-12-01 10:25:00")]
    # Closed and Resolved are resolved; "Waiting on Customer" (a custom status) and Open are not
    assert log.resolved.tolist() == [1, 0, 0, 1] and log.bad == []
    # what "resolved" means is a setting
    strict = read(policy, "freshdesk-tickets-2026-11.csv", preset="freshdesk", values={"category": types}, resolved=["Closed"])
    assert strict.resolved.tolist() == [1, 0, 0, 0]


def test_unknown_headers_name_the_closest_preset_and_its_missing_columns(policy, tmp_path):
    text = (DATA / "zendesk-export-2026-11.csv").read_text(encoding="utf-8").replace("Created at,", "Created,", 1)
    (tmp_path / "export.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as default:
        read_logs([tmp_path / "export.csv"], policy.document, make_config(), shown=["export.csv"])
    message = str(default.value)
    assert message.startswith("export.csv:1: no column for received_at (column 'received_at'), channel (column 'channel')")
    assert "The closest preset is zendesk-csv (--preset zendesk-csv); missing: 'Created at'. Choose a --preset" in message
    with pytest.raises(ReadError, match=r"The closest preset is zendesk-csv \(in use\); missing: 'Created at'\."):
        read_logs([tmp_path / "export.csv"], policy.document, make_config(preset="zendesk-csv"), shown=["export.csv"])


@pytest.mark.parametrize(("sample", "preset"), [("zendesk-tickets-2026-11.jsonl", "zendesk"), ("sprout-messages-2026-11.jsonl", "sprout")])
def test_json_lines_with_unknown_keys_name_the_closest_preset(policy, tmp_path, sample, preset):
    """JSON exports get the same hint as CSV headers, from the (nested) keys of their objects."""
    with pytest.raises(ReadError) as default:
        read_logs([DATA / sample], policy.document, make_config(), shown=[sample])
    assert f"The closest preset is {preset} (--preset {preset}). Choose a --preset" in str(default.value)
    renamed = (DATA / sample).read_text(encoding="utf-8").replace('"created_at"', '"created"').replace('"created_time"', '"created"')
    (tmp_path / "export.jsonl").write_text(renamed, encoding="utf-8")
    with pytest.raises(ReadError) as using:
        read_logs([tmp_path / "export.jsonl"], policy.document, make_config(preset=preset), shown=["export.jsonl"])
    assert f"The closest preset is {preset} (in use); missing: " in str(using.value)


def test_the_command_reads_a_vendor_export_with_its_preset(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "freshdesk-tickets-2026-11.csv", tmp_path / "tickets.csv")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.socialkit]\nstrategy = "strategy"\nas_of = 2026-11-01\n\n[tool.socialkit.audit]\npreset = "freshdesk"\n'
        'values = {category = {Problem = "complaint", Incident = "outage"}}\n',
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "strategy", tmp_path / "strategy")
    code = main(["audit", "tickets.csv", "--at", "2026-12-05T12:00:00+01:00", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert '"audited": 4' in out


# --- goal metrics: complaints and resolution are configurable ---------------------------------------


def _resolved_complaints(result) -> dict:
    return next(item for item in result["goals"]["items"] if item["metric"] == "resolved-complaints")


def _goal_log(policy, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "id,received_at,channel,category,responded_at,resolved\n"
        "a,2026-11-23 10:00,facebook,complaint,2026-11-23 10:30,yes\n"
        "b,2026-11-23 11:00,facebook,outage,2026-11-23 11:10,yes\n"
        "c,2026-11-24 10:00,facebook,question,2026-11-24 10:10,yes\n",
        encoding="utf-8",
    )
    return read_logs([path], policy.document, make_config())


def test_complaints_are_the_complaint_category_unless_configured(policy, example, tmp_path):
    log = _goal_log(policy, tmp_path)
    result, _ = audit_log(log, policy, strategy=example.strategy, now=local("2026-12-01 12:00"))
    assert _resolved_complaints(result)["value"] == 1
    by_sentiment = make_config(complaint_sentiments=["negative"])  # complaint, outage, harassment
    result, _ = audit_log(log, policy, strategy=example.strategy, now=local("2026-12-01 12:00"), config=by_sentiment)
    assert _resolved_complaints(result)["value"] == 2
    listed = make_config(complaint_categories=["question"])
    result, _ = audit_log(log, policy, strategy=example.strategy, now=local("2026-12-01 12:00"), config=listed)
    assert _resolved_complaints(result)["value"] == 1


def test_a_strategy_without_a_complaint_category_is_told_not_given_zero(policy, example, tmp_path):
    document = {
        **policy.document,
        "categories": {k if k != "complaint" else "klagomal": v for k, v in policy.document["categories"].items()},
    }
    from socialkit.audit.mapping import complaint_categories

    assert complaint_categories(document, make_config()) is None
    assert complaint_categories(document, make_config(complaint_categories=["klagomal"])) == {"klagomal"}
    with pytest.raises(MappingError, match="complaint_categories: unknown category 'klagomål'"):
        complaint_categories(document, make_config(complaint_categories=["klagomål"]))
    log = _goal_log(policy, tmp_path)
    result, _ = audit_log(
        log, policy, strategy=example.strategy, now=local("2026-12-01 12:00"), config=make_config(complaint_categories=["praise"])
    )
    assert _resolved_complaints(result)["value"] == 0
    from socialkit.audit.summarise import _missing_note

    assert "no category counts as a complaint" in _missing_note("resolved-complaints", log, None)


def test_a_goal_counts_only_messages_up_to_its_deadline(policy, example, tmp_path):
    goal = next(g for g in example.strategy.goals if g.metric == "resolved-complaints")
    path = tmp_path / "log.csv"
    late = goal.deadline.replace(day=1).isoformat()  # inside the deadline month: counts
    path.write_text(
        f"id,received_at,channel,category,responded_at,resolved\na,{late} 10:00,facebook,complaint,{late} 10:30,yes\n",
        encoding="utf-8",
    )
    log = read_logs([path], policy.document, make_config())
    from socialkit.audit.summarise import _end_of_day, metric_value

    formatter = policy.formatter("Europe/Stockholm")
    until = _end_of_day(goal.deadline.isoformat(), formatter)
    assert until == local(f"{goal.deadline.isoformat()} 00:00") + 86400
    assert metric_value("resolved-complaints", {}, log, None, until=until) == 1
    assert metric_value("resolved-complaints", {}, log, None, until=int(log.received_at[0])) == 0


def test_a_goal_with_a_start_counts_only_its_period(policy, example, tmp_path):
    from datetime import date

    goals = [g.model_copy(update={"start": date(2026, 11, 24)}) if g.metric == "resolved-complaints" else g for g in example.strategy.goals]
    strategy = example.strategy.model_copy(update={"goals": goals})
    path = tmp_path / "log.csv"
    path.write_text(
        "id,received_at,channel,category,responded_at,resolved\n"
        "before,2026-11-23 23:59,facebook,complaint,2026-11-24 08:10,yes\n"
        "first-day,2026-11-24 00:00,facebook,complaint,2026-11-24 08:10,yes\n"
        "later,2026-11-25 10:00,facebook,complaint,2026-11-25 10:10,no\n",
        encoding="utf-8",
    )
    log = read_logs([path], policy.document, make_config())
    result, _ = audit_log(log, policy, strategy=strategy, now=local("2026-12-01 12:00"))
    assert _resolved_complaints(result)["value"] == 1
    result, _ = audit_log(log, policy, strategy=example.strategy, now=local("2026-12-01 12:00"))
    assert _resolved_complaints(result)["value"] == 2
