"""The runtime's plain data: events, decisions, the batch sentinel and the one error.

Shared by the Policy API (`policy`), the batch planner (`batch`) and the JSON-lines writer (`lines`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.engine.deadlines import NO_TIME  # noqa: F401  (re-exported: the runtime's batch sentinel)
from socialkit.errors import SocialkitError


class PolicyError(SocialkitError, ValueError):
    """The event or the document cannot be evaluated (unknown channel, bad format...)."""


@dataclass(frozen=True, slots=True)
class Event:
    channel: str
    category: str
    received_at: int  # UTC epoch seconds
    text: str = ""
    followers: int | None = None
    author_type: str | None = None
    crisis: bool = False
    kind: str | None = None  # how it reached us: comment, direct-message, ... (None: not stated)


@dataclass(frozen=True)
class EventBatch:
    """Many events as columns: what the batch methods work on.

    Build one with `EventBatch.from_events(events)`, or fill the columns
    directly when reading a large file (no Event object per row).
    """

    channel: list[str]
    category: list[str]
    received_at: np.ndarray  # int64 UTC epoch seconds
    text: list[str]
    followers: np.ndarray  # int64; -1 where unknown
    author_type: list[str | None]
    crisis: np.ndarray  # bool
    kind: list[str | None] | None = None  # None: no event states a kind

    @classmethod
    def from_events(cls, events: list[Event] | EventBatch) -> EventBatch:
        if isinstance(events, EventBatch):
            return events
        for event in events:
            _check_event_types(event)
        n = len(events)
        return cls(
            channel=[e.channel for e in events],
            category=[e.category for e in events],
            received_at=np.fromiter((e.received_at for e in events), dtype=np.int64, count=n),
            text=[e.text for e in events],
            followers=np.fromiter((-1 if e.followers is None else e.followers for e in events), dtype=np.int64, count=n),
            author_type=[e.author_type for e in events],
            crisis=np.fromiter((bool(e.crisis) for e in events), dtype=bool, count=n),
            kind=[e.kind for e in events] if any(e.kind is not None for e in events) else None,
        )

    def kinds(self) -> list[str | None]:
        """The kind column, None for each event when no event states one."""
        return self.kind if self.kind is not None else [None] * len(self)

    def __len__(self) -> int:
        return len(self.channel)


def _check_event_types(event: Event) -> None:
    """Refuse what would otherwise be silently coerced (2.5 followers, crisis='no')."""
    followers = event.followers
    if followers is not None and (type(followers) is not int or followers < 0):
        raise PolicyError(f"followers must be a whole number of 0 or more, not {followers!r}")
    if type(event.crisis) is not bool:
        raise PolicyError(f"crisis must be True or False, not {event.crisis!r}")
    if event.kind is not None and type(event.kind) is not str:
        raise PolicyError(f"kind must be a string such as 'direct-message', not {event.kind!r}")
    if type(event.received_at) is not int:
        raise PolicyError(f"received_at must be epoch seconds (int), not {event.received_at!r}; see parse_instant")


@dataclass(frozen=True, slots=True)
class Decision:
    channel: str
    category: str
    received_at: int
    timezone: str
    open: bool
    next_open_at: int | None
    closes_at: int | None
    clock: str | None
    acknowledge_by: int | None
    respond_by: int | None
    team: str | None
    on_duty: tuple[str, ...]
    escalation: dict[str, Any] | None
    explanation: str = ""
    promise: str = "deadline"  # deadline, best-effort, read-only or none; the deadlines are None unless 'deadline'
    update_if_longer: bool = False  # the person must be told if the answer takes longer
    update_by: int | None = None  # when that update is due, if the channel names a time
    arrival_window: dict[str, str | None] | None = None  # target -> the arrival window that applied; None: no windows
    kind: str | None = None
    handling: dict[str, Any] | None = None  # the channel's handling of this kind, as in the policy document

    def to_json(self) -> dict[str, Any]:
        """RFC 3339 times in the schedule's zone, as `socialkit evaluate --format json` prints."""
        zone = ZoneInfo(self.timezone)
        stamp = lambda t: None if t is None else rfc3339(t, zone)  # noqa: E731
        answer = {
            "channel": self.channel,
            "category": self.category,
            "received_at": stamp(self.received_at),
            "open": self.open,
            "next_open_at": stamp(self.next_open_at),
            "closes_at": stamp(self.closes_at),
            "clock": self.clock,
            "acknowledge_by": stamp(self.acknowledge_by),
            "respond_by": stamp(self.respond_by),
            "promise": self.promise,
            "update_if_longer": self.update_if_longer,
            "update_by": stamp(self.update_by),
            "team": self.team,
            "on_duty": list(self.on_duty),
            "escalation": self.escalation,
            "arrival_window": self.arrival_window,
        }
        if self.kind is not None:  # absent kind: the answer as before kinds existed
            answer["kind"] = self.kind
            answer["handling"] = self.handling
        answer["explanation"] = self.explanation
        return answer


def rfc3339(t: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, zone).isoformat()


def parse_instant(text: str) -> int:
    """RFC 3339 with a numeric offset or Z -> epoch seconds. Naive times are refused."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise PolicyError(f"'{_shown(text)}' is not an RFC 3339 time such as 2026-11-23T16:30:00+01:00") from None
    if parsed.tzinfo is None:
        raise PolicyError(f"'{_shown(text)}' has no UTC offset; write e.g. 2026-11-23T16:30:00+01:00")
    try:
        return int(parsed.astimezone(UTC).timestamp())
    except (OverflowError, ValueError):
        raise PolicyError(f"'{_shown(text)}' is outside the years 1 to 9999") from None


def _shown(value: object, width: int = 60) -> str:
    """A value quoted in a message: one line, at most `width` characters."""
    text = str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape", errors="backslashreplace").decode("ascii")
    return text if len(text) <= width else text[: width - 1] + "…"
