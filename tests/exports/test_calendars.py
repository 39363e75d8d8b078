"""ics/<channel>.ics and ics/rota-<team>.ics: parsed back with icalendar, checked against the policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from socialkit.export import ExportRequest, calendars
from socialkit.runtime.policy import Policy

from .conftest import AS_OF, SMALL

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def opening(calendar: Calendar) -> list[tuple[datetime, datetime]]:
    """Timed events (openings or duty spans) as aware local datetimes."""
    out = []
    for event in events(calendar):
        start = event.decoded("dtstart")
        if isinstance(start, datetime):
            out.append((start, event.decoded("dtend")))
    return out


def closed(calendar: Calendar) -> dict[date, str]:
    out = {}
    for event in events(calendar):
        start = event.decoded("dtstart")
        if not isinstance(start, datetime):
            assert event.decoded("dtend") == start + timedelta(days=1)
            out[start] = str(event["summary"])
    return out


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def test_feeds_per_public_channel_with_schedule_and_per_rota(example):
    files = calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    # tiktok has no schedule; careers has no rota; only facebook and instagram have publishing hours
    # or a public blackout (the price-announcement blackout on every channel is internal)
    assert sorted(files) == [
        "ics/facebook.ics",
        "ics/instagram.ics",
        "ics/linkedin.ics",
        "ics/publishing-facebook.ics",
        "ics/publishing-instagram.ics",
        "ics/rota-films.ics",
        "ics/rota-security.ics",
        "ics/rota-social.ics",
        "ics/x.ics",
        "ics/youtube.ics",
    ]


def test_feed_is_valid_and_deterministic(example):
    first = calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    again = calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    assert first == again
    for name, data in first.items():
        calendar = parse(data)
        assert calendar["version"] == "2.0"
        assert str(calendar["prodid"]).startswith("-//socialkit//")
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        uids = [str(e["uid"]) for e in events(calendar)]
        assert len(uids) == len(set(uids)), name
        for event in events(calendar):
            assert event.decoded("dtstamp") == datetime(2026, 11, 23, tzinfo=UTC)
            start = event.decoded("dtstart")
            if isinstance(start, datetime):
                assert str(start.tzinfo) == "Europe/Stockholm"
                assert "TZID=Europe/Stockholm" in event.to_ical().decode()
        assert b"\r\n" in data  # RFC 5545 line ends


def test_openings_are_the_compiled_windows(example):
    document = example.document()
    calendar = parse(calendars.export_files(ExportRequest(document, example.strategy, as_of=AS_OF))["ics/facebook.ics"])
    got = [(epoch(s), epoch(e)) for s, e in opening(calendar)]
    start = datetime(2026, 11, 23, tzinfo=STOCKHOLM)
    end = start + timedelta(days=calendars.FEED_DAYS)
    expected = [tuple(w) for w in document["schedules"]["office-hours"]["compiled"]["windows"] if epoch(start) <= w[0] < epoch(end)]
    assert got == expected
    assert len(got) > 40
    first = opening(calendar)[0]
    assert first == (datetime(2026, 11, 23, 8, tzinfo=STOCKHOLM), datetime(2026, 11, 23, 17, tzinfo=STOCKHOLM))
    friday = [w for w in opening(calendar) if w[0].date() == date(2026, 11, 27)]
    assert [(s.hour, e.hour) for s, e in friday] == [(8, 16)]


def test_christmas_is_closed_on_facebook(example):
    calendar = parse(calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["ics/facebook.ics"])
    open_days = {s.date() for s, _ in opening(calendar)}
    assert not open_days & {date(2026, 12, 23), date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)}
    assert date(2026, 12, 22) in open_days and date(2026, 12, 29) in open_days
    days = closed(calendar)
    assert days[date(2026, 12, 24)] == "Closed: Christmas Eve"
    assert days[date(2026, 12, 25)] == "Closed: Christmas Day"
    assert days[date(2026, 12, 23)] == "Closed: Personalens julfest"  # a closure, in the default language
    assert days[date(2026, 12, 28)] == "Closed: Mellandagsstängt"  # an extra closed day
    assert min(days) >= AS_OF and max(days) < AS_OF + timedelta(days=calendars.FEED_DAYS)


def test_summer_hours(example):
    as_of = date(2027, 6, 1)
    calendar = parse(calendars.export_files(ExportRequest(example.document(as_of), example.strategy, as_of=as_of))["ics/facebook.ics"])
    by_day = {s.date(): (s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in opening(calendar)}
    assert by_day[date(2027, 6, 21)] == ("08:00", "17:00")  # Monday before the season
    assert by_day[date(2027, 6, 22)] == ("09:00", "15:00")  # season starts
    assert by_day[date(2027, 6, 28)] == ("09:00", "15:00")
    assert by_day[date(2027, 8, 13)] == ("09:00", "15:00")  # a Friday in the season
    assert by_day[date(2027, 8, 16)] == ("08:00", "17:00")  # season over
    assert date(2027, 6, 25) not in by_day
    assert closed(calendar)[date(2027, 6, 25)] == "Closed: Midsummer Eve"


def test_dst_weekend_in_local_time(example):
    as_of = date(2027, 3, 1)
    files = calendars.export_files(ExportRequest(example.document(as_of), example.strategy, as_of=as_of))
    desk = opening(parse(files["ics/x.ics"]))  # evening outage desk mon-fri 17:00-01:00, holidays open
    friday = [w for w in desk if w[0].date() == date(2027, 3, 26)]
    monday = [w for w in desk if w[0].date() == date(2027, 3, 29)]
    assert friday == [(datetime(2027, 3, 26, 17, tzinfo=STOCKHOLM), datetime(2027, 3, 27, 1, tzinfo=STOCKHOLM))]
    assert friday[0][0].utcoffset() == timedelta(hours=1)
    assert monday == [(datetime(2027, 3, 29, 17, tzinfo=STOCKHOLM), datetime(2027, 3, 30, 1, tzinfo=STOCKHOLM))]
    assert monday[0][0].utcoffset() == timedelta(hours=2)
    assert epoch(monday[0][0]) == epoch(datetime(2027, 3, 29, 15, tzinfo=UTC))
    office = {s.date(): s for s, _ in opening(parse(files["ics/facebook.ics"]))}
    assert date(2027, 3, 29) not in office  # Easter Monday
    assert office[date(2027, 3, 30)] == datetime(2027, 3, 30, 8, tzinfo=STOCKHOLM)
    assert office[date(2027, 3, 26 - 1)].utcoffset() == timedelta(hours=1)  # Thursday before: still winter time
    assert office[date(2027, 3, 30)].utcoffset() == timedelta(hours=2)


def test_overnight_across_the_spring_forward_night(literal):
    as_of = date(2027, 3, 20)
    strategy, document, _ = literal({"s.yaml": SMALL}, as_of=as_of)
    files = calendars.export_files(ExportRequest(document, strategy, as_of=as_of))
    assert sorted(files) == ["ics/chat.ics", "ics/rota-desk.ics"]  # the internal channel has no public feed
    windows = opening(parse(files["ics/chat.ics"]))
    night = [w for w in windows if w[0].date() == date(2027, 3, 27)]
    assert night == [(datetime(2027, 3, 27, 22, tzinfo=STOCKHOLM), datetime(2027, 3, 28, 4, tzinfo=STOCKHOLM))]
    start, end = night[0]
    assert epoch(end) - epoch(start) == 5 * 3600  # the clocks skip 02:00-03:00
    wednesday = [w for w in windows if w[0].date() == date(2027, 3, 24)]
    assert wednesday == [(datetime(2027, 3, 24, tzinfo=STOCKHOLM), datetime(2027, 3, 25, tzinfo=STOCKHOLM))]
    assert not closed(parse(files["ics/chat.ics"]))  # holidays: open


def test_rota_feed_names_who_is_on_duty(example):
    document = example.document()
    files = calendars.export_files(ExportRequest(document, example.strategy, as_of=AS_OF))
    policy = Policy.from_document(document)
    people = {pid: p["name"] for pid, p in document["people"].items()}
    for team in ("social", "security", "films"):
        calendar = parse(files[f"ics/rota-{team}.ics"])
        assert events(calendar)
        for event in events(calendar):
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            middle = (epoch(start) + epoch(end)) // 2
            names = [people[p] for p in policy.on_duty(team, middle)]
            assert str(event["summary"]) == "On duty: " + ", ".join(names)
            assert policy.on_duty(team, epoch(start)) == policy.on_duty(team, epoch(end) - 1)
    first = events(parse(files["ics/rota-social.ics"]))[0]
    assert str(first["summary"]) == "On duty: Omar Haddad"  # the outage on-call layer, from midnight
    assert first.decoded("dtstart") == datetime(2026, 11, 23, 0, tzinfo=STOCKHOLM)
    second = events(parse(files["ics/rota-social.ics"]))[1]
    assert str(second["summary"]) == "On duty: Omar Haddad, Erik Holm"  # office-days layer joins at 08:00
    assert second.decoded("dtstart") == datetime(2026, 11, 23, 8, tzinfo=STOCKHOLM)


def test_rota_feed_shows_the_dated_turns_of_a_relay(example):
    files = calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    spans = [(e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in events(parse(files["ics/rota-films.ics"]))]
    # the feed covers FEED_DAYS from as_of: Sara's turn from its date, Omar's from the date he takes over
    assert spans[0] == (datetime(2026, 11, 30, 8, tzinfo=STOCKHOLM), datetime(2027, 1, 11, 8, tzinfo=STOCKHOLM), "On duty: Sara Nyberg")
    assert spans[1][:1] == (datetime(2027, 1, 11, 8, tzinfo=STOCKHOLM),)
    assert spans[1][2] == "On duty: Omar Haddad"
    assert len(spans) == 2


def test_rota_daily_handoff(literal):
    as_of = date(2027, 3, 20)
    strategy, document, _ = literal({"s.yaml": SMALL}, as_of=as_of)
    calendar = parse(calendars.rota_feed(document, strategy, "desk", as_of=as_of))
    spans = [(e.decoded("dtstart"), str(e["summary"])) for e in events(calendar)]
    assert spans[0] == (datetime(2027, 3, 20, tzinfo=STOCKHOLM), "On duty: Bo Berg")  # 19 days after ann started
    assert spans[1] == (datetime(2027, 3, 21, tzinfo=STOCKHOLM), "On duty: Ann Ahl")
    assert len(spans) == calendars.FEED_DAYS


def test_uids_are_stable_across_as_of(example):
    """The same opening keeps its UID when the feed is rebuilt on a later day."""
    a = parse(calendars.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["ics/facebook.ics"])
    later = date(2026, 12, 1)
    b = parse(calendars.export_files(ExportRequest(example.document(later), example.strategy, as_of=later))["ics/facebook.ics"])
    uid_a = {str(e["uid"]): e.decoded("dtstart") for e in events(a)}
    uid_b = {str(e["uid"]): e.decoded("dtstart") for e in events(b)}
    shared = set(uid_a) & set(uid_b)
    assert len(shared) > 30
    assert all(uid_a[u] == uid_b[u] for u in shared)


@pytest.mark.parametrize("zone_name", ["UTC", "America/New_York", "Asia/Kolkata"])
def test_other_zones_parse_back_to_the_compiled_windows(literal, zone_name):
    strategy, document, _ = literal({"s.yaml": SMALL.replace("Europe/Stockholm", zone_name)})
    files = calendars.export_files(ExportRequest(document, strategy, as_of=AS_OF))
    calendar = parse(files["ics/chat.ics"])
    got = [(epoch(s), epoch(e)) for s, e in opening(calendar)]
    start, end = calendars.period(document["schedules"]["late"]["compiled"], AS_OF, calendars.FEED_DAYS)
    assert got == calendars.windows_starting(document, "late", start, end)
    assert all(str(s.tzinfo) == zone_name for s, _ in opening(calendar))
    assert files == calendars.export_files(ExportRequest(document, strategy, as_of=AS_OF))


def test_publishing_feed_has_the_publishing_windows_and_the_public_blackouts(example):
    document = example.document()
    feed = parse(calendars.export_files(ExportRequest(document, example.strategy, as_of=AS_OF))["ics/publishing-facebook.ics"])
    timed = [e for e in events(feed) if isinstance(e.decoded("dtstart"), datetime)]
    publishing = [(epoch(e.decoded("dtstart")), epoch(e.decoded("dtend"))) for e in timed if str(e["summary"]).startswith("Publishing")]
    compiled = document["schedules"]["publishing-hours"]["compiled"]["windows"]
    start, end = calendars.period(document["schedules"]["publishing-hours"]["compiled"], AS_OF, calendars.FEED_DAYS)
    assert publishing == [(s, e) for s, e in compiled if start <= s < end]
    assert publishing[0] == (epoch(datetime(2026, 11, 23, 7, tzinfo=STOCKHOLM)), epoch(datetime(2026, 11, 23, 22, tzinfo=STOCKHOLM)))
    blackouts = [e for e in timed if str(e["uid"]).startswith("blackout-")]
    assert [(str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend")) for e in blackouts] == [
        ("No publishing, comments off: Facebook", datetime(2026, 12, 24, tzinfo=STOCKHOLM), datetime(2026, 12, 27, tzinfo=STOCKHOLM))
    ]
    assert str(blackouts[0]["description"]).startswith("Ingen modererar under julhelgen")
    assert "elpriser" not in feed.to_ical().decode()  # the internal blackout stays out of the published feed


def test_publishing_feed_without_hours_has_only_blackouts(example):
    document = {**example.document()}  # the compiled example is shared: replace its blackouts in a copy
    document["blackouts"] = [
        {
            "start": epoch(datetime(2027, 1, 10, 12, tzinfo=STOCKHOLM)),
            "end": epoch(datetime(2027, 1, 10, 18, tzinfo=STOCKHOLM)),
            "reason": "Maintenance",
            "channels": ["x"],
            "stops": ["comments"],
            "internal": False,
        },
        {
            "start": epoch(datetime(2027, 6, 1, tzinfo=STOCKHOLM)),
            "end": epoch(datetime(2027, 6, 2, tzinfo=STOCKHOLM)),
            "reason": "Beyond the feed",
            "channels": ["x"],
            "stops": ["publishing"],
            "internal": False,
        },
    ]
    files = calendars.export_files(ExportRequest(document, example.strategy, as_of=AS_OF))
    assert "ics/publishing-tiktok.ics" not in files and "ics/publishing-facebook.ics" in files
    feed = parse(files["ics/publishing-x.ics"])
    assert [(str(e["summary"]), str(e["description"])) for e in events(feed)] == [("Comments off: X", "Maintenance")]
