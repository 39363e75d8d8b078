"""Throughput of `socialkit audit` on a generated 1,000,000-row export, against the loop a user would write.

Run: .venv/bin/python benchmarks/audit.py [ROWS]
Prints the whole-process time of `socialkit audit` (CSV in, summary out) and
rows per second, then the straightforward alternative: pandas.read_csv and
Policy.decide for each row (timed on a sample, extrapolated). Target: 1,000,000
rows in under 10 s whole process.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from socialkit.engine.timefmt import ZoneFormatter  # noqa: E402
from socialkit.runtime.policy import Event, Policy  # noqa: E402

ZONE = "Europe/Stockholm"
CHANNELS = np.array(["facebook", "instagram", "x", "linkedin", "tiktok"])
CATEGORIES = np.array(["question", "complaint", "praise", "neutral", "outage", "harassment"])
TEXTS = np.array(
    [
        "Hej! Hur byter jag till månadspris?",
        "Tredje gången fakturan är fel. Inte okej.",
        "Tack för snabb hjälp igår!",
        "Snygg bild!",
        "Strömmen är borta i hela Solvik centrum",
        "Ni är värdelösa idioter",
        "Ni hotar oss med priser",
        "Your app has been down all morning",
    ]
)
HOURS = np.array([1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 10, 12, 14, 13, 11, 9, 8, 9, 10, 8, 5, 2], dtype=float)


def generate(count: int, start: int, days: int, seed: int = 1) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    received = (
        start + rng.integers(0, days, count) * 86400 + rng.choice(24, count, p=HOURS / HOURS.sum()) * 3600 + rng.integers(0, 3600, count)
    )
    received.sort()
    late = rng.random(count) < 0.25
    respond = received + np.where(late, rng.exponential(50000, count), rng.exponential(5400, count)).astype(np.int64) + 60
    respond = np.where(rng.random(count) < 0.07, -1, respond)
    acknowledge = np.where(rng.random(count) < 0.55, received + rng.exponential(1500, count).astype(np.int64) + 30, -1)
    return {
        "id": np.char.add("M", np.arange(count).astype(str)),
        "received": received,
        "channel": CHANNELS[rng.choice(5, count, p=[0.45, 0.25, 0.2, 0.07, 0.03])],
        "category": CATEGORIES[rng.choice(6, count, p=[0.4, 0.22, 0.12, 0.14, 0.1, 0.02])],
        "acknowledged": acknowledge,
        "responded": respond,
        "followers": rng.lognormal(5.5, 1.6, count).astype(np.int64),
        "text": TEXTS[rng.integers(0, len(TEXTS), count)],
        "resolved": np.where(rng.random(count) < 0.7, "yes", "no"),
    }


def write_csv(data: dict[str, np.ndarray], path: Path) -> None:
    formatter = ZoneFormatter(ZONE)

    def stamps(values: np.ndarray) -> list[str]:
        out = [""] * len(values)
        present = np.flatnonzero(values >= 0)
        for i, text in zip(present.tolist(), formatter.rfc3339(values[present])):
            out[i] = text
        return out

    received, acknowledged, responded = stamps(data["received"]), stamps(data["acknowledged"]), stamps(data["responded"])
    with path.open("w", encoding="utf-8") as out:
        out.write("id,received_at,channel,category,acknowledged_at,responded_at,followers,text,resolved\n")
        for row in zip(
            data["id"].tolist(),
            received,
            data["channel"].tolist(),
            data["category"].tolist(),
            acknowledged,
            responded,
            data["followers"].tolist(),
            data["text"].tolist(),
            data["resolved"].tolist(),
        ):
            out.write(",".join(map(str, row)) + "\n")


def pandas_per_row(path: Path, policy: Policy, sample: int) -> float:
    """pandas.read_csv, then Policy.decide per row and a met/breached count: seconds for all rows (extrapolated)."""
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(path)
    for column in ("received_at", "acknowledged_at", "responded_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    read = time.perf_counter() - started
    rows = frame.head(sample)
    started = time.perf_counter()
    met = 0
    for row in rows.itertuples():
        decision = policy.decide(Event(row.channel, row.category, int(row.received_at.timestamp()), str(row.text), int(row.followers)))
        if decision.respond_by is not None and not pd.isna(row.responded_at) and row.responded_at.timestamp() <= decision.respond_by:
            met += 1
    per_row = (time.perf_counter() - started) / len(rows)
    return read + per_row * len(frame)


def _audit_seconds(cli: Path, path: Path, count: int) -> float:
    started = time.perf_counter()
    run = subprocess.run(
        [str(cli), "audit", str(path), "--strategy", str(ROOT / "strategy"), "--format", "json"],
        capture_output=True,
        check=False,
        env={"CI": "1", "PATH": ""},
    )
    seconds = time.perf_counter() - started
    assert run.returncode == 0, run.stderr.decode()[:500]
    assert f'"messages": {count}' in run.stdout.decode()
    return seconds


def _csv_to_jsonl(source: Path, target: Path) -> None:
    import csv
    import json

    with source.open(encoding="utf-8", newline="") as rows, target.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(rows):
            out.write(json.dumps({k: v for k, v in row.items() if v != ""}, ensure_ascii=False) + "\n")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    start = int(datetime(2026, 11, 2, tzinfo=ZoneInfo(ZONE)).timestamp())
    cli = Path(sys.executable).with_name("socialkit")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        write_csv(generate(count, start, days=180), path)
        size = path.stat().st_size / 1e6
        whole = _audit_seconds(cli, path, count)
        lines = path.with_suffix(".jsonl")
        _csv_to_jsonl(path, lines)
        whole_jsonl = _audit_seconds(cli, lines, count)
        from socialkit.compile.document import compile_policy
        from socialkit.validate import validate_paths

        result = validate_paths([ROOT / "strategy"])
        policy = Policy.from_document(compile_policy(result.strategy, as_of=datetime.fromtimestamp(start).date(), horizon_days=250))
        alternative = pandas_per_row(path, policy, sample=min(count, 20_000))
    print(f"socialkit audit: {count:,} rows ({size:.0f} MB CSV) on the example strategy, 180 days of messages")
    print(f"{'path':<52}{'seconds':>9}{'rows/s':>12}")
    print(f"{'socialkit audit, whole process (CSV in, JSON out)':<52}{whole:>9.2f}{count / whole:>12,.0f}")
    print(f"{'socialkit audit, the same rows as JSON lines':<52}{whole_jsonl:>9.2f}{count / whole_jsonl:>12,.0f}")
    print(f"{'pandas.read_csv + Policy.decide per row (extrap.)':<52}{alternative:>9.2f}{count / alternative:>12,.0f}")
    print(
        f"socialkit audit is {alternative / whole:.1f}x the per-row loop; target: 1,000,000 rows in under 10 s ({'met' if count < 1_000_000 or whole < 10 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
