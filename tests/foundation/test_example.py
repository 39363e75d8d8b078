"""The example strategy in strategy/ is valid and builds the model it describes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.periods import Period
from socialkit.settings import load_settings
from socialkit.validate import validate_paths

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "strategy"


@pytest.fixture(scope="module")
def strategy():
    result = validate_paths([EXAMPLE], rules=False)
    assert result.strategy is not None, [p.message for p in result.problems]
    return result.strategy


def _listing(problems) -> str:
    return "\n".join(f"{p.file}:{p.line}:{p.column}: {p.code} {p.severity.value} {p.message}" for p in problems)


def test_example_has_no_problems_of_any_severity():
    """The whole pipeline, with the project's settings: not even a warning."""
    settings = load_settings(cwd=REPO)
    result = validate_paths([EXAMPLE], settings=settings)
    assert result.problems == [], "\n" + _listing(result.problems)
    assert result.ok


def test_example_passes_load_model_and_references_cleanly():
    result = validate_paths([EXAMPLE], rules=False)
    assert result.problems == [], "\n" + _listing(result.problems)


def test_socialkit_validate_on_the_example_exits_0(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert " error " not in out and err == ""


def test_every_example_file_points_editors_at_the_schema():
    files = sorted(EXAMPLE.glob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/strategy.schema.json", path.name
        assert (path.parent / "../schemas/strategy.schema.json").resolve().is_file()


@pytest.mark.parametrize(
    ("section", "count"),
    [
        ("channels", 6),
        ("teams", 4),
        ("people", 6),
        ("schedules", 5),
        ("categories", 6),
        ("slas", 4),
        ("escalation", 6),
        ("audiences", 4),
        ("goals", 2),
    ],
)
def test_section_sizes(strategy, section, count):
    assert len(getattr(strategy, section)) == count


def test_organization(strategy):
    org = strategy.organization
    assert org.name == "Solvik Energi AB"
    assert org.timezone == "Europe/Stockholm"
    assert org.languages == ["sv", "en"] and org.default_language == "sv"
    assert org.holidays.country == "SE"
    assert org.holidays.extra_closed[0].date == date(2026, 12, 28)
    assert strategy.version == 1


def test_ids(strategy):
    assert [c.id for c in strategy.channels] == ["facebook", "instagram", "x", "linkedin", "tiktok", "youtube"]
    assert [t.id for t in strategy.teams] == ["social", "security", "films", "careers"]
    assert [s.id for s in strategy.schedules] == [
        "office-hours",
        "weekend-watch",
        "round-the-clock",
        "publishing-hours",
        "evening-outage-desk",
    ]
    assert strategy.escalation[-1].id == "default"


def test_values_are_typed(strategy):
    channels = strategy.index("channels")
    assert channels["facebook"].check_every == 1800
    assert channels["x"].check_every == 1800
    assert channels["facebook"].check_times == ["08:00", "12:00", "16:00"]
    assert channels["linkedin"].customer_service is False and channels["linkedin"].redirect.channel == "facebook"
    standard = strategy.index("slas")["standard"]
    assert standard.targets["complaint"].acknowledge.within == 3600
    assert standard.targets["complaint"].respond.within == 4 * 3600
    assert standard.targets["complaint"].respond.if_received_closed == "end-of-next-business-day"
    assert standard.targets["question"].respond.within == 8 * 3600  # the short form '8h'
    layer = strategy.index("teams")["social"].rota.layers[0]
    assert (layer.start, layer.every, layer.order) == (datetime(2026, 1, 5, 8, 0), 7 * 86400, ["sara", "omar", "erik"])
    office = strategy.index("schedules")["office-hours"]
    assert office.weekly == {"mon-thu": ["08:00-17:00"], "fri": ["08:00-16:00"]}
    assert (office.seasons[0].start, office.seasons[0].end) == ((6, 22), (8, 14))
    assert office.closures[0].date == date(2026, 12, 23)
    assert strategy.moderation.blackouts[0].start == datetime(2026, 12, 24, 0, 0)
    assert strategy.moderation.blackouts[0].stops == ["publishing", "comments"]
    assert strategy.moderation.blackouts[1].stops == ["publishing"]  # the default
    assert strategy.moderation.records.keep_for == Period(2, "year")
    assert len(strategy.measurement.kpis) == 3
    assert strategy.crisis.sla == "crisis" and strategy.crisis.declared_by == ["anna", "erik"]


def test_every_file_contributes(strategy):
    result = validate_paths([EXAMPLE], rules=False)
    assert [Path(d.path).name for d in result.source.documents] == sorted(p.name for p in EXAMPLE.glob("*.yaml"))
