"""Channels that promise no reply time (the example's best-effort YouTube and read-only TikTok): the audit
counts them as answered or not and how fast, and never gives a verdict the policy has no deadline for."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from socialkit.audit import audit_log, make_config, read_logs
from socialkit.audit.render import text_report

ZONE = ZoneInfo("Europe/Stockholm")


def at(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=ZONE).timestamp())


LOG = (
    "id,received_at,channel,category,acknowledged_at,responded_at\n"
    "slow,2026-11-23 10:00,youtube,question,,2026-12-04 10:00\n"  # eleven days: no deadline to breach
    "never,2026-11-23 10:00,youtube,complaint,,\n"
    "read,2026-11-24 10:00,tiktok,question,,\n"
    "late,2026-11-23 10:00,facebook,question,,2026-12-04 10:00\n"  # a deadline channel: breached
)


def audited(policy, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    result, _ = audit_log(read_logs([log], policy.document, make_config()), policy, now=at("2026-12-10 12:00"), details=True)
    return result


def test_messages_without_a_deadline_promise_are_never_breached(policy, tmp_path):
    result = audited(policy, tmp_path)
    verdicts = {m["id"]: (m["promise"], m["verdict"], m["respond_by"]) for m in result["messages"]}
    assert verdicts == {
        "slow": ("best-effort", "no target", None),
        "never": ("best-effort", "no target", None),
        "read": ("read-only", "no target", None),
        "late": ("deadline", "breached", verdicts["late"][2]),
    }
    assert verdicts["late"][2] is not None


def test_the_summary_counts_them_and_their_times_without_a_verdict(policy, tmp_path):
    result = audited(policy, tmp_path)
    youtube = next(g for g in result["by"]["channel"] if g["key"] == "youtube")
    assert (youtube["messages"], youtube["answered"], youtube["breached"], youtube["sla_share"]) == (2, 1, 0, None)
    assert youtube["no_deadline"] == 2 and youtube["promises"] == {"best-effort": 2}
    assert youtube["respond_calendar"]["median"] == 11 * 86400
    assert result["overall"]["promises"] == {"deadline": 1, "best-effort": 2, "read-only": 1}
    text = text_report(result, ("channel",))
    row = next(line for line in text.splitlines() if line.startswith("youtube"))
    assert row.split()[3:5] == ["-", "-"]  # in SLA, breached: no verdict
    assert "promised no reply time (best-effort 2, read-only 1)" in text


def test_the_report_page_counts_each_promise_without_a_deadline(policy, tmp_path):
    from socialkit.audit.report import report_markdown

    result = audited(policy, tmp_path)
    en, sv = report_markdown(result, "en"), report_markdown(result, "sv")
    assert "never as within target or over it (as soon as we can (no time promised): 2; read, not answered: 1)" in en
    assert "aldrig som inom eller över svarstid" in sv and ": 2; " in sv
    youtube = next(line for line in en.splitlines() if line.startswith("| YouTube"))
    assert youtube.split("|")[4].strip() == "–" or youtube.split("|")[4].strip() == "-"  # no share within target: no verdict
    # a log where every message had a deadline says nothing about promises
    deadline_only = {**result, "overall": {**result["overall"], "no_deadline": 0}}
    assert "promised no reply time" not in report_markdown(deadline_only, "en")
