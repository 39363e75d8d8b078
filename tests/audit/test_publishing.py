"""`socialkit audit --posts`: posting rate (SK410) and inactive accounts (SK339) from a publishing log."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from socialkit.audit.publishing import period_counts
from socialkit.cli import main

from .conftest import DATA, ROOT

POSTS = str(DATA / "posts-2026.csv")
STRATEGY = str(ROOT / "strategy")


def test_findings_at_the_channel_and_bad_rows_by_row(capsys):
    code = main(["audit", "--posts", POSTS, "--strategy", STRATEGY])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{POSTS}:21: SK506 $.published_at: published_at '2026-09-31 09:00' is not a time" in err
    assert f"{POSTS}:41: SK505 $.channel: unknown channel 'Threads'" in err
    assert f"{POSTS}:61: SK503 $.published_at: published_at is empty" in err
    channels = "channels.yaml"
    lines = (ROOT / "strategy" / "channels.yaml").read_text(encoding="utf-8").splitlines()
    facebook_min_posts = next(n for n, line in enumerate(lines, 1) if "min_posts:" in line)  # the first channel's
    x_account = 1 + next(n for n, line in enumerate(lines, 1) if line.strip() == "account:" and n > lines.index("  - id: x"))  # its value
    # the week of 16 November had two Facebook posts, not three
    assert (
        f"{channels}:{facebook_min_posts}: SK410 $.channels[0].min_posts: channel 'facebook' posted fewer than 3 per week in 1 of 4 weeks (fewest: 2)"
        in err
    )
    # X last posted on 14 August: three months later, on the local date, it is due for review
    assert f"{channels}:{x_account}: SK339 $.channels[2].account: channel 'x' is inactive since 2026-11-14" in err
    assert "the rules say: review" in err
    assert "measured 2026-11-01 to 2026-11-30" in out  # the evaluation period starts on 1 November


def test_json_figures_per_channel(capsys):
    main(["audit", "--posts", POSTS, "--strategy", STRATEGY, "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    channels = result["publishing"]["channels"]
    assert channels["facebook"]["per_period"] == [["2026-11-02", 3], ["2026-11-09", 3], ["2026-11-16", 2], ["2026-11-23", 3]]
    assert (channels["instagram"]["below"], channels["instagram"]["periods"]) == (0, 4)
    assert channels["x"]["inactive"] is True and channels["x"]["min_posts"] is None
    assert channels["tiktok"]["per_period"] == [["2026-11-01", 2]]  # October is before the evaluation period
    assert result["publishing"]["rows"] == {"read": 87, "skipped": 3}


def test_a_later_judgement_makes_more_accounts_inactive(capsys):
    code = main(["audit", "--posts", POSTS, "--strategy", STRATEGY, "--at", "2027-02-25T12:00:00+01:00", "--format", "json"])
    channels = json.loads(capsys.readouterr().out)["publishing"]["channels"]
    assert code == 1
    assert channels["facebook"]["inactive"] is False and channels["facebook"]["inactive_from"] == "2027-02-28"  # 30 Nov + 3 months, clamped
    assert channels["tiktok"]["inactive"] is True and channels["tiktok"]["inactive_from"] == "2027-02-20"


def test_inbox_and_posts_together_and_the_report_page(capsys, tmp_path):
    inbox = str(DATA / "inbox-2026-11.csv")
    main(["audit", inbox, "--posts", POSTS, "--strategy", STRATEGY, "--format", "markdown"])
    page = capsys.readouterr().out
    assert "## Publishing" in page and "Periods that met the minimum posting rate" in page
    assert "<svg" in page.split("## Publishing")[1]
    assert "| x | 0 | — | — |" in page


def test_no_log_at_all_is_a_usage_error(capsys):
    assert main(["audit", "--strategy", STRATEGY]) == 2
    assert "or a publishing log with --posts" in capsys.readouterr().err


def test_json_lines_with_a_bad_line(tmp_path, capsys):
    log = tmp_path / "posts.jsonl"
    log.write_text(
        '{"channel": "facebook", "published_at": "2026-11-02T09:00:00+01:00"}\nnot json\n[1]\n{"channel": "LinkedIn", "time": "2026-11-03 10:00"}\n',
        encoding="utf-8",
    )
    main(["audit", "--posts", str(log), "--strategy", STRATEGY, "--format", "json"])
    out, err = capsys.readouterr()
    assert f"{log}:2: SK501" in err and f"{log}:3: SK502" in err
    channels = json.loads(out)["publishing"]["channels"]
    assert (channels["facebook"]["posts"], channels["linkedin"]["posts"]) == (1, 1)  # the display name LinkedIn and `time` both read
    assert channels["linkedin"]["last_post"] == "2026-11-03T10:00:00+01:00"


def brute_force_counts(days, first, last, per):
    """Every whole period inside [first, last], walking day by day."""
    out, day = [], first
    while day <= last:
        if per == "day":
            start, end = day, day
        elif per == "week":
            start, end = day - timedelta(days=day.weekday()), day - timedelta(days=day.weekday()) + timedelta(days=6)
        else:
            start = day.replace(day=1)
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if start >= first and end <= last and (not out or out[-1][0] != start):
            out.append((start, sum(1 for d in days if start <= d <= end)))
        day += timedelta(days=1)
    return out


@given(
    st.lists(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=40),
    st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    st.integers(0, 200),
    st.sampled_from(["day", "week", "month"]),
)
def test_period_counts_equal_a_day_by_day_walk(days, first, length, per):
    last = first + timedelta(days=length)
    assert period_counts(days, first, last, per) == brute_force_counts(days, first, last, per)
