"""Decision latency: the OPA bundle's Rego (run in-process by regopy, i.e.
rego-cpp) against socialkit's Python API, on the example strategy.

    .venv/bin/python benchmarks/opa.py [--events N] [--seed S]

Both answer the same random events (every channel and category, instants
across the compiled horizon, texts with and without keywords, crisis on and
off); the script checks that they agree, then prints the mean wall time of
one decision each way and the ratio. regopy evaluates a compiled plan of the
bundle (`Interpreter.build`), so the figure is evaluation, not parsing. A
real OPA server adds HTTP and JSON on top of its own (faster, Go)
evaluation.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tarfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
NS = 1_000_000_000
WORDS = ["hej", "ström", "avbrott", "hot", "Ska", "döda", "THREAT", "kill", "hotell", "faktura", "tack", "42"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from regopy import Interpreter

    from socialkit.compile.document import compile_policy
    from socialkit.export.opa import export_files
    from socialkit.runtime.policy import Event, Policy
    from socialkit.validate import validate_paths

    result = validate_paths([ROOT / "strategy"])
    if not result.ok:
        print("the example strategy does not validate", file=sys.stderr)
        return 1
    document = compile_policy(result.strategy, as_of=AS_OF, fingerprint=result.source.fingerprint())
    tarball = export_files(document, result.strategy, as_of=AS_OF)["opa/bundle.tar.gz"]
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        files = {m.name: tar.extractfile(m).read().decode("utf-8") for m in tar.getmembers() if m.isfile()}

    started = time.perf_counter()
    rego = Interpreter()
    rego.add_data_json(files["data.json"])
    for name in sorted(files):
        if name.endswith(".rego"):
            rego.add_module(name, files[name])
    plan = rego.build(None, ["socialkit/decision"])
    load_s = time.perf_counter() - started

    policy = Policy.from_document(document)
    rnd = random.Random(args.seed)
    start, end = document["provenance"]["horizon_start"], document["provenance"]["horizon_end"]
    events = [
        Event(
            rnd.choice(sorted(document["channels"])),
            rnd.choice(sorted(document["categories"])),
            rnd.randrange(start, end),
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(0, 8))),
            rnd.choice([None, 50, 12000]),
            rnd.choice([None, "journalist", "customer"]),
            rnd.random() < 0.2,
        )
        for _ in range(args.events)
    ]
    inputs = [
        {
            "channel": e.channel,
            "category": e.category,
            "received_at_ns": e.received_at * NS,
            "text": e.text,
            "followers": e.followers,
            "author_type": e.author_type,
            "crisis": e.crisis,
        }
        for e in events
    ]

    policy.decide(events[0])  # warm both up
    rego.set_input(inputs[0])
    rego.query_bundle_entrypoint(plan, "socialkit/decision")

    started = time.perf_counter()
    answers = []
    for value in inputs:
        rego.set_input(value)
        answers.append(rego.query_bundle_entrypoint(plan, "socialkit/decision").results[0].expressions[0])
    rego_s = time.perf_counter() - started

    started = time.perf_counter()
    decisions = [policy.decide(e) for e in events]
    python_s = time.perf_counter() - started

    started = time.perf_counter()
    policy.decide_many(events)
    batch_s = time.perf_counter() - started

    disagree = sum(
        a["respond_by_ns"] != (None if d.respond_by is None else d.respond_by * NS)
        or a["open"] != d.open
        or a["acknowledge_by_ns"] != (None if d.acknowledge_by is None else d.acknowledge_by * NS)
        for a, d in zip(answers, decisions)
    )
    n = len(events)
    rego_us, python_us, batch_us = rego_s / n * 1e6, python_s / n * 1e6, batch_s / n * 1e6
    print(f"OPA bundle vs Python API, example strategy, {n} events (seed {args.seed})")
    print(f"  bundle load + compile (regopy)   {load_s * 1e3:10.1f} ms")
    print(f"  Rego via regopy (rego-cpp)       {rego_us:10.1f} us/decision")
    print(f"  Python Policy.decide             {python_us:10.1f} us/decision")
    print(f"  Python Policy.decide_many        {batch_us:10.1f} us/decision (one batch)")
    print(f"  ratio regopy / Policy.decide     {rego_us / python_us:10.1f} x")
    print(f"  disagreements                    {disagree:10d}")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
