"""The Rego's governance answers (records duties, account gaps, inactivity) equal the Python API's.

Random questions over the example policy and over random governance variants
(owner required or not, minimum administrators, required people and teams,
every period unit and count), with instants across month ends, leap days and
DST changes in the organisation's zone.
"""

from __future__ import annotations

import copy
import random
from datetime import UTC, datetime

import pytest

from socialkit.export import ExportRequest
from socialkit.export.opa import export_files
from socialkit.runtime.governance import RECORD_CONTENT, account_status, inactivity, records_duty
from socialkit.runtime.types import PolicyError

from .conftest import AS_OF, NS, Rego, sample_size

ENTRYPOINTS = (
    "socialkit/governance/records",
    "socialkit/governance/account",
    "socialkit/governance/inactivity",
    "socialkit/governance/errors",
)
QUESTIONS = sample_size(300)


class GovernanceRego:
    """The whole bundle (data.json and every module from bundle.tar.gz), built for the governance entrypoints."""

    def __init__(self, document) -> None:
        import regopy

        from .conftest import untar

        loose = untar(export_files(ExportRequest(document, None, as_of=AS_OF))["opa/bundle.tar.gz"])
        self.rego = Rego.__new__(Rego)
        self.rego.interpreter = regopy.Interpreter()
        self.rego.interpreter.add_data_json(loose["data.json"].decode("utf-8"))
        for name in sorted(loose):
            if name.endswith(".rego"):
                self.rego.interpreter.add_module(name, loose[name].decode("utf-8"))
        self.rego.bundle = self.rego.interpreter.build(None, list(ENTRYPOINTS))

    def query(self, entrypoint: str, value):
        return self.rego.query(entrypoint, value)


def governance_rego(document) -> GovernanceRego:
    return GovernanceRego(document)


def python_answer(document, question):
    kind, value = question
    try:
        if kind == "records":
            return records_duty(document, value["content"])
        if kind == "account":
            return account_status(document, value["channel"])
        return inactivity(document, value["channel"], value["last_post_at_ns"] // NS, value["at_ns"] // NS)
    except PolicyError:
        return None


def random_instant(rng: random.Random) -> int:
    """Epoch ns within the bundle's local dates (2024-11-22 to 2029-11-22 for as_of 2026-11-23), often near a
    month's end or a DST change (local midnight +- a few hours)."""
    year = rng.randint(2025, 2027)
    month = rng.randint(1, 12)
    day = rng.choice([1, 28, 29, 30, 31, rng.randint(1, 31)])
    hour = rng.choice([0, 1, 2, 3, 22, 23, rng.randint(0, 23)])
    try:
        moment = datetime(year, month, day, hour, rng.randint(0, 59), tzinfo=UTC)
    except ValueError:
        moment = datetime(year, month, 28, hour, tzinfo=UTC)
    return int(moment.timestamp()) * NS


def random_question(rng: random.Random, channels: list[str]):
    kind = rng.choice(["records", "account", "inactivity", "inactivity"])
    if kind == "records":
        return kind, {"content": rng.choice([*RECORD_CONTENT, "fax"])}
    channel = rng.choice([*channels, "myspace"])
    if kind == "account":
        return kind, {"channel": channel}
    last = random_instant(rng)
    at = last + rng.choice([0, 1, 3600, 86400, 30 * 86400, 90 * 86400, 400 * 86400, rng.randint(0, 365 * 86400)]) * NS
    return kind, {"channel": channel, "last_post_at_ns": last, "at_ns": at}


def random_governance(rng: random.Random, document):
    doc = copy.deepcopy(document)
    people, teams = sorted(doc["people"]), sorted(doc["teams"])
    unit = rng.choice(["year", "month", "week", "day"])
    doc["governance"]["policy"] = {
        "owner_required": rng.random() < 0.5,
        "min_admins": rng.choice([None, 1, 2, 3, 5]),
        "required_admins": sorted(rng.sample(people, rng.randint(0, 2))),
        "admins_from": {t: sorted(doc["teams"][t]["members"]) for t in sorted(rng.sample(teams, rng.randint(0, 2)))},
        "approval_to_open": [],
        "registry": None,
        "lifecycle": rng.choice(
            [
                None,
                {
                    "inactive_after": {"count": rng.randint(1, 40) if unit != "year" else rng.randint(1, 3), "unit": unit},
                    "then": rng.choice([None, "review", "close"]),
                    "evaluation_starts": None,
                },
            ]
        ),
    }
    for account in doc["governance"]["accounts"].values():
        account["owner"] = rng.choice([None, *people])
        account["admins"] = sorted(rng.sample(people, rng.randint(0, 3)))
    if rng.random() < 0.3:
        doc["records"] = None
    return doc


def agree(document, rego, questions) -> int:
    answered = 0
    for kind, value in questions:
        want = python_answer(document, (kind, value))
        got = rego.query(f"socialkit/governance/{kind}", value)
        if want is None:
            assert got is None and rego.query("socialkit/governance/errors", value), f"{kind} {value}: Python refuses, Rego says {got}"
        else:
            assert got == want, f"{kind} {value}: (python, rego) = ({want}, {got})"
            answered += 1
    return answered


def test_example_governance_agrees(document):
    rng = random.Random(20261205)
    rego = governance_rego(document)
    channels = sorted(document["channels"])
    answered = agree(document, rego, (random_question(rng, channels) for _ in range(QUESTIONS)))
    assert answered > QUESTIONS * 0.7


@pytest.mark.parametrize("seed", range(6))
def test_random_governance_agrees(document, seed):
    rng = random.Random(seed)
    variant = random_governance(rng, document)
    rego = governance_rego(variant)
    channels = sorted(variant["channels"])
    assert agree(variant, rego, (random_question(rng, channels) for _ in range(120))) > 60


def test_month_end_clamps_in_both(document):
    """31 August + 6 months is 28 February (29 in a leap year), in Python and in the Rego."""
    doc = copy.deepcopy(document)
    doc["governance"]["policy"]["lifecycle"]["inactive_after"] = {"count": 6, "unit": "month"}
    governance_rego(doc)
    for year, expected in ((2025, "2026-02-28"), (2027, "2028-02-29")):
        last = int(datetime(year, 8, 31, 10, tzinfo=UTC).timestamp()) * NS
        question = {"channel": "facebook", "last_post_at_ns": last, "at_ns": last}
        assert governance_rego(doc).query("socialkit/governance/inactivity", question)["inactive_from"] == expected
        assert python_answer(doc, ("inactivity", question))["inactive_from"] == expected


def test_local_date_decides_not_utc(document):
    """A post at 00:30 Stockholm time on 1 March is 23:30 UTC on 28 February: the local date counts."""
    doc = copy.deepcopy(document)
    doc["governance"]["policy"]["lifecycle"]["inactive_after"] = {"count": 1, "unit": "month"}
    governance_rego(doc)
    last = int(datetime(2027, 2, 28, 23, 30, tzinfo=UTC).timestamp()) * NS  # 2027-03-01 00:30 local
    question = {"channel": "x", "last_post_at_ns": last, "at_ns": last}
    assert python_answer(doc, ("inactivity", question))["inactive_from"] == "2027-04-01"
    assert governance_rego(doc).query("socialkit/governance/inactivity", question)["inactive_from"] == "2027-04-01"


def test_outside_the_local_days_is_an_error_not_a_guess(document):
    rego = governance_rego(document)
    long_ago = int(datetime(2020, 5, 1, 12, tzinfo=UTC).timestamp()) * NS
    question = {"channel": "x", "last_post_at_ns": long_ago, "at_ns": long_ago + 86400 * NS}
    assert rego.query("socialkit/governance/inactivity", question) is None
    assert "outside the bundle's local dates" in rego.query("socialkit/governance/errors", question)[0]


def test_every_unit_and_dst_night(document):
    """Weeks and days across the spring and autumn DST changes, years across a leap day."""
    rego = governance_rego(document)
    cases = [
        ({"count": 1, "unit": "week"}, datetime(2027, 3, 27, 23, 30, tzinfo=UTC)),  # 00:30 local on the night of the change
        ({"count": 10, "unit": "day"}, datetime(2026, 10, 24, 22, 30, tzinfo=UTC)),
        ({"count": 1, "unit": "year"}, datetime(2028, 2, 29, 11, tzinfo=UTC)),
    ]
    for threshold, last in cases:
        doc = copy.deepcopy(document)
        doc["governance"]["policy"]["lifecycle"]["inactive_after"] = threshold
        rego = governance_rego(doc)
        for hours in (0, 1, 24 * 6 + 22, 24 * 7, 24 * 10, 24 * 366):
            question = {
                "channel": "facebook",
                "last_post_at_ns": int(last.timestamp()) * NS,
                "at_ns": int(last.timestamp() + hours * 3600) * NS,
            }
            assert rego.query("socialkit/governance/inactivity", question) == python_answer(doc, ("inactivity", question))
