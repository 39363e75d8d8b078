"""The out-of-core path: the policy as tables, and the shipped SQL that judges a log with them.

`export_tables(policy, folder)` writes the compiled policy as Parquet tables
(`socialkit audit --duckdb-export DIR`); `sql/verdicts.sql` and
`sql/summary.sql` judge a `messages` view against them. The SQL uses no
DuckDB-only construct beyond regexp_replace's \\pL\\pN classes, so the same
files run on a bigger engine reading the same tables. `connect` sets up a
DuckDB connection with the tables as views (what the tests and the guide use).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np

from socialkit.runtime.policy import Policy
from socialkit.strategy.scalars import END_OF_NEXT_BUSINESS_DAY

TABLES = ("horizon", "segments", "windows", "days", "plans", "arrival_windows", "rules", "rule_values", "rule_keywords")
SCHEMAS = {
    "horizon": "horizon_start BIGINT, horizon_end BIGINT",
    "segments": "schedule VARCHAR, seg_from BIGINT, seg_to BIGINT, w_start BIGINT, w_end BIGINT, cum BIGINT, next_start BIGINT",
    "windows": "schedule VARCHAR, w_start BIGINT, w_end BIGINT, cum BIGINT",
    "days": "schedule VARCHAR, day_start BIGINT, day_end BIGINT, day_close BIGINT, work_close BIGINT, worked INTEGER",
    "plans": (
        "channel VARCHAR, category VARCHAR, crisis BOOLEAN, rule_index INTEGER, kind VARCHAR, rule VARCHAR, team VARCHAR, schedule VARCHAR, "
        "clock VARCHAR, ack_within BIGINT, ack_clock VARCHAR, ack_closed BIGINT, ack_closed_eonbd BOOLEAN, "
        "resp_within BIGINT, resp_clock VARCHAR, resp_closed BIGINT, resp_closed_eonbd BOOLEAN, "
        "ack_working_days INTEGER, resp_working_days INTEGER"
    ),
    "arrival_windows": (  # a plan's target that depends on the arrival: its windows in order (during NULL: otherwise)
        "channel VARCHAR, category VARCHAR, crisis BOOLEAN, rule_index INTEGER, message_kind VARCHAR, kind VARCHAR, position INTEGER, "
        "during VARCHAR, "
        "within BIGINT, clock VARCHAR, closed BIGINT, closed_eonbd BOOLEAN, working_days INTEGER"
    ),
    "rules": (
        "rule_index INTEGER, rule VARCHAR, has_categories BOOLEAN, has_channels BOOLEAN, has_author_types BOOLEAN, "
        "has_keywords BOOLEAN, min_followers BIGINT, max_followers BIGINT, crisis BOOLEAN, during VARCHAR, outside VARCHAR, "
        "has_kinds BOOLEAN"
    ),
    "rule_values": "rule_index INTEGER, kind VARCHAR, value VARCHAR",
    "rule_keywords": "rule_index INTEGER, phrase VARCHAR",
}


def sql_text(name: str) -> str:
    """A shipped SQL file: 'verdicts' or 'summary'."""
    return resources.files(__package__).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def policy_rows(policy: Policy) -> dict[str, list[tuple]]:
    """Every table as rows (plain tuples), straight from the compiled policy."""
    doc = policy.document
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
    rows["horizon"].append((doc["provenance"]["horizon_start"], doc["provenance"]["horizon_end"]))
    for schedule_id in sorted(doc["schedules"]):
        _schedule_rows(policy, schedule_id, rows)
    rules = doc["escalation"]
    for index, rule in enumerate(rules):
        when = rule["when"]
        rows["rules"].append(
            (
                index,
                rule["id"],
                bool(when["categories"]),
                bool(when["channels"]),
                bool(when["author_types"]),
                bool(when["keywords"]),
                when["min_followers"],
                when["max_followers"],
                when["crisis"],
                when["during"],
                when["outside"],
                bool(when.get("kinds")),
            )
        )
        for kind, key in (("category", "categories"), ("channel", "channels"), ("author_type", "author_types"), ("kind", "kinds")):
            rows["rule_values"] += [(index, kind, value) for value in when.get(key, [])]
        rows["rule_keywords"] += [(index, " " + " ".join(phrase) + " ") for phrase in when["keywords"]]
    for channel in sorted(doc["channels"]):
        for category in sorted(doc["categories"]):
            for crisis in (False, True):
                for index in range(-1, len(rules)):
                    for message_kind in (None, *doc.get("message_kinds", ())):  # None: no kind stated
                        rows["plans"].append(_plan_row(policy, channel, category, crisis, index, message_kind))
                        rows["arrival_windows"] += _window_rows(policy, channel, category, crisis, index, message_kind)
    return rows


def _schedule_rows(policy: Policy, schedule_id: str, rows: dict[str, list[tuple]]) -> None:
    cs = policy.schedule(schedule_id)
    starts, ends, cum = cs.starts.tolist(), cs.ends.tolist(), cs.cum.tolist()
    first = starts[0] if starts else cs.horizon_end
    rows["segments"].append(
        (schedule_id, cs.horizon_start, max(first, cs.horizon_start), cs.horizon_start, cs.horizon_start, 0, starts[0] if starts else None)
    )
    for k, (start, end, before) in enumerate(zip(starts, ends, cum)):
        following = starts[k + 1] if k + 1 < len(starts) else None
        rows["segments"].append((schedule_id, start, following if following is not None else cs.horizon_end, start, end, before, following))
        rows["windows"].append((schedule_id, start, end, before))
    day_starts, closes, work_closes = cs.day_starts.tolist(), cs.day_closes.tolist(), cs.work_closes.tolist()
    worked = np.cumsum(cs.work_closes >= 0).tolist()  # working days up to and including each date
    rows["days"] += [(schedule_id, a, b, c, wc, w) for a, b, c, wc, w in zip(day_starts, day_starts[1:], closes, work_closes, worked)]


def _plan_row(policy: Policy, channel: str, category: str, crisis: bool, index: int, kind: str | None = None) -> tuple:
    rule = policy.document["escalation"][index] if index >= 0 else None
    plan = policy._plan_for(channel, category, crisis, rule, kind)
    team = (rule or {}).get("route_to") or policy.channel(channel)["team"]

    def timing(part):
        if part is None or "windows" in part:  # by arrival: see arrival_windows
            return (None, None, None, None)
        closed = part.get("if_received_closed")
        return (
            0 if isinstance(part["within"], dict) else part["within"],  # not null: the target exists
            part["clock"],
            None if closed in (None, END_OF_NEXT_BUSINESS_DAY) else closed,
            closed == END_OF_NEXT_BUSINESS_DAY,
        )

    return (
        channel,
        category,
        crisis,
        index,
        kind,
        None if rule is None else rule["id"],
        team,
        plan.schedule,
        None if plan.by_arrival else plan.clock,
        *timing(plan.acknowledge),
        *timing(plan.respond),
        _working_days(plan.acknowledge),
        _working_days(plan.respond),
    )


def _window_rows(policy: Policy, channel: str, category: str, crisis: bool, index: int, message_kind: str | None = None) -> list[tuple]:
    rule = policy.document["escalation"][index] if index >= 0 else None
    plan = policy._plan_for(channel, category, crisis, rule, message_kind)
    rows = []
    for kind in ("acknowledge", "respond"):
        for position, window in enumerate((getattr(plan, kind) or {}).get("windows", ())):
            closed = window["if_received_closed"]
            rows.append(
                (
                    channel,
                    category,
                    crisis,
                    index,
                    message_kind,
                    kind,
                    position,
                    window["during"],
                    0 if isinstance(window["within"], dict) else window["within"],  # not null: the window has a target
                    window["clock"],
                    None if closed in (None, END_OF_NEXT_BUSINESS_DAY) else closed,
                    closed == END_OF_NEXT_BUSINESS_DAY,
                    _working_days(window),
                )
            )
    return rows


def _working_days(part: dict | None) -> int | None:
    within = part.get("within") if part is not None else None  # None too for a target split by arrival
    return within["working_days"] if isinstance(within, dict) else None


def export_tables(policy: Policy, folder: Path) -> list[str]:
    """Write every table as `<name>.parquet` in `folder`; returns the file names."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    names = []
    for name, values in policy_rows(policy).items():
        _create(con, name, values)
        target = folder / f"{name}.parquet"
        temp = folder / f".{name}.parquet.tmp"
        con.execute(f"COPY {name} TO '{_quoted(temp)}' (FORMAT PARQUET)")
        temp.replace(target)  # atomic: a reader never sees half a table
        names.append(target.name)
    con.close()
    return names


def _create(con, name: str, values: list[tuple]) -> None:
    con.execute(f"CREATE OR REPLACE TABLE {name} ({SCHEMAS[name]})")
    if values:
        marks = ", ".join("?" for _ in SCHEMAS[name].split(","))
        con.executemany(f"INSERT INTO {name} VALUES ({marks})", values)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def connect(folder: Path | None = None, policy: Policy | None = None):
    """A DuckDB connection with the policy tables: views over `folder`'s Parquet, or loaded from `policy`."""
    import duckdb

    con = duckdb.connect()
    if folder is not None:
        for name in TABLES:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{_quoted(folder / f'{name}.parquet')}')")
    elif policy is not None:
        for name, values in policy_rows(policy).items():
            _create(con, name, values)
    return con
