"""The bundle's files: manifest, data.json in ns, Rego that parses, a
deterministic tarball holding exactly the loose files."""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.compile.document import compile_policy, tokens
from socialkit.export import ExportRequest, opa
from socialkit.export.opa import MAX_ENTRIES, NS, export_files, opa_data

from .conftest import AS_OF, Rego, untar

LOOSE = {
    "opa/.manifest",
    "opa/data.json",
    "opa/socialkit/decision.rego",
    "opa/socialkit/event.rego",
    "opa/socialkit/governance.rego",
    "opa/socialkit/lib.rego",
    "opa/socialkit/publish.rego",
    "opa/socialkit/moderate.rego",
    "opa/socialkit/moderation.rego",
}


def test_files(files):
    assert set(files) == LOOSE | {"opa/bundle.tar.gz"}
    assert all(isinstance(data, bytes) for data in files.values())


def test_manifest(files, document):
    manifest = json.loads(files["opa/.manifest"])
    sha = document["provenance"]["strategy_sha256"]
    assert re.fullmatch(r"[0-9a-f]{64}", sha)
    assert manifest["revision"] == f"{sha}@2026-11-23"
    assert manifest["roots"] == ["socialkit"]
    assert manifest["metadata"]["time_unit"] == "ns"
    # 2026-11-23 + 1096 days (three years, compiled from the rules; policy.json holds 400), midnight in
    # Stockholm: the first instant the bundle no longer answers
    assert (manifest["metadata"]["valid_from"], manifest["metadata"]["valid_until"]) == ("2026-11-22T23:00:00Z", "2029-11-22T23:00:00Z")
    assert manifest["metadata"]["horizon_days"] == opa.BUNDLE_DAYS == 1096
    assert document["provenance"]["horizon_days"] == 400


def test_build_pipeline_finds_the_exporter():
    from socialkit.export import exporters

    assert opa.export_files in exporters()


def test_two_builds_are_byte_identical(example, files):
    again = compile_policy(example.strategy, as_of=AS_OF, fingerprint=example.source.fingerprint())
    assert export_files(ExportRequest(again, example.strategy, as_of=AS_OF)) == files


def test_tarball_is_a_plain_deterministic_bundle(files):
    data = files["opa/bundle.tar.gz"]
    assert data[:3] == b"\x1f\x8b\x08"  # gzip, deflate
    assert data[3] == 0  # no file name, no extra fields
    assert data[4:8] == b"\0\0\0\0"  # no modification time
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data)), mode="r:") as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert (
        names
        == sorted(names)
        == [
            ".manifest",
            "data.json",
            "socialkit/decision.rego",
            "socialkit/event.rego",
            "socialkit/governance.rego",
            "socialkit/lib.rego",
            "socialkit/moderate.rego",
            "socialkit/moderation.rego",
            "socialkit/publish.rego",
        ]
    )
    for member in members:
        assert member.isfile() and member.mtime == 0 and member.uid == member.gid == 0
        assert member.uname == member.gname == "" and member.mode == 0o644
    assert {f"opa/{name}": content for name, content in untar(data).items()} == {name: files[name] for name in LOOSE}


def test_data_json_is_in_ns_under_the_socialkit_root(files, document, example):
    data = json.loads(files["opa/data.json"])
    assert list(data) == ["socialkit"]
    policy = data["socialkit"]["policy"]
    assert policy["time_unit"] == "ns" and policy["format"] == "socialkit.opa/1"
    three_years = compile_policy(example.strategy, as_of=AS_OF, horizon_days=opa.BUNDLE_DAYS)  # what the rules give
    for schedule_id, schedule in policy["schedules"].items():
        compiled = three_years["schedules"][schedule_id]["compiled"]
        within_policy = document["schedules"][schedule_id]["compiled"]["windows"][:-1]  # the last may run on
        assert schedule["starts"][: len(within_policy)] == [w[0] * NS for w in within_policy]
        assert schedule["horizon_start"] == compiled["horizon_start"] * NS
        assert schedule["starts"] == [w[0] * NS for w in compiled["windows"]]
        assert schedule["ends"] == [w[1] * NS for w in compiled["windows"]]
        assert schedule["starts"] == sorted(schedule["starts"])
        assert all(c + e - s == ce for c, s, e, ce in zip(schedule["cum"], schedule["starts"], schedule["ends"], schedule["cum_end"]))
        assert len(schedule["day_starts"]) == len(schedule["day_closes"]) + 1
    rota = policy["teams"]["social"]["rota"]
    spans = three_years["teams"]["social"]["rota"]["spans"]
    assert rota["starts"] == [s[0] * NS for s in spans] and rota["persons"] == [s[2] for s in spans]
    assert policy["teams"]["careers"]["rota"] is None
    assert policy["slas"]["standard"]["targets"]["complaint"]["respond"] == {
        "within": 4 * 3600 * NS,
        "if_received_closed": "end-of-next-business-day",
    }
    threat = policy["escalation"][0]
    assert threat["acknowledge_within"] == 15 * 60 * NS and threat["when"]["keywords"][4] == ["ska", "döda"]
    assert threat["match"]["any_category"] is True and threat["match"]["crisis"] == [False, True]
    assert policy["condition_schedules"] == ["office-hours"]


def test_rego_parses_in_v1_syntax_without_time_zone_built_ins(files):
    Rego({name.removeprefix("opa/"): data for name, data in files.items() if name in LOOSE})  # compiles
    for name in LOOSE - {"opa/.manifest", "opa/data.json"}:
        source = files[name].decode("utf-8")
        assert "import rego.v1" in source
        assert re.search(r"^package socialkit(\.\w+)?$", source, re.M)
        used = set(re.findall(r"\btime\.\w+", source))
        assert used <= {"time.parse_rfc3339_ns"}, used


def test_too_many_windows_are_refused(document):
    big = json.loads(json.dumps(document))
    compiled = big["schedules"]["office-hours"]["compiled"]
    compiled["windows"] = [[i * 10, i * 10 + 5] for i in range(MAX_ENTRIES + 1)]
    compiled["cum"] = [i * 5 for i in range(MAX_ENTRIES + 1)]
    with pytest.raises(ValueError, match="office-hours"):
        opa_data(big, as_of=AS_OF)


TEXT = st.text(
    alphabet=st.sampled_from([chr(c) for c in range(32, 127)] + list("\n\tåäöÅÄÖéÉüÜßàÀçÇñÑøØæÆµ²½")),
    max_size=40,
)


@settings(max_examples=25, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_word_tokens_match_python(rego, texts):
    """lib.tokens is Python's tokens() (re [^\\W_]+ on str.lower()) on ASCII and Latin-1 text."""
    rego.interpreter.set_input({"texts": texts})
    output = rego.interpreter.query("x := [data.socialkit.lib.tokens(t) | some t in input.texts]")
    assert output.results[0].bindings["x"] == [tokens(t) for t in texts]


def test_an_older_document_without_rules_gives_a_bundle_for_its_own_horizon(document, example):
    older = json.loads(json.dumps(document))
    for schedule in older["schedules"].values():
        del schedule["rules"]
    for team in older["teams"].values():
        del team["rota_rules"]
    files = export_files(ExportRequest(older, example.strategy, as_of=AS_OF))
    metadata = json.loads(files["opa/.manifest"])["metadata"]
    assert (metadata["horizon_days"], metadata["valid_until"]) == (400, "2027-12-27T23:00:00Z")
