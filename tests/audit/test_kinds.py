"""The audit reads a message kind column: by id, common export words or the values table; verdicts follow the kind."""

from __future__ import annotations

from socialkit.audit import audit_log, make_config, read_logs

LOG = """\
id,received_at,channel,category,kind,responded_at
a,2026-12-01T18:00:00+01:00,x,question,untagged-mention,
b,2026-12-01T18:00:00+01:00,x,question,Mention,2026-12-02T12:00:00+01:00
c,2026-12-01T18:00:00+01:00,x,question,,
d,2026-12-01T18:00:00+01:00,x,question,story,
e,2026-12-01T10:00:00+01:00,facebook,complaint,Recommendation,
f,2026-12-01T18:00:00+01:00,x,question,Privat,
"""


def audit(tmp_path, policy, **config):
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    log = read_logs([path], policy.document, make_config(**config))
    result, _ = audit_log(log, policy, details=True)
    return log, result


def test_kinds_by_id_export_word_and_values_table(tmp_path, policy):
    log, result = audit(tmp_path, policy, values={"kind": {"privat": "direct-message"}})
    assert log.kind == ["untagged-mention", "tagged-mention", None, "review", "direct-message"]
    [problem] = result["problems"]
    assert (problem["line"], problem["code"], problem["json_path"]) == (5, "SK505", "$.kind")
    assert "unknown kind 'story'" in problem["message"]


def test_kinds_without_a_promised_time_have_no_target_and_are_never_breached(tmp_path, policy):
    _, result = audit(tmp_path, policy, values={"kind": {"privat": "direct-message"}})
    verdicts = {m["id"]: m["verdict"] for m in result["messages"]}
    # read-only, best-effort and none: no target; the unstated kind keeps the channel's deadline
    assert verdicts["a"] == verdicts["e"] == verdicts["f"] == "no target"
    assert verdicts["c"] in ("pending", "breached")
    assert {g["key"] for g in result["by"]["kind"]} == {"(none)", "untagged-mention", "tagged-mention", "review", "direct-message"}


def test_a_log_without_a_kind_column_is_judged_as_before(tmp_path, policy):
    path = tmp_path / "log.csv"
    path.write_text("\n".join(line.rsplit(",", 2)[0] + "," + line.rsplit(",", 1)[1] for line in LOG.splitlines()) + "\n")
    log = read_logs([path], policy.document, make_config())
    result, _ = audit_log(log, policy, details=True)
    assert log.kind is None and "kind" not in result["by"]
    assert "no target" not in {m["verdict"] for m in result["messages"]}


def test_the_report_page_groups_by_kind_with_the_kinds_names(tmp_path, policy):
    from socialkit.audit.report import report_markdown

    from .test_report import _group_cells

    _, result = audit(tmp_path, policy, values={"kind": {"privat": "direct-message"}})
    en, sv = report_markdown(result, "en"), report_markdown(result, "sv")
    assert sorted(_group_cells(en, "By kind")) == [
        "Direct messages",
        "Mentions that do not tag us",
        "Mentions that tag us",
        "Reviews",
        "not stated in the log",
    ]
    assert "Direktmeddelanden" in _group_cells(sv, "Per meddelandetyp")
