"""Realistic generated interaction logs for the audit tests and the benchmark (seeded, deterministic).

Arrivals follow office rhythms (weekday mornings and afternoons, evening
peaks on X), answers come mostly within opening hours, some late, some never.
Rows are plain dicts with canonical fields and epoch-second times.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

CHANNELS = [("facebook", 45), ("instagram", 25), ("x", 20), ("linkedin", 7), ("tiktok", 3)]
CATEGORIES = [("question", 40), ("complaint", 22), ("praise", 12), ("neutral", 14), ("outage", 10), ("harassment", 2)]
HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 10, 12, 14, 13, 11, 9, 8, 9, 10, 8, 5, 2]
WEEKDAYS = [10, 10, 10, 10, 9, 5, 5]
AGENTS = ["Sara Nyberg", "Omar Haddad", "Erik Holm", "Anna Lind"]
TEXTS = {
    "question": [
        "Hej! Hur byter jag till månadspris?",
        "När kommer fakturan för november?",
        "Kan jag flytta mitt avtal till nya lägenheten?",
        "Hi, do you offer solar panel buy-back?",
    ],
    "complaint": [
        "Tredje gången fakturan är fel. Inte okej.",
        "Ingen har svarat på mitt mejl på en vecka",
        "Varför höjs elpriset igen?",
        "Your app has been down all morning",
    ],
    "praise": ["Tack för snabb hjälp igår!", "Bästa kundservicen, tack Sara", "Great service, thanks"],
    "neutral": ["Snygg bild!", "Intressant läsning", "👍"],
    "outage": ["Strömmen är borta i hela Solvik centrum", "Avbrott på Norra vägen sedan 21", "Power cut in Ekby, any news?"],
    "harassment": ["Ni är värdelösa idioter allihop", "Den där handläggaren borde sparkas"],
}
SV_CHANNELS = {"facebook": "Facebook", "instagram": "Instagram", "x": "X (Twitter)", "linkedin": "LinkedIn", "tiktok": "TikTok"}
SV_CATEGORIES = {
    "question": "Fråga",
    "complaint": "Klagomål",
    "praise": "Beröm",
    "neutral": "Övrig kommentar",
    "outage": "Strömavbrott",
    "harassment": "Trakasserier",
}


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


KINDS = ["", "", "comment", "direct-message", "tagged-mention", "untagged-mention", "review"]


def generate(count: int, *, start: int, days: int, seed: int = 1, zone: str = "Europe/Stockholm", kinds: bool = False) -> list[dict]:
    """`count` messages arriving over `days` days from UTC instant `start`; with `kinds`, each with a message kind
    (drawn apart, so the other columns are the same with or without)."""
    rng = random.Random(seed)
    kind_rng = random.Random(seed + 1)
    tz = ZoneInfo(zone)
    rows = []
    day_weights = []
    for day in range(days):
        weekday = datetime.fromtimestamp(start + day * 86400 + 43200, tz).weekday()
        day_weights.append(WEEKDAYS[weekday])
    for i in range(count):
        day = rng.choices(range(days), weights=day_weights)[0]
        hour = rng.choices(range(24), weights=HOURS)[0]
        received = start + day * 86400 + hour * 3600 + rng.randrange(3600)
        channel, category = _pick(rng, CHANNELS), _pick(rng, CATEGORIES)
        roll = rng.random()
        if roll < 0.07:
            responded = None
        elif roll < 0.75:
            responded = received + int(rng.expovariate(1 / 5400)) + 60
        else:
            responded = received + int(rng.expovariate(1 / 50000)) + 600
        acknowledged = None
        if rng.random() < 0.55:
            acknowledged = received + int(rng.expovariate(1 / 1500)) + 30
        text = rng.choice(TEXTS[category])
        if rng.random() < 0.004:
            text = "Jag hotar att gå till pressen, ni ska få se"
        rows.append(
            {
                "id": f"M{100000 + i}",
                "received_at": received,
                "channel": channel,
                "category": category,
                "acknowledged_at": acknowledged,
                "responded_at": responded,
                "agent": rng.choice(AGENTS) if responded is not None else "",
                "followers": int(rng.lognormvariate(5.5, 1.6)) if rng.random() < 0.9 else None,
                "author_type": "journalist" if rng.random() < 0.02 else "customer",
                "text": text,
                "resolved": responded is not None and rng.random() < 0.8,
                **({"kind": kind_rng.choice(KINDS)} if kinds else {}),
            }
        )
    rows.sort(key=lambda r: r["received_at"])
    return rows


def local(t: int | None, zone: str = "Europe/Stockholm", fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if t is None else datetime.fromtimestamp(t, ZoneInfo(zone)).strftime(fmt)


def rfc3339(t: int | None, zone: str = "Europe/Stockholm") -> str:
    return "" if t is None else datetime.fromtimestamp(t, ZoneInfo(zone)).isoformat()


def write_canonical_csv(rows: list[dict], path: Path, delimiter: str = ",") -> None:
    fields = [
        "id",
        "received_at",
        "channel",
        "category",
        "acknowledged_at",
        "responded_at",
        "agent",
        "followers",
        "author_type",
        "text",
        "resolved",
    ] + (["kind"] if rows and "kind" in rows[0] else [])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(fields)
        for r in rows:
            writer.writerow(
                [
                    r["id"],
                    rfc3339(r["received_at"]),
                    r["channel"],
                    r["category"],
                    rfc3339(r["acknowledged_at"]),
                    rfc3339(r["responded_at"]),
                    r["agent"],
                    "" if r["followers"] is None else r["followers"],
                    r["author_type"],
                    r["text"],
                    "yes" if r["resolved"] else "no",
                ]
                + ([r["kind"]] if "kind" in r else [])
            )


def write_sprout_csv(rows: list[dict], path: Path) -> None:
    """Sprout-like: ';' separated, a BOM, naive local times, Swedish tags, network display names."""
    header = [
        "Message ID",
        "Received Time",
        "Network",
        "Profile",
        "Tags",
        "Message",
        "Sender Followers",
        "First Action Time",
        "First Reply Time",
        "Replied By",
        "Completed",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        for r in rows:
            writer.writerow(
                [
                    r["id"],
                    local(r["received_at"]),
                    SV_CHANNELS[r["channel"]],
                    "Solvik Energi",
                    SV_CATEGORIES[r["category"]],
                    r["text"],
                    "" if r["followers"] is None else f"{r['followers']:,}".replace(",", " "),
                    local(r["acknowledged_at"]),
                    local(r["responded_at"]),
                    r["agent"],
                    "Yes" if r["resolved"] else "No",
                ]
            )


def write_zendesk_jsonl(rows: list[dict], path: Path) -> None:
    """Zendesk-like: one ticket per line, nested via/metric_set/requester objects, UTC times with Z."""
    z = lambda t: None if t is None else datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    with path.open("w", encoding="utf-8") as out:
        for n, r in enumerate(rows):
            ticket = {
                "id": 48000 + n,
                "created_at": z(r["received_at"]),
                "via": {"channel": r["channel"], "source": {"rel": "direct_message"}},
                "category": r["category"],
                "subject": r["text"][:40],
                "description": r["text"],
                "status": "solved" if r["resolved"] else ("open" if r["responded_at"] is None else "pending"),
                "requester": {"role": "end-user" if r["author_type"] == "customer" else r["author_type"], "followers": r["followers"]},
                "assignee": {"name": r["agent"] or None},
                "metric_set": {"first_acknowledged_at": z(r["acknowledged_at"]), "first_reply_at": z(r["responded_at"])},
            }
            out.write(json.dumps(ticket, ensure_ascii=False) + "\n")
