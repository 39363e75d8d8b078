"""The SQL path (sql/verdicts.sql over exported Parquet tables, run by real DuckDB) agrees with the embedded engine."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

duckdb = pytest.importorskip("duckdb")

from socialkit.audit import audit_log, make_config, read_logs  # noqa: E402
from socialkit.audit.duckdb import TABLES, connect, export_tables, sql_text  # noqa: E402
from socialkit.cli import main  # noqa: E402
from socialkit.runtime.policy import Event  # noqa: E402

from . import generate  # noqa: E402
from .conftest import ROOT  # noqa: E402

ZONE = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def log_and_result(tmp_path_factory, policy):
    folder = tmp_path_factory.mktemp("sql")
    start = int(datetime(2026, 11, 2, tzinfo=ZONE).timestamp())
    rows = generate.generate(2500, start=start, days=45, seed=9, kinds=True)
    rows[3]["text"] = "Vi SKA DÖDA er"  # a two-word keyword phrase, upper case
    rows[7]["text"] = "Ska\ndöda?"
    rows[11]["text"] = "hotell och photo"  # substrings of a keyword, not the word
    path = folder / "log.csv"
    generate.write_canonical_csv(rows, path)
    log = read_logs([path], policy.document, make_config())
    result, verdicts = audit_log(log, policy, details=True)
    export_tables(policy, folder / "tables")
    return folder, path, result, (rows[3]["id"], rows[7]["id"], rows[11]["id"])


def run_sql(con, csv_path):
    con.execute(f"""
        CREATE VIEW messages AS SELECT
          id, epoch(received_at::TIMESTAMPTZ)::BIGINT AS received_at, channel, category,
          epoch(acknowledged_at::TIMESTAMPTZ)::BIGINT AS acknowledged_at, epoch(responded_at::TIMESTAMPTZ)::BIGINT AS responded_at,
          followers, author_type, text, NULL::BOOLEAN AS crisis, NULLIF(kind, '') AS kind
        FROM read_csv('{csv_path}', all_varchar = false, types = {{'followers': 'BIGINT', 'received_at': 'VARCHAR',
             'acknowledged_at': 'VARCHAR', 'responded_at': 'VARCHAR', 'kind': 'VARCHAR'}})
    """)
    con.execute(sql_text("verdicts"))
    return con


def test_sql_verdicts_agree_with_the_embedded_engine_message_by_message(log_and_result):
    folder, path, result, (upper, two_lines, substrings) = log_and_result
    con = run_sql(connect(folder / "tables"), path)
    rows = con.execute("SELECT id, rule, team, acknowledge_by, respond_by, verdict, respond_calendar_seconds FROM verdicts").fetchall()
    by_id = {r[0]: r for r in rows}
    assert len(by_id) == len(result["messages"])
    stamp = lambda text: None if text is None else int(datetime.fromisoformat(text).timestamp())  # noqa: E731
    for m in result["messages"]:
        got = by_id[m["id"]]
        assert got[1:] == (
            m["rule"],
            m["team"],
            stamp(m["acknowledge_by"]),
            stamp(m["respond_by"]),
            m["verdict"],
            m["respond_calendar_seconds"],
        ), m["id"]
    rules = {m["id"]: m["rule"] for m in result["messages"]}
    assert (rules[upper], rules[two_lines]) == ("threat", "threat") and rules[substrings] != "threat"


def test_the_log_takes_both_arrival_windows_of_linkedin_complaints(log_and_result, policy):
    """So the agreement above covers targets by arrival time (sql: arrival_windows) in each window."""
    _, _, result, _ = log_and_result
    stamp = lambda text: int(datetime.fromisoformat(text).timestamp())  # noqa: E731
    events = [
        Event(m["channel"], m["category"], stamp(m["received_at"]))
        for m in result["messages"]
        if (m["channel"], m["category"], m["rule"]) == ("linkedin", "complaint", "default")
    ]
    windows = {d.arrival_window["respond"] for d in policy.decide_many(events)}
    assert windows == {"office-hours", "otherwise"}


def test_sql_summary_agrees_with_the_json_counts(log_and_result):
    folder, path, result, _ = log_and_result
    con = run_sql(connect(folder / "tables"), path)
    summary = con.execute(sql_text("summary")).fetchall()
    columns = [d[0] for d in con.description]
    figures = {row[0]: dict(zip(columns, row)) for row in summary}
    for key in ("messages", "answered", "within_sla", "breached", "pending", "unanswered"):
        assert figures[None][key] == result["overall"][key], key
        for group in result["by"]["channel"]:
            assert figures[group["key"]][key] == group[key], (group["key"], key)


def test_duckdb_export_command_writes_the_tables(tmp_path, capsys):
    target = tmp_path / "tables"
    code = main(
        [
            "audit",
            str(ROOT / "tests" / "data" / "tickets-2026-11.jsonl"),
            "--strategy",
            str(ROOT / "strategy"),
            "--duckdb-export",
            str(target),
        ]
    )
    assert code == 0
    names = sorted(p.name for p in target.iterdir())
    assert names == sorted(f"{t}.parquet" for t in TABLES)
    assert "arrival_windows" in TABLES
    con = duckdb.connect()
    plans = con.execute(f"SELECT count(*) FROM '{target / 'plans.parquet'}'").fetchone()[0]
    assert plans == 6 * 6 * 2 * 7 * 6  # channels, categories, crisis, rules (and none), kinds (and none)
