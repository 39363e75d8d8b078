"""The semantic diff itself: one sentence per kind of change, no noise from formatting, safe Markdown."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialkit.diff.semantic import (
    Change,
    Diff,
    PolicyShapeError,
    Section,
    Side,
    diff_sides,
    human_duration,
    md_change,
    render_json,
    render_markdown,
    render_text,
)
from socialkit.render.markdown import code_span

from .conftest import EXAMPLE, copy_example, edit, edit_re, reshuffle, side


def changes_after(tmp_path, base_side, *edits) -> dict[str, list[str]]:
    folder = copy_example(tmp_path)
    for file, old, new in edits:
        (edit_re if old.startswith("re:") else edit)(folder, file, old.removeprefix("re:"), new)
    diff = diff_sides(base_side, side(folder, "new"))
    return {s.title: [c.text for c in s.changes] for s in diff.sections}


CASES = {
    "sla target per channel": (
        [("messages.yaml", "          within: 4h", "          within: 2h")],
        {f"Channel {name}": ["Klagomål respond target 4 h -> 2 h"] for name in ("Facebook", "Instagram", "X")},
    ),
    "closed-while target": (
        [("messages.yaml", "          if_received_closed: end-of-next-business-day\n", "          if_received_closed: 2h\n")],
        {
            f"Channel {name}": ["Klagomål respond target if received while closed: end of next business day -> 2 h after opening"]
            for name in ("Facebook", "Instagram", "X")
        },
    ),
    "channel switches sla": (
        [("channels.yaml", "    schedule: evening-outage-desk\n    sla: standard", "    schedule: evening-outage-desk\n    sla: weekend")],
        {
            "Channel X": [
                "SLA Standard -> Helg",
                "Klagomål acknowledge target 1 h -> 2 h",
                "Klagomål respond target if received while closed: end of next business day -> the usual target from opening",
                "Trakasserier respond target 1 working day -> 8 h",
                "Övrig kommentar acknowledge target 1 working day -> 8 h",  # written_reply: false, so a reaction is what is due
                "Strömavbrott acknowledge target 30 min removed",
                "Strömavbrott respond target 2 h -> 8 h",
                "Beröm acknowledge target 8 h removed",
                "Beröm respond target 8 h added",
            ]
        },
    ),
    "arrival window changed": (
        [("messages.yaml", "{during: otherwise, within: 8h}", "{during: otherwise, within: 16h, clock: calendar}")],
        {
            "Channel LinkedIn": [
                "Klagomål respond target 8 h on the business clock otherwise -> 16 h on the calendar clock otherwise",
            ]
        },
    ),
    "arrival window added": (
        [
            (
                "messages.yaml",
                "          - {during: otherwise, within: 8h}\n",
                "          - {during: weekend-watch, within: 2h, clock: calendar}\n          - {during: otherwise, within: 8h}\n",
            )
        ],
        {
            "Channel LinkedIn": [
                "Klagomål respond target 4 h on the business clock if received during Kontorstid; 8 h on the business clock otherwise"
                " -> 4 h on the business clock if received during Kontorstid; 2 h on the calendar clock if received during Helgbevakning;"
                " 8 h on the business clock otherwise",
            ]
        },
    ),
    "closure": (
        [("schedules.yaml", "      - date: 2026-12-23\n", "      - date: 2026-12-23\n      - date: 2026-12-22\n")],
        {"Schedule Kontorstid (office-hours)": ["closed 2026-12-22 added"]},
    ),
    "closure removed": (
        [
            (
                "schedules.yaml",
                "    closures:\n      - date: 2026-12-23\n        reason: {sv: Personalens julfest, en: Staff Christmas party}\n",
                "",
            )
        ],
        {"Schedule Kontorstid (office-hours)": ["closure 2026-12-23 removed"]},
    ),
    "special hours changed": (
        [
            (
                "schedules.yaml",
                '      - date: 2027-04-30\n        hours: ["08:00-13:00"]',
                '      - date: 2027-04-30\n        hours: ["08:00-12:00"]',
            )
        ],
        {"Schedule Kontorstid (office-hours)": ["2027-04-30: 08:00-13:00 -> 08:00-12:00"]},
    ),
    "weekly hours alone": (
        [("schedules.yaml", 'fri: ["08:00-16:00"]', 'fri: ["08:00-15:00"]')],
        {"Schedule Kontorstid (office-hours)": ["Fri 08:00-16:00 -> 08:00-15:00"]},
    ),
    "overnight hours": (
        [("schedules.yaml", 'mon-fri: ["17:00-01:00"]', 'mon-fri: ["18:00-02:00"]')],
        {"Schedule Kvällsjour för avbrott (evening-outage-desk)": ["Mon-Fri 17:00-01:00 -> 18:00-02:00"]},
    ),
    "season longer": (
        [("schedules.yaml", 'end: "08-14"', 'end: "08-21"')],
        {"Schedule Kontorstid (office-hours)": ["special hours 2027-08-16 to 2027-08-20 09:00-15:00 added"]},
    ),
    "holiday calendar": (
        [("organization.yaml", "also_closed: [easter-eve, midsummer-eve,", "also_closed: [easter-eve,")],
        {
            "Organisation": ["public holidays: also closed on midsummer-eve removed"],
            "Schedule Kontorstid (office-hours)": ["2027-06-25: closed -> 09:00-15:00"],
        },
    ),
    "rule notifies": (
        [("escalation.yaml", "notify: [lena, anna]", "notify: [lena, anna, erik]")],
        {"Escalation rules": ["rule threat now notifies Erik Holm"]},
    ),
    "rule conditions and route": (
        [
            (
                "escalation.yaml",
                "      min_followers: 10000\n    priority: high\n    route_to: social",
                "      min_followers: 5000\n    priority: urgent\n    route_to: security",
            ),
            ("escalation.yaml", "keywords: [hot, hotar, bomb,", "keywords: [hot, hotar, sprängämne,"),
        ],
        {
            "Escalation rules": [
                "rule threat keyword 'bomb' removed",
                "rule threat keyword 'sprängämne' added",
                "rule high-reach-complaint min followers 10000 -> 5000",
                "rule high-reach-complaint priority high -> urgent",
                "rule high-reach-complaint routes to Sociala medier och kundservice -> Säkerhet",
            ]
        },
    ),
    "rule order": (
        [("escalation.yaml", "  - id: harassment-of-staff\n", "  - id: staff-harassment\n")],
        {
            "Escalation rules": [
                "rule harassment-of-staff removed",
                "rule staff-harassment added at position 2: when category Trakasserier; priority high; routes to Sociala medier och kundservice; notifies Erik Holm",
            ]
        },
    ),
    "rota": (
        [
            ("people.yaml", "order: [sara, omar, erik]", "order: [omar, sara, erik]"),
            ("people.yaml", "2026-07-27 00:00", "2026-08-03 00:00"),
        ],
        {
            "Team Sociala medier och kundservice (social)": [
                "rota layer office-days order Sara Nyberg, Omar Haddad, Erik Holm -> Omar Haddad, Sara Nyberg, Erik Holm",
                "override Erik Holm replaces Sara Nyberg 2026-07-06 00:00 to 2026-07-27 00:00 removed",
                "override Erik Holm replaces Sara Nyberg 2026-07-06 00:00 to 2026-08-03 00:00 added",
            ]
        },
    ),
    "team members": (
        [("people.yaml", r"re:(members: \[[a-z, ]*)(\]\n    lead: johan)", r"\1, erik\2")],
        {"Team Rekrytering (careers)": ["member Erik Holm added"]},
    ),
    "channel status and handle": (
        [
            ("channels.yaml", '    handle: "@solvikenergi"\n', '    handle: "@solvik"\n'),
            ("channels.yaml", "    url: https://x.com/solvikenergi\n", "    url: https://x.com/solvik\n"),
            ("channels.yaml", "per: working-day}\n    outreach: true", "per: working-day}\n    outreach: false"),
        ],
        {
            "Channel LinkedIn": ["outreach no longer allowed"],
            "Channel X": ["url https://x.com/solvikenergi -> https://x.com/solvik", "handle @solvikenergi -> @solvik"],
        },
    ),
    "check rate": (
        [
            ("channels.yaml", "checks: {at_least: 2, at_most: 3, per: week}", "checks: {at_least: 1, per: week}"),
            ("channels.yaml", "checks: {at_least: 3, per: working-day}", "checks: {at_least: 2, at_most: 2, per: working-day}"),
        ],
        {
            "Channel LinkedIn": ["checked at least 3 times per working day -> 2 times per working day"],
            "Channel TikTok": ["checked 2 to 3 times per week -> at least 1 times per week"],
        },
    ),
    "relay turns": (
        [
            (
                "people.yaml",
                '            - {person: omar, start: "2027-01-11 08:00"}\n',
                '            - {person: omar, start: "2027-01-18 08:00"}\n',
            )
        ],
        {
            "Team Filmstafetten (films)": [
                "rota layer relay turn removed: Omar Haddad from 2027-01-11 08:00 to 2027-03-01 08:00",
                "rota layer relay turn removed: Sara Nyberg from 2026-11-30 08:00 to 2027-01-11 08:00",
                "rota layer relay turn added: Omar Haddad from 2027-01-18 08:00 to 2027-03-01 08:00",
                "rota layer relay turn added: Sara Nyberg from 2026-11-30 08:00 to 2027-01-18 08:00",
            ]
        },
    ),
    "moderation": (
        [
            ("moderation.yaml", "    - reason: off-topic\n      actions: [hide, delete]\n", ""),
            ("moderation.yaml", "never_remove: [criticism,", "never_remove: [criticism, praise,"),
        ],
        {
            "Moderation": [
                "praise is never removed",
                "off-topic (all channels): rule removed (was: hide, otherwise delete)",
                "praise (all channels): keep (protected)",
            ]
        },
    ),
    "goal and category": (
        [
            ("organization.yaml", "    target: 50\n", "    target: 80\n"),
            ("messages.yaml", "    sentiment: neutral\n    reply_style: acknowledge", "    sentiment: neutral\n    reply_style: personal"),
        ],
        {"Goals": ["goal resolve-complaints target 50 -> 80"], "Categories": ["category neutral reply style acknowledge -> personal"]},
    ),
    "message kinds": (
        [
            ("channels.yaml", "      review:\n        promise: best-effort\n", "      review:\n        promise: read-only\n"),
            ("channels.yaml", "      untagged-mention:\n        promise: read-only\n", ""),
            ("channels.yaml", "Ring kundservice.\n", "Ring kundservice.\n            en: Call customer service.\n"),
            ("channels.yaml", "            en: We do not take cases about your contract in direct messages. Call customer service.\n", ""),
            ("channels.yaml", "    kinds:\n      review:", "    kinds:\n      comment: {sla: weekend}\n      review:"),
            ("escalation.yaml", "      author_types: [journalist]\n", "      author_types: [journalist]\n      kinds: [direct-message]\n"),
        ],
        {
            "Channel Facebook": ["comment messages: own handling added (SLA weekend)", "review messages: promise best-effort -> read-only"],
            "Channel X": [
                "direct-message messages: redirect text en: We do not take cases about your contract in direct messages. Call customer "
                "service. -> en: Call customer service.",
                "untagged-mention messages: handled as the rest of the channel again",
            ],
            "Escalation rules": ["rule press-question now matches message kind direct-message"],
        },
    ),
    "publishing hours and blackouts": (
        [
            (
                "channels.yaml",
                '    schedule: office-hours\n    publishing: publishing-hours\n    sla: standard\n    check_every: 30m\n    check_times: ["08:30"',
                '    schedule: office-hours\n    sla: standard\n    check_every: 30m\n    check_times: ["08:30"',
            ),
            (
                "channels.yaml",
                "    schedule: evening-outage-desk\n",
                "    schedule: evening-outage-desk\n    publishing: round-the-clock\n",
            ),
            ("moderation.yaml", "      stops: [publishing, comments]\n", "      stops: [comments]\n"),
        ],
        {
            "Channel Instagram": ["publishing hours Publiceringstider (publishing-hours) -> none set"],
            "Channel X": ["publishing hours none set -> Dygnet runt (round-the-clock)"],
            "Blackouts": [
                "blackout removed: 2026-12-24 00:00 to 2026-12-27 00:00, Facebook, Instagram: no publishing and comments off; "
                "Ingen modererar under julhelgen, så vi publicerar inget och stänger av kommentarerna.",
                "blackout added: 2026-12-24 00:00 to 2026-12-27 00:00, Facebook, Instagram: comments off; "
                "Ingen modererar under julhelgen, så vi publicerar inget och stänger av kommentarerna.",
            ],
        },
    ),
    "texts per language": (
        [
            ("organization.yaml", "find, resolve and satisfy 50 customers", "find, resolve and satisfy 60 customers"),
            ("messages.yaml", "name: {sv: Beröm, en: Praise}", "name: {sv: Berömmelse, en: Praise}"),
        ],
        {
            "Goals": [
                "goal resolve-complaints statement en: Within six months, find, resolve and satisfy 50 customers who voiced "
                "dissatisfaction in social media. -> en: Within six months, find, resolve and satisfy 60 customers who voiced "
                "dissatisfaction in social media."
            ],
            "Categories": ["category praise name Beröm -> Berömmelse"],
        },
    ),
    "reply promise in words": (
        [("channels.yaml", "    promise: best-effort\n    update_if_longer: 2d\n", "    promise: read-only\n")],
        {
            "Channel YouTube": [
                "reply promise answered as soon as possible, no reply time (best-effort) -> read, not answered (read-only)",
                "no longer tells people if an answer takes longer",
            ]
        },
    ),
    "update obligation retimed": (
        [("channels.yaml", "    update_if_longer: 2d\n", "    update_if_longer: {after: 8h, clock: business}\n")],
        {
            "Channel YouTube": [
                "tells people if an answer takes longer: when there is no answer after 2 d (calendar clock) -> when there is no answer after 8 h (business clock)"
            ]
        },
    ),
    "a category becomes read-only": (
        [("messages.yaml", "      praise:\n        acknowledge: 8h\n", "      praise: {promise: read-only}\n")],
        {
            f"Channel {name}": [
                "Beröm acknowledge target 8 h removed",
                "Beröm reply promise reply times (deadline) -> read, not answered (read-only)",
            ]
            for name in ("Facebook", "Instagram", "X")
        },
    ),
    "a channel's promise drops its inherited crisis SLA": (
        [("channels.yaml", "    customer_service: false\n    promise: read-only\n", "    customer_service: false\n")],
        {
            "Channel TikTok": [
                "reply promise read, not answered (read-only) -> no reply promised (none)",
                "crisis SLA none -> the crisis-mode default",
            ]
        },
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_kind_of_change_reads_as_a_sentence(tmp_path, base_side, name):
    edits, expected = CASES[name]
    assert changes_after(tmp_path, base_side, *edits) == expected


def test_reordered_and_reformatted_yaml_changes_nothing(tmp_path, base_side):
    folder = copy_example(tmp_path)
    reshuffle(folder)
    assert (folder / "channels.yaml").read_text(encoding="utf-8") != (EXAMPLE / "channels.yaml").read_text(encoding="utf-8")
    diff = diff_sides(base_side, side(folder, "new"))
    assert diff.sections == () and diff.count == 0
    assert render_text(diff) == "base -> new: no semantic changes\n"


def test_output_is_identical_across_runs(tmp_path, base_side):
    folder = copy_example(tmp_path)
    edit(folder, "escalation.yaml", "notify: [lena, anna]", "notify: [erik]")
    edit(folder, "schedules.yaml", 'fri: ["08:00-16:00"]', 'fri: ["08:00-15:00"]')
    first, second = side(folder, "new"), side(folder, "new")
    outputs = {render(diff_sides(base_side, s)) for s in (first, second) for render in (render_text,)}
    assert len(outputs) == 1
    assert render_json(diff_sides(base_side, first)) == render_json(diff_sides(base_side, second))


def test_policy_documents_alone_compare_without_definitions(tmp_path, base_side):
    """From two built policy files only: rota changes show as the date the on-duty spans first differ."""
    folder = copy_example(tmp_path)
    edit(folder, "people.yaml", "order: [sara, omar, erik]", "order: [omar, sara, erik]")
    new = side(folder, "new")
    diff = diff_sides(Side("a.json", base_side.document), Side("b.json", new.document))
    assert [(s.title, [c.text for c in s.changes]) for s in diff.sections] == [
        ("Team social", ["on-duty rota changed from 2026-11-23 on"]),
    ]


def test_json_output(tmp_path, base_side):
    folder = copy_example(tmp_path)
    edit(folder, "escalation.yaml", "notify: [lena, anna]", "notify: [lena, anna, erik]")
    data = json.loads(render_json(diff_sides(base_side, side(folder, "new"))))
    assert data == {
        "format": "socialkit.diff/v1",
        "base": "base",
        "head": "new",
        "changes": 1,
        "notes": [],
        "subjects": [{"kind": "escalation", "id": None, "title": "Escalation rules", "changes": ["rule threat now notifies Erik Holm"]}],
    }


@pytest.mark.parametrize(
    "damage, message",
    [
        (
            lambda doc: doc["channels"]["facebook"].update(schedule=5),
            "broken: not a valid policy document at 'channels.facebook.schedule': Input should be a valid string",
        ),
        (
            lambda doc: doc["escalation"][0]["when"].pop("keywords"),
            "broken: not a valid policy document at 'escalation.0.when.keywords': Field required",
        ),
        (
            lambda doc: doc["people"].update({"evil\nid": {"name": "x", "email": "x@example.org"}}),
            "broken: not a valid policy document at 'people.evil id.email': Extra inputs are not permitted",
        ),
        (lambda doc: doc.clear(), "broken: not a valid policy document at 'format': Field required"),
    ],
)
def test_a_side_that_does_not_fit_the_schema_is_one_line_naming_side_and_place(base_side, damage, message):
    document = base_side.document.model_dump()
    damage(document)
    with pytest.raises(PolicyShapeError) as raised:
        Side.of("broken", document)
    assert str(raised.value) == message


def test_a_side_reads_the_whole_compiled_document(base_side):
    """The schema types carry every field the compiler writes, so nothing is lost by reading through them."""
    from socialkit.compile.document import compile_policy
    from socialkit.validate import validate_paths

    from .conftest import AS_OF

    compiled = compile_policy(validate_paths([EXAMPLE], as_of=AS_OF, rules=False).strategy, as_of=AS_OF)
    assert base_side.document.model_dump() == compiled


def test_different_as_of_is_noted(base_side):
    later = base_side.document.model_dump()
    later["provenance"]["as_of"] = "2026-12-01"
    diff = diff_sides(base_side, Side.of("later", later, base_side.definitions))
    assert diff.notes == (
        "the two sides were compiled from different dates (2026-11-23 and 2026-12-01); dated changes cover the dates both include",
    )


@pytest.mark.parametrize(
    "seconds, text",
    [
        (1800, "30 min"),
        (3600, "1 h"),
        (5400, "1 h 30 min"),
        (14400, "4 h"),
        (86400, "24 h"),
        (172800, "2 d"),
        (604800, "1 w"),
        (45, "45 s"),
        (0, "0 min"),
    ],
)
def test_human_durations(seconds, text):
    assert human_duration(seconds) == text


def test_markdown_escapes_everything_from_the_strategy():
    hostile = Change("channel added ({}, schedule {}, SLA {})", ("<script>alert(1)</script>", "@octocat **bold**", "a`b"))
    diff = Diff("main", "feature/[x](javascript:y)", (Section("channel", "x", "Channel <img src=x> _y_", (hostile,)),))
    text = render_markdown(diff)
    outside_code = re.sub(r"(`+)[^`].*?\1", "", text)
    assert "<" not in outside_code.replace("<!-- socialkit-diff -->", "") and "@" not in outside_code
    assert "`<script>alert(1)</script>`" in text
    assert "`@octocat **bold**`" in text and "`` a`b ``" in text
    assert "#### `Channel <img src=x> _y_`" in text
    assert "`feature/[x](javascript:y)`" in text


def test_markdown_leaves_plain_values_readable():
    change = Change("{} respond target {} -> {}", ("complaint", "4 h", "2 h"))
    assert md_change(change) == "complaint respond target 4 h \u2192 2 h"


def test_markdown_value_that_would_start_a_list_is_escaped():
    """A change line is a list item: a leading value like '1. spam' must not open a nested list."""
    assert md_change(Change("{} is never removed", ("1. spam",))) == "1\\. spam is never removed"
    assert md_change(Change("{} is never removed", ("- spam",))) == "\\- spam is never removed"


def read_code_span(span: str) -> str:
    """What CommonMark shows for a text that is one code span (a reference for the rules we rely on)."""
    fence = re.match(r"`+", span)
    assert fence, span
    n = len(fence.group())
    inner = span[n:-n]
    assert span.endswith(fence.group()) and not inner.endswith("`") and len(span) > 2 * n, span
    assert n not in {len(run) for run in re.findall(r"`+", inner)}, span  # nothing inside closes it early
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
        inner = inner[1:-1]
    return inner


@given(st.text(alphabet="`` a_*<>@\\[]()#|.-", min_size=1))
def test_code_span_shows_any_one_line_text_literally(text):
    assert read_code_span(code_span(text)) == text


def add_subjects(folder) -> None:
    """A channel, a schedule and a person more; crisis mode on office hours with a faster outage target."""
    for file, text in (
        (
            "channels.yaml",
            "  - id: threads\n    name: Threads\n    platform: threads\n    team: social\n"
            "    customer_service: false\n    redirect:\n      text: Write to us on Facebook.\n      channel: facebook\n",
        ),
        ("schedules.yaml", '  - id: lunch\n    weekly:\n      mon-fri: ["12:00-13:00"]\n'),
    ):
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    edit(folder, "people.yaml", "people:\n", "people:\n  - id: kim\n    name: Kim Ek\n")
    edit(folder, "messages.yaml", "  schedule: round-the-clock\n", "  schedule: office-hours\n")
    edit_re(folder, "messages.yaml", r"outage: \{acknowledge: 15m,", "outage: {acknowledge: 10m,")


def test_added_and_removed_subjects_and_inherited_crisis_mode(tmp_path, base_side):
    folder = copy_example(tmp_path)
    add_subjects(folder)
    new = side(folder, "new")
    assert render_text(diff_sides(base_side, new)) == (
        "base -> new: 5 changes in 5 subjects\n\n"
        "Channel Threads:\n  channel added (no customer service, schedule always open, SLA none, no reply promised (none))\n\n"
        "Schedule lunch:\n  schedule added: Mon-Fri 12:00-13:00; Sat-Sun closed\n\n"
        "SLA Kris (crisis):\n  Strömavbrott acknowledge target 15 min -> 10 min\n\n"
        "People:\n  person Kim Ek added\n\n"
        "Crisis mode:\n  schedule Dygnet runt -> Kontorstid\n"
    )
    assert [c.text for s in diff_sides(new, base_side).sections for c in s.changes] == [
        "channel removed",
        "schedule removed",
        "Strömavbrott acknowledge target 10 min -> 15 min",
        "person Kim Ek removed",
        "schedule Kontorstid -> Dygnet runt",
    ]
