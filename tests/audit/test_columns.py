"""policy.decide_columns (the audit's columnar path) gives the same answers as Policy.decide_many."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.runtime.policy import Event, EventBatch, decide_columns

WORDS = ["hot", "HOTAR", "bomb", "ska", "DÖDA", "döda", "kill", "photo", "hotell", "\u212aill", "İ", "hej", "_", "-", "\n", "👍", "é"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["facebook", "instagram", "x", "linkedin", "tiktok"]),
            st.sampled_from(["complaint", "question", "praise", "neutral", "harassment", "outage"]),
            st.integers(0, 60 * 86400),
            st.lists(st.sampled_from(WORDS), max_size=5),
            st.sampled_from([None, 0, 9999, 10000, 250000]),
            st.sampled_from([None, "customer", "journalist"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_decide_columns_agrees_with_decide_many(policy, rows):
    start = policy.document["provenance"]["horizon_start"]
    events = [
        Event(ch, cat, start + offset, " ".join(words) if i % 2 else "".join(words), followers, author, crisis)
        for i, (ch, cat, offset, words, followers, author, crisis) in enumerate(rows)
    ]
    decided = decide_columns(policy, EventBatch.from_events(events))
    for i, decision in enumerate(policy.decide_many(events)):
        group = decided.groups[decided.group[i]]
        assert (decision.escalation or {}).get("rule") == group.rule
        assert decision.team == group.team
        assert (decision.acknowledge_by or -1, decision.respond_by or -1, decision.open) == (
            int(decided.acknowledge_by[i]),
            int(decided.respond_by[i]),
            bool(decided.open[i]),
        )
