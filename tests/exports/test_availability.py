"""availability.json: valid against its schema, public only, windows agree with the policy."""

from __future__ import annotations

import json
from datetime import date, datetime

import jsonschema
import pytest

from socialkit.export import ExportRequest, availability
from socialkit.runtime.policy import Policy

from .conftest import AS_OF, SMALL


def export(document, strategy, as_of=AS_OF) -> tuple[bytes, dict]:
    data = availability.export_files(ExportRequest(document, strategy, as_of=as_of))["availability.json"]
    return data, json.loads(data)


def validator() -> jsonschema.Draft202012Validator:
    schema = availability.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("as_of", [AS_OF, date(2027, 3, 1), date(2027, 6, 20)])
def test_matches_schema(example, as_of):
    _, data = export(example.document(as_of), example.strategy, as_of)
    validator().validate(data)


def test_schema_rejects_what_it_should(example):
    _, data = export(example.document(), example.strategy)
    broken = json.loads(json.dumps(data))
    broken["channels"]["facebook"]["windows"][0]["start"] = "2026-11-23 08:00"  # no offset
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(broken)
    broken = json.loads(json.dumps(data))
    broken["channels"]["facebook"]["on_duty"] = ["anna"]
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(broken)


def test_deterministic(example):
    assert export(example.document(), example.strategy)[0] == export(example.document(), example.strategy)[0]


def test_public_only_and_no_people(example):
    raw, data = export(example.document(), example.strategy)
    assert sorted(data["channels"]) == ["facebook", "instagram", "linkedin", "tiktok", "x", "youtube"]
    text = raw.decode("utf-8")
    for person in example.strategy.people:
        assert person.name not in text
        assert f'"{person.id}"' not in text
        if person.email:
            assert person.email not in text
    assert "rota" not in text and "team" not in text


def test_internal_channel_left_out(literal):
    strategy, document, _ = literal({"s.yaml": SMALL})
    _, data = export(document, strategy)
    assert list(data["channels"]) == ["chat"]
    validator().validate(data)


def test_facebook_entry(example):
    document = example.document()
    _, data = export(document, example.strategy)
    facebook = data["channels"]["facebook"]
    assert facebook["name"] == "Facebook"
    assert facebook["url"] == "https://www.facebook.com/solvikenergi"
    assert facebook["customer_service"] is True and facebook["redirect"] is None
    assert facebook["timezone"] == "Europe/Stockholm"
    assert facebook["weekly"]["mon"] == [["08:00", "17:00"]] and facebook["weekly"]["fri"] == [["08:00", "16:00"]]
    assert facebook["weekly"]["sat"] == []
    assert facebook["seasons"][0]["start"] == "06-22" and facebook["seasons"][0]["weekly"]["mon"] == [["09:00", "15:00"]]
    assert facebook["covers"]["start"] == "2026-11-23T00:00:00+01:00"
    assert facebook["covers"]["end"] == "2026-12-21T00:00:00+01:00"
    assert facebook["windows"][0] == {
        "start": "2026-11-23T08:00:00+01:00",
        "start_epoch": 1795417200,
        "end": "2026-11-23T17:00:00+01:00",
        "end_epoch": 1795449600,
    }
    for window in facebook["windows"]:
        assert int(datetime.fromisoformat(window["start"]).timestamp()) == window["start_epoch"]
        assert int(datetime.fromisoformat(window["end"]).timestamp()) == window["end_epoch"]
    closed = {d["date"]: d["name"] for d in facebook["closed_days"]}
    assert closed["2026-12-24"] == "Christmas Eve"
    assert closed["2026-12-23"] == "Personalens julfest"
    assert all("2026-11-23" <= d < "2027-02-21" for d in closed)


def test_redirect_channel_without_schedule(example):
    _, data = export(example.document(), example.strategy)
    tiktok = data["channels"]["tiktok"]
    assert tiktok["customer_service"] is False
    assert tiktok["redirect"]["channel"] == "facebook"
    assert tiktok["redirect"]["text"]["en"].startswith("We do not answer")
    assert tiktok["weekly"] is None and tiktok["windows"] == [] and tiktok["covers"] is None
    linkedin = data["channels"]["linkedin"]
    assert linkedin["redirect"]["url"] == "https://www.solvik-energi.example/kundservice"
    assert linkedin["windows"]  # not customer service, but it has hours


def open_now(channel: dict, t: int) -> bool | None:
    """How a reader computes "open now" (docs/guide/exports.md); None = the file no longer covers t."""
    if channel["covers"] is None or not channel["covers"]["start_epoch"] <= t < channel["covers"]["end_epoch"]:
        return None
    return any(w["start_epoch"] <= t < w["end_epoch"] for w in channel["windows"])


def test_open_now_agrees_with_the_policy(example):
    document = example.document()
    _, data = export(document, example.strategy)
    policy = Policy.from_document(document)
    for channel_id in ("facebook", "x", "linkedin"):
        channel = data["channels"][channel_id]
        start, end = channel["covers"]["start_epoch"], channel["covers"]["end_epoch"]
        for t in range(start, end, 1800):
            assert open_now(channel, t) == policy.is_open(channel_id, t), (channel_id, t)
        assert open_now(channel, end) is None


def test_overnight_window_reaching_past_the_covered_period(example):
    _, data = export(example.document(), example.strategy)
    x = data["channels"]["x"]
    assert x["windows"][0]["start"] == "2026-11-23T17:00:00+01:00"
    assert x["windows"][0]["end"] == "2026-11-24T01:00:00+01:00"
    assert x["windows"][-1]["start_epoch"] < x["covers"]["end_epoch"]


def test_publishing_windows_and_public_blackouts(example):
    as_of = date(2026, 12, 14)
    document = example.document(as_of)
    _, data = export(document, example.strategy, as_of)
    validator().validate(data)
    facebook = data["channels"]["facebook"]["publishing"]
    assert facebook["weekly"]["sat"] == [["07:00", "22:00"]]
    assert facebook["windows"][0] == {
        "start": "2026-12-14T07:00:00+01:00",
        "start_epoch": int(datetime.fromisoformat("2026-12-14T07:00:00+01:00").timestamp()),
        "end": "2026-12-14T22:00:00+01:00",
        "end_epoch": int(datetime.fromisoformat("2026-12-14T22:00:00+01:00").timestamp()),
    }
    policy = Policy(document)
    assert all(policy.may_publish("facebook", w["start_epoch"]).reason in ("publishing-hours", "blackout") for w in facebook["windows"])
    assert [(b["start"], b["end"], b["stops"]) for b in facebook["blackouts"]] == [
        ("2026-12-24T00:00:00+01:00", "2026-12-27T00:00:00+01:00", ["publishing", "comments"])
    ]
    # no publishing hours and no public blackout: nothing is said (the price-announcement blackout is internal)
    assert data["channels"]["x"]["publishing"] is None
