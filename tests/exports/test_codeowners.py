"""CODEOWNERS: a line per strategy file whose items all belong to one team, nothing otherwise."""

from __future__ import annotations

from socialkit.export import ExportRequest, codeowners

from .conftest import AS_OF, load_literal

SPLIT = {
    "base.yaml": """\
        version: 1
        organization: {name: Split AB, timezone: Europe/Stockholm, languages: [en]}
        slas:
          - id: std
            clock: business
            targets: {default: {respond: 4h}}
        """,
    "people.yaml": """\
        people:
          - {id: ann, name: Ann Ahl, email: ann@example.org}
          - {id: bo, name: Bo Berg, email: bo@example.org}
        """,
    "social.yaml": """\
        teams:
          - {id: social, name: Social, members: [ann], lead: ann}
        channels:
          - {id: fb, name: Facebook, platform: facebook, customer_service: true, team: social,
             schedule: social-hours, sla: std, disclosures: [hours]}
        escalation:
          - {id: loud, route_to: social, priority: high, when: {min_followers: 10000}}
        """,
    "social-hours.yaml": """\
        schedules:
          - id: social-hours
            weekly: {mon-fri: ["08:00-17:00"]}
        """,
    "careers.yaml": """\
        teams:
          - {id: careers, name: Careers, members: [bo], lead: bo}
        channels:
          - {id: li, name: LinkedIn, platform: linkedin, customer_service: false, team: careers,
             redirect: {text: Ask us on Facebook, channel: fb}}
        """,
}


def test_split_strategy_gets_a_line_per_single_team_file(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root the paths are relative to
    result = load_literal(tmp_path / "strategy", SPLIT)
    files = codeowners.export_files(ExportRequest({}, result.strategy, as_of=AS_OF, source=result.source))
    text = files["CODEOWNERS"].decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == [
        "strategy/careers.yaml @org/careers",
        "strategy/social-hours.yaml @org/social",
        "strategy/social.yaml @org/social",
    ]
    assert "placeholder" in text
    # base.yaml (organization, a shared SLA) and people.yaml (two teams) get no line
    assert files == codeowners.export_files(ExportRequest({}, result.strategy, as_of=AS_OF, source=result.source))


def test_example_strategy_is_not_split_per_team(example):
    assert codeowners.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF, source=example.source)) == {}


def test_without_source_nothing(example):
    """The build calls exporters without the source: no CODEOWNERS then."""
    assert codeowners.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF)) == {}


def test_item_owners(example):
    owners = codeowners.item_owners(example.strategy)
    channels = {c.id: owners[("channels", i)] for i, c in enumerate(example.strategy.channels)}
    assert channels["linkedin"] == "careers" and channels["facebook"] == "social"
    schedules = {s.id: owners[("schedules", i)] for i, s in enumerate(example.strategy.schedules)}
    assert schedules["evening-outage-desk"] == "social"  # only x uses it
    assert schedules["office-hours"] is None  # social and careers
    assert schedules["round-the-clock"] is None  # the crisis schedule of every channel
