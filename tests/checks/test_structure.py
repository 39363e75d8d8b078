"""SK103-SK107: references and structure."""

from __future__ import annotations

CHANNEL = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
{extra}    disclosures: [hours]
"""


def channel(extra: str) -> str:
    return CHANNEL.format(extra=extra)


def test_sk103_customer_service_channel_without_sla(strategy):
    text = channel("    team: support\n    schedule: office-hours\n")
    assert strategy.problems(text) == [("SK103", 5, 23)]
    assert "has no sla; add 'sla:'" in strategy.messages(text)[0]


def test_sk103_names_every_missing_part(strategy):
    (message,) = strategy.messages(channel(""))
    assert "channel 'facebook' has no team, schedule or sla" in message


def test_sk103_complete_channel_passes(strategy):
    assert strategy.problems(channel("    team: support\n    schedule: office-hours\n    sla: standard\n")) == []


def test_sk103_ignores_channels_without_customer_service(strategy):
    text = """\
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
    """
    assert strategy.problems(text) == []


def test_sk104_person_in_no_team(strategy):
    text = """\
    people:
      - id: lena
        name: Lena Berg
        email: lena@example.org
    """
    assert strategy.problems(text) == [("SK104", 2, 9)]


def test_sk104_person_in_a_team_passes(strategy):
    text = """\
    people:
      - id: lena
        name: Lena Berg
        email: lena@example.org
    teams:
      - id: security
        name: Security
        members: [anna, lena]
        lead: anna
    """
    assert strategy.problems(text) == []


def test_sk105_lead_not_member(strategy):
    text = """\
    teams:
      - id: careers
        name: Careers
        members: [erik]
        lead: anna
    """
    assert strategy.problems(text) == [("SK105", 5, 11)]
    assert "lead 'anna' of team 'careers' is not one of its members (erik)" in strategy.messages(text)[0]


def test_sk106_lead_without_contact(strategy):
    text = """\
    people:
      - id: lena
        name: Lena Berg
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: lena
    """
    assert strategy.problems(text) == [("SK106", 8, 11)]


def test_sk106_a_phone_is_enough(strategy):
    text = """\
    people:
      - id: lena
        name: Lena Berg
        phone: "+46 70 345 67 89"
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: lena
    """
    assert strategy.problems(text) == []


def test_sk107_rota_layer_and_override_outsiders(strategy):
    text = """\
    people:
      - id: omar
        name: Omar
        email: omar@example.org
    teams:
      - id: night
        name: Night
        members: [anna, omar]
        lead: anna
        rota:
          layers:
            - id: nights
              start: 2026-01-05 00:00
              every: 1w
              order: [anna, erik]
          overrides:
            - person: erik
              start: 2026-07-06 00:00
              end: 2026-07-27 00:00
    """
    assert strategy.problems(text) == [("SK107", 15, 25), ("SK107", 17, 19)]


def test_sk107_members_only_passes(strategy):
    text = """\
    teams:
      - id: night
        name: Night
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - {id: nights, start: 2026-01-05 00:00, every: 1w, order: [anna, erik]}
    """
    assert strategy.problems(text) == []
