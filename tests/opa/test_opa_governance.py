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

from .conftest import AS_OF, NS, Rego

ENTRYPOINTS = (
    "socialkit/governance/records",
    "socialkit/governance/account",
    "socialkit/governance/inactivity",
    "socialkit/governance/errors",
)
QUESTIONS = 600


class GovernanceRego:
    """The bundle's governance.rego over the part of the bundle's data.json it reads.

    A fresh interpreter every FRESH_EVERY questions: rego-cpp (regopy) corrupts its heap after a few
    hundred time.date calls with a zone in one interpreter (OPA does not); a new one sidesteps that.
    """

    FRESH_EVERY = 1000

    def __init__(self, document) -> None:
        import json

        from .conftest import untar

        loose = untar(export_files(ExportRequest(document, None, as_of=AS_OF))["opa/bundle.tar.gz"])
        data = json.loads(loose["data.json"])
        policy = data["socialkit"]["policy"]
        read = {key: policy[key] for key in ("records", "governance", "channels", "organization")}
        self.data = json.dumps({"socialkit": {"policy": read}})
        self.module = loose["socialkit/governance.rego"].decode("utf-8")
        self.asked = 0
        self.rego = None

    def query(self, entrypoint: str, value):
        import regopy

        if self.rego is None or self.asked % self.FRESH_EVERY == 0:
            self.rego = Rego.__new__(Rego)
            self.rego.interpreter = regopy.Interpreter()
            self.rego.interpreter.add_data_json(self.data)
            self.rego.interpreter.add_module("socialkit/governance.rego", self.module)
            self.rego.bundle = self.rego.interpreter.build(None, list(ENTRYPOINTS))
        self.asked += 1
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
    """Epoch ns from 1990 to 2033, often near a month's end or a DST change (local midnight +- a few hours).

    Not later: rego-cpp (regopy) aborts on time.date with a zone for instants past 2037 (OPA itself does not).
    """
    year = rng.randint(1990, 2033)
    month = rng.randint(1, 12)
    day = rng.choice([1, 28, 29, 30, 31, rng.randint(1, 31)])
    hour = rng.choice([0, 1, 2, 3, 22, 23, rng.randint(0, 23)])
    try:
        moment = datetime(year, month, day, hour, rng.randint(0, 59), tzinfo=UTC)
    except ValueError:
        moment = datetime(year, month, 28, hour, tzinfo=UTC)
    return int(moment.timestamp()) * NS


def random_question(rng: random.Random, channels: list[str]):
    kind = rng.choice(["records", "account"])  # inactivity: see test_inactivity_agrees_on_chosen_instants
    if kind == "records":
        return kind, {"content": rng.choice([*RECORD_CONTENT, "fax"])}
    channel = rng.choice([*channels, "myspace"])
    if kind == "account":
        return kind, {"channel": channel}
    last = random_instant(rng)
    at = last + rng.choice([0, 1, 86400, 30 * 86400, 90 * 86400, 400 * 86400, rng.randint(0, 3 * 365 * 86400)]) * NS
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
    for year, expected in ((2026, "2027-02-28"), (2027, "2028-02-29")):
        last = int(datetime(year, 8, 31, 10, tzinfo=UTC).timestamp()) * NS
        question = {"channel": "facebook", "last_post_at_ns": last, "at_ns": last}
        assert inactivity_in_own_process(doc, question)["inactive_from"] == expected
        assert python_answer(doc, ("inactivity", question))["inactive_from"] == expected


def test_local_date_decides_not_utc(document):
    """A post at 00:30 Stockholm time on 1 March is 23:30 UTC on 28 February: the local date counts."""
    doc = copy.deepcopy(document)
    doc["governance"]["policy"]["lifecycle"]["inactive_after"] = {"count": 1, "unit": "month"}
    governance_rego(doc)
    last = int(datetime(2027, 2, 28, 23, 30, tzinfo=UTC).timestamp()) * NS  # 2027-03-01 00:30 local
    question = {"channel": "x", "last_post_at_ns": last, "at_ns": last}
    assert python_answer(doc, ("inactivity", question))["inactive_from"] == "2027-04-01"
    assert inactivity_in_own_process(doc, question)["inactive_from"] == "2027-04-01"


INACTIVITY_CASES = [
    # (threshold, last post, judged at): month ends, leap days, DST changes, year units, exact boundaries
    ({"count": 3, "unit": "month"}, (2026, 11, 30, 12), (2027, 2, 28, 12)),
    ({"count": 3, "unit": "month"}, (2026, 11, 30, 12), (2027, 2, 27, 22, 59)),
    ({"count": 1, "unit": "year"}, (2028, 2, 29, 9), (2029, 2, 28, 9)),
    ({"count": 2, "unit": "week"}, (2027, 3, 20, 23, 30), (2027, 4, 3, 22, 30)),
    ({"count": 10, "unit": "day"}, (2026, 10, 20, 23, 30), (2026, 10, 31, 23, 0)),
]


_ONE_QUERY = """
import json, sys, regopy
data, module, value = json.load(sys.stdin)
interpreter = regopy.Interpreter()
interpreter.add_data_json(data)
interpreter.add_module("socialkit/governance.rego", module)
bundle = interpreter.build(None, ["socialkit/governance/inactivity"])
interpreter.set_input(value)
out = interpreter.query_bundle_entrypoint(bundle, "socialkit/governance/inactivity")
print(json.dumps(out.results[0].expressions[0] if out.results and out.results[0].expressions else None))
"""


def inactivity_in_own_process(document, question):
    """One question in a fresh process: rego-cpp (regopy) aborts the process after some time.date calls
    with a zone in one process (OPA does not), so each answer comes from its own."""
    import json
    import subprocess
    import sys

    rego = GovernanceRego(document)
    payload = json.dumps([rego.data, rego.module, question])
    done = subprocess.run([sys.executable, "-c", _ONE_QUERY], input=payload, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("threshold,last,at", INACTIVITY_CASES)
def test_inactivity_agrees_on_chosen_instants(document, threshold, last, at):
    doc = copy.deepcopy(document)
    doc["governance"]["policy"]["lifecycle"]["inactive_after"] = threshold
    question = {
        "channel": "facebook",
        "last_post_at_ns": int(datetime(*last, tzinfo=UTC).timestamp()) * NS,
        "at_ns": int(datetime(*at, tzinfo=UTC).timestamp()) * NS,
    }
    assert inactivity_in_own_process(doc, question) == python_answer(doc, ("inactivity", question))
