"""Seeded random events over the compiled horizon, weighted towards the hard cases.

Instants: uniform over the horizon, at and next to every window edge, day
start and rota hand-off, the DST weekends (2027-03-28, 2027-10-31), Christmas
and New Year, Midsummer, and just outside the horizon. Texts: keywords and
near-misses ("hotell", "skadöda") in mixed case, joined by spaces, punctuation
and underscores, from ASCII plus Swedish letters (the characters on which
Python's and every Rego interpreter's lower-casing and word tokens agree).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from socialkit.runtime.policy import Event

NS = 1_000_000_000
WORDS = [
    "hot",
    "hotar",
    "bomb",
    "threat",
    "ska",
    "döda",
    "kill",
    "Hot",
    "THREAT",
    "Ska",
    "DÖDA",
    "Döda",
    "KILL",
    "hotell",
    "killer",
    "skadöda",
    "dödar",
    "hej",
    "ström",
    "avbrott",
    "elräkning",
    "Åsa",
    "ÄNTLIGEN",
    "Öl",
    "café",
    "x2",
    "42",
    "2027",
    "a1b2",
    "tack",
]
SEPARATORS = [" ", " ", " ", ", ", "! ", ". ", "-", "_", "  ", "/", "?", ":", "'", "(", ")", "\n", "#", "@"]
AUTHORS = [None, None, "journalist", "customer", "politician", "employee"]
KINDS = [None, None, None, "comment", "direct-message", "tagged-mention", "untagged-mention", "review"]
FOLLOWERS = [None, None, 0, 1, 10, 99, 100, 101, 499, 500, 501, 9999, 10000, 10001, 250000, -1, -5]


def _utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


PERIODS = [
    (_utc(2027, 3, 26), _utc(2027, 3, 30)),  # DST starts 2027-03-28
    (_utc(2027, 10, 29), _utc(2027, 11, 2)),  # DST ends 2027-10-31
    (_utc(2026, 12, 18), _utc(2027, 1, 8)),  # Christmas, New Year, Epiphany
    (_utc(2027, 6, 22), _utc(2027, 6, 29)),  # Midsummer, the summer season's start
    (_utc(2027, 4, 29), _utc(2027, 5, 2)),  # Walpurgis Eve's special hours
]


class EventMaker:
    def __init__(self, document: dict[str, Any], seed: int) -> None:
        self.rnd = random.Random(seed)
        self.channels = sorted(document["channels"])
        self.categories = sorted(document["categories"])
        provenance = document["provenance"]
        self.start, self.end = provenance["horizon_start"], provenance["horizon_end"]
        edges: set[int] = set()
        for schedule in document["schedules"].values():
            compiled = schedule["compiled"]
            edges.update(x for window in compiled["windows"] for x in window)
            edges.update(compiled["day_starts"])
            edges.update(c for c in compiled["day_closes"] if c >= 0)
            edges.update(c for c in compiled["work_closes"] if c >= 0)
        for team in document["teams"].values():
            if team["rota"]:
                edges.update(x for span in team["rota"]["spans"] for x in span[:2])
        self.edges = sorted(edges)

    def instant(self) -> int:
        rnd, roll = self.rnd, self.rnd.random()
        if roll < 0.3:
            return rnd.randrange(self.start, self.end)
        if roll < 0.65:
            return rnd.choice(self.edges) + rnd.choice([-3600, -61, -1, 0, 0, 0, 1, 59, 1800, rnd.randrange(-86400, 86400)])
        if roll < 0.97:
            low, high = rnd.choice(PERIODS)
            return rnd.randrange(low, high)
        return rnd.choice([self.start - 1, self.end, self.end + 3600, self.start - 86400])

    def text(self) -> str:
        rnd = self.rnd
        if rnd.random() < 0.15:
            return rnd.choice(["", " ", "!!"])
        parts = [rnd.choice(SEPARATORS) if rnd.random() < 0.3 else ""]
        for _ in range(rnd.randrange(1, 7)):
            parts += [rnd.choice(WORDS), rnd.choice(SEPARATORS)]
        return "".join(parts[:-1] if rnd.random() < 0.5 else parts)

    def event(self) -> Event:
        rnd = self.rnd
        channel = rnd.choice(self.channels) if rnd.random() > 0.02 else "myspace"
        category = rnd.choice(self.categories) if rnd.random() > 0.02 else "spam"
        return Event(
            channel,
            category,
            self.instant(),
            self.text(),
            rnd.choice(FOLLOWERS),
            rnd.choice(AUTHORS),
            rnd.random() < 0.3,
            rnd.choice(KINDS) if rnd.random() > 0.02 else "dm",
        )

    def timing(self, event: Event) -> dict[str, Any]:
        """How the input gives the instant: whole ns, ns with a sub-second part, or RFC 3339."""
        rnd, roll = self.rnd, self.rnd.random()
        if roll < 0.15:
            zone = timezone(timedelta(seconds=rnd.choice([0, 3600, 7200, -18000, 19800])))
            text = datetime.fromtimestamp(event.received_at, zone).isoformat()
            return {"rfc3339": text.replace("+00:00", "Z") if rnd.random() < 0.5 else text}
        if roll < 0.3:
            return {"offset_ns": rnd.choice([1, 500_000_000, NS - 1])}
        return {}
