"""Fixtures: the example strategy's OPA bundle, loaded into regopy (rego-cpp).

The Rego is run from the files inside opa/bundle.tar.gz, so what is tested is
what OPA would load. `Rego.decide` evaluates one input event and returns
(decision or None, errors).
"""

from __future__ import annotations

import copy
import io
import os
import tarfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialkit.compile.document import compile_policy
from socialkit.export import ExportRequest
from socialkit.export.opa import export_files
from socialkit.runtime.policy import Event, Policy
from socialkit.validate import validate_paths

regopy = pytest.importorskip("regopy")

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 23)
NS = 1_000_000_000
# Random questions per agreement test are `sample_size(n)`: the defaults keep `make test` within its budget (regopy
# answers about 40 questions a second); SOCIALKIT_AGREEMENT_SCALE=10 runs a ten times longer search.
AGREEMENT_SCALE = float(os.environ.get("SOCIALKIT_AGREEMENT_SCALE", "1"))


def sample_size(n: int) -> int:
    """How many random questions a test asks: its default n, scaled."""
    return max(1, round(n * AGREEMENT_SCALE))


ENTRYPOINTS = (
    "socialkit/decision",
    "socialkit/errors",
    "socialkit/publish/decision",
    "socialkit/publish/errors",
    "socialkit/moderate",
    "socialkit/moderate_errors",
)


def untar(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


class Rego:
    """A bundle's data.json and modules in one regopy interpreter, compiled once."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.interpreter = regopy.Interpreter()
        self.interpreter.add_data_json(files["data.json"].decode("utf-8"))
        for name in sorted(files):
            if name.endswith(".rego"):
                self.interpreter.add_module(name, files[name].decode("utf-8"))
        self.bundle = self.interpreter.build(None, list(ENTRYPOINTS))

    @classmethod
    def from_tarball(cls, data: bytes) -> Rego:
        return cls(untar(data))

    def query(self, entrypoint: str, value: Any) -> Any:
        """The entrypoint's value for input `value`; None when undefined."""
        self.interpreter.set_input(value)
        output = self.interpreter.query_bundle_entrypoint(self.bundle, entrypoint)
        if not output.results or not output.results[0].expressions:
            return None
        return output.results[0].expressions[0]

    def decide(self, value: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
        decision = self.query("socialkit/decision", value)
        return decision, (self.query("socialkit/errors", value) if decision is None else [])

    def may_publish(self, value: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
        decision = self.query("socialkit/publish/decision", value)
        return decision, (self.query("socialkit/publish/errors", value) if decision is None else [])


def expected(policy: Policy, event: Event) -> dict[str, Any] | None:
    """Policy.decide's answer as the Rego decision (ns), or None when it raises."""
    try:
        d = policy.decide(event)
    except (ValueError, KeyError):  # PolicyError, HorizonError
        return None
    ns = lambda t: None if t is None else t * NS  # noqa: E731
    stated = {} if d.kind is None else {"kind": d.kind, "handling": d.handling}
    return stated | {
        "channel": d.channel,
        "category": d.category,
        "received_at_ns": d.received_at * NS,
        "timezone": d.timezone,
        "open": d.open,
        "next_open_ns": ns(d.next_open_at),
        "closes_at_ns": ns(d.closes_at),
        "clock": d.clock,
        "acknowledge_by_ns": ns(d.acknowledge_by),
        "respond_by_ns": ns(d.respond_by),
        "promise": d.promise,
        "update_if_longer": d.update_if_longer,
        "update_by_ns": ns(d.update_by),
        "team": d.team,
        "on_duty": list(d.on_duty),
        "escalation": d.escalation,
        "arrival_window": d.arrival_window,
    }


def as_input(event: Event, *, offset_ns: int = 0, rfc3339: str | None = None) -> dict[str, Any]:
    value: dict[str, Any] = {
        "channel": event.channel,
        "category": event.category,
        "text": event.text,
        "followers": event.followers,
        "author_type": event.author_type,
        "crisis": event.crisis,
    }
    if event.kind is not None:
        value["kind"] = event.kind
    if rfc3339 is not None:
        value["received_at"] = rfc3339
    else:
        value["received_at_ns"] = event.received_at * NS + offset_ns
    return value


@pytest.fixture(scope="session")
def example():
    result = validate_paths([ROOT / "strategy"])
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def document(example) -> dict[str, Any]:
    return compile_policy(example.strategy, as_of=AS_OF, fingerprint=example.source.fingerprint())


@pytest.fixture(scope="session")
def files(document, example) -> dict[str, bytes]:
    return export_files(ExportRequest(document, example.strategy, as_of=AS_OF))


@pytest.fixture(scope="session")
def policy(document) -> Policy:
    return Policy.from_document(document)


@pytest.fixture(scope="session")
def rego(files) -> Rego:
    return Rego.from_tarball(files["opa/bundle.tar.gz"])


def variant_document(document: dict[str, Any]) -> dict[str, Any]:
    """The example policy with what the example strategy does not use: targets
    from the next opening (business and calendar), working days with a target
    for closed arrivals and on a channel without a schedule, a rule with `during`,
    `channels`, `crisis`, `max_followers` and a zero acknowledge limit, arrival
    windows (both clocks, a gap, a window after 'otherwise', working days), routing
    to a team without a rota, and a crisis schedule with no open time at all."""
    doc = copy.deepcopy(document)
    slas = doc["slas"]
    slas["standard"]["targets"]["question"]["respond"]["if_received_closed"] = 3600
    slas["standard"]["targets"]["question"]["respond"]["within"] = {"working_days": 3}
    doc["channels"]["tiktok"]["sla"] = "careers"  # working days on a channel without a schedule: no deadline
    slas["standard"]["targets"]["praise"]["acknowledge"]["if_received_closed"] = "end-of-next-business-day"
    slas["careers"]["clock"] = "calendar"
    slas["careers"]["targets"]["default"]["respond"]["if_received_closed"] = 1800
    slas["careers"]["targets"]["default"]["acknowledge"] = {"within": 600, "if_received_closed": 0}
    slas["standard"]["targets"]["complaint"]["respond"] = {  # arrival windows: business and calendar, a gap, a closed target
        "windows": [
            {"during": "evening-outage-desk", "within": 3600, "if_received_closed": None, "clock": "business"},
            {"during": "weekend-watch", "within": 7200, "if_received_closed": "end-of-next-business-day", "clock": "calendar"},
            {"during": "office-hours", "within": {"working_days": 1}, "if_received_closed": 1800, "clock": "calendar"},
        ]
    }
    slas["standard"]["targets"]["complaint"]["acknowledge"] = {
        "windows": [
            {"during": "office-hours", "within": 1800, "if_received_closed": None, "clock": "calendar"},
            {"during": None, "within": 0, "if_received_closed": 3600, "clock": "business"},
            {"during": "weekend-watch", "within": 60, "if_received_closed": None, "clock": "calendar"},
        ]
    }
    never = copy.deepcopy(doc["schedules"]["office-hours"])
    compiled = never["compiled"]
    compiled.update(
        id="never", windows=[], cum=[], day_closes=[-1] * len(compiled["day_closes"]), work_closes=[-1] * len(compiled["work_closes"])
    )
    doc["schedules"]["never"] = never
    doc["channels"]["instagram"]["crisis_schedule"] = "never"
    doc["channels"]["instagram"]["crisis_sla"] = "standard"
    rule = {
        "id": "weekend-crisis",
        "priority": "high",
        "route_to": "careers",
        "notify": ["johan"],
        "acknowledge_within": 0,
        "respond_within": None,
        "clock": "business",
        "reply_style": None,
        "when": {
            "categories": [],
            "channels": ["x", "linkedin", "instagram"],
            "keywords": [["hot"], ["ska", "döda"]],
            "author_types": [],
            "min_followers": None,
            "max_followers": 500,
            "during": "weekend-watch",
            "outside": None,
            "crisis": True,
        },
    }
    quiet = {
        "id": "quiet-praise",
        "priority": "low",
        "route_to": None,
        "notify": [],
        "acknowledge_within": None,
        "respond_within": 5400,
        "clock": None,
        "reply_style": "personal",
        "when": {
            "categories": ["praise"],
            "channels": [],
            "keywords": [],
            "author_types": ["customer"],
            "min_followers": 10,
            "max_followers": 100,
            "during": "office-hours",
            "outside": "evening-outage-desk",
            "crisis": False,
        },
    }
    private = {
        "id": "private-outage",
        "priority": "high",
        "route_to": None,
        "notify": [],
        "acknowledge_within": None,
        "respond_within": 7200,
        "clock": "calendar",
        "reply_style": "move-to-private",
        "when": {
            "categories": ["outage"],
            "channels": [],
            "keywords": [],
            "author_types": [],
            "kinds": ["direct-message", "tagged-mention"],
            "min_followers": None,
            "max_followers": None,
            "during": None,
            "outside": None,
            "crisis": None,
        },
    }
    doc["escalation"][0:0] = [rule, quiet, private]
    # kinds with their own targets (outside crisis mode) and with no time promised
    doc["channels"]["instagram"]["kinds"] = {
        "direct-message": {"promise": "deadline", "redirect": None, "sla": "careers"},
        "review": {"promise": "read-only", "redirect": None, "sla": None},
    }
    doc["channels"]["linkedin"]["kinds"] = {"comment": {"promise": "best-effort", "redirect": None, "sla": "standard"}}
    _vary_promises(doc)
    _relay_with_gap_overlap_and_unnamed_turn(doc)
    return doc


RELAY_TURNS = [
    {"person": "sara", "start": "2026-11-30T08:00:00", "end": "2026-12-14T08:00:00"},  # a gap until Omar's turn
    {"person": "omar", "start": "2026-12-21T08:00:00", "end": "2027-01-18T08:00:00"},  # overlaps Anna's turn
    {"person": "anna", "start": "2027-01-11T08:00:00", "end": None},  # until the next turn
    {"person": None, "start": "2027-03-01T08:00:00", "end": None},  # nobody named: nobody on duty from here on
]


def _relay_with_gap_overlap_and_unnamed_turn(doc: dict[str, Any]) -> None:
    """The film relay (dated turns) with the cases the example's tidy relay lacks, compiled like compile does."""
    from datetime import date

    from socialkit.engine.rota import compile_rota, rota_spec_from_plain

    films = doc["teams"]["films"]
    films["rota_rules"]["layers"][0]["turns"] = RELAY_TURNS
    provenance = doc["provenance"]
    spec = rota_spec_from_plain(films["rota_rules"])
    films["rota"] = compile_rota(spec, date.fromisoformat(provenance["as_of"]), provenance["horizon_days"]).to_plain()


def _vary_promises(doc: dict[str, Any]) -> None:
    """Promises the example does not use: a best-effort channel keeping its SLA for crisis mode, with an update due
    on the business clock; a deadline channel with an untimed update obligation and one with a calendar-clock update;
    a read-only SLA target; a read-only channel whose update obligation never applies; a document from before promises."""
    channels, slas = doc["channels"], doc["slas"]
    channels["youtube"]["crisis_sla"] = "crisis"
    channels["facebook"]["update_if_longer"] = {"after": None, "clock": "calendar"}
    channels["x"]["update_if_longer"] = {"after": 5400, "clock": "calendar"}
    channels["youtube"]["update_if_longer"] = {"after": 7200, "clock": "business"}
    channels["tiktok"]["update_if_longer"] = {"after": 600, "clock": "calendar"}
    del channels["instagram"]["promise"]  # written before promises: derived from the SLA
    slas["standard"]["targets"]["harassment"] = {"acknowledge": None, "respond": None, "promise": "read-only"}
    slas["crisis"]["targets"]["praise"] = {"acknowledge": None, "respond": None, "promise": "best-effort"}


@pytest.fixture(scope="session")
def variant(document) -> tuple[Policy, Rego]:
    doc = variant_document(document)
    return Policy.from_document(doc), Rego.from_tarball(export_files(ExportRequest(doc, None, as_of=AS_OF))["opa/bundle.tar.gz"])
