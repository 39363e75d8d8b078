"""The report page: escaped, deterministic, charts as inline SVG; `build` publishes it for the internal site only."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from socialkit.audit import audit_log, make_config, read_logs
from socialkit.audit.report import ReportError, report_markdown, report_pages
from socialkit.cli import main

from .conftest import DATA, ROOT

HOSTILE = "<script>alert(1)</script> *Bo* [x](javascript:alert(1))"


@pytest.fixture(scope="module")
def result(tmp_path_factory, policy, example):
    folder = tmp_path_factory.mktemp("report")
    text = (DATA / "inbox-2026-11.csv").read_text(encoding="utf-8-sig").replace("Omar Haddad", HOSTILE.replace(";", ","))
    path = folder / "sprout.csv"
    path.write_text(text, encoding="utf-8")
    log = read_logs([path], policy.document, make_config(), shown=["exports/<b>inbox</b>.csv"])
    return audit_log(log, policy, strategy=example.strategy)[0]


def test_nothing_from_the_log_reaches_the_page_unescaped(result):
    page = report_markdown(result, "en")
    assert "<script" not in page and "[x](javascript" not in page
    assert "\\[x\\](javascript:alert(1))" in page  # shown as text, not a link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page


def test_charts_are_well_formed_svg_and_the_page_is_deterministic(result):
    page = report_markdown(result, "sv")
    assert page == report_markdown(json.loads(json.dumps(result)), "sv")
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        ET.fromstring(svg)  # parses: every label escaped
    heat = ET.fromstring(svgs[2])
    cells = [r for r in heat.iter("{http://www.w3.org/2000/svg}rect") if r.find("{http://www.w3.org/2000/svg}title") is not None]
    assert len(cells) == 168
    assert "# Granskning av svarstider" in page


def test_weekly_chart_draws_the_goal_line(result):
    page = report_markdown(result, "en")
    assert "target 90%" in page  # the within-sla-share goal of the example strategy


def test_a_file_that_is_not_a_result_is_refused():
    with pytest.raises(ReportError, match="not a socialkit.audit/v1 result"):
        report_pages({"format": "something"}, ["en"])


def _project(tmp_path):
    shutil.copytree(ROOT / "strategy", tmp_path / "strategy")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.socialkit]\nas_of = 2026-11-23\n\n[tool.socialkit.audit]\nresult = "audits/2026-11.json"\n',
        encoding="utf-8",
    )
    shutil.copy(DATA / "inbox-2026-11.csv", tmp_path / "sprout.csv")
    return tmp_path


def test_build_publishes_the_configured_result_for_the_internal_site_only(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build"]) == 2
    assert "audits/2026-11.json: cannot read the audit result" in capsys.readouterr().err
    assert main(["audit", "sprout.csv", "--format", "json", "--output", "audits/2026-11.json"]) == 1
    assert main(["build"]) == 0
    assert (project / "docs" / "en" / "audit.md").is_file() and (project / "docs" / "sv" / "audit.md").is_file()
    assert main(["build", "--audience", "public"]) == 0
    assert not (project / "docs" / "en" / "audit.md").exists() and not (project / "docs" / "sv" / "audit.md").exists()


@pytest.mark.slow
def test_report_page_renders_in_a_strict_mkdocs_build(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    main(["audit", "sprout.csv", "--format", "json", "--output", "audits/2026-11.json"])
    assert main(["build"]) == 0
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    html = (project / "site" / "en" / "audit" / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="socialkit-chart">\n<svg') == 3 and "Response audit" in html
    assert "<title>Response audit - Solvik Energi AB</title>" in html
    assert 'href="audit/"' in (project / "site" / "en" / "index.html").read_text(encoding="utf-8")  # in the English section
    for title in ("Response time against the target", "Weekly share within target", "Arrivals by weekday and hour"):
        assert f'aria-label="{title}"' in html


@pytest.mark.parametrize(("largest", "step"), [(0, 1), (4, 1), (5, 2), (9, 5), (183, 50), (201, 100), (1000, 500)])
def test_count_axis_steps_are_round_whole_numbers_reaching_the_largest_bar(largest, step):
    from socialkit.audit.charts import _count_tick

    assert _count_tick(largest) == step and step * 4 >= largest


def _group_cells(page: str, heading: str) -> list[str]:
    """First-column cells of the group table under `heading`."""
    section = page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("|") and "---" not in line][1:]


def test_groups_are_named_not_identified(result):
    """Channels, categories and teams read as the strategy names them, in the page's language (issue 15)."""
    en, sv = report_markdown(result, "en"), report_markdown(result, "sv")
    assert "Facebook" in _group_cells(en, "By channel")
    assert "Complaint" in _group_cells(en, "By category") and "Klagomål" in _group_cells(sv, "Per kategori")
    assert "complaint" not in _group_cells(en, "By category")
    assert "Social media and customer service" in _group_cells(en, "By team")


def test_a_result_of_an_older_version_keeps_its_ids(result):
    older = {k: v for k, v in result.items() if k != "names"}
    assert "complaint" in _group_cells(report_markdown(older, "en"), "By category")


def test_internal_home_page_shows_each_goals_measured_value(result, example):
    """Goal progress on the internal home page comes from the audit result (issue 15, section 4)."""
    from datetime import date

    from socialkit.build import measured_goals
    from socialkit.render import render_playbook

    measured = measured_goals(result)
    assert measured, "the example result measures at least one goal"
    pages = render_playbook(example.strategy, as_of=date(2026, 11, 23), measured=measured)
    public = render_playbook(example.strategy, as_of=date(2026, 11, 23), audience="public", measured=measured)
    without = render_playbook(example.strategy, as_of=date(2026, 11, 23))
    for goal_id, item in measured.items():
        goal = example.strategy.index("goals")[goal_id]
        row = next(line for line in pages["en/index.md"].splitlines() if line.startswith("|") and goal.statement["en"] in line)
        word = "met:" if item["met"] else "measured:"
        assert word in row and "days left" in row
        assert word in next(line for line in pages["sv/index.md"].splitlines() if goal.statement["sv"] in line).replace(
            "uppmätt:", "measured:"
        ).replace("uppnått:", "met:")
        assert "measured:" not in public["en/index.md"] and "met:" not in public["en/index.md"]
        assert "measured:" not in without["en/index.md"]
