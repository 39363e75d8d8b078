"""The published JSON Schema of the strategy format, generated from the model.

Top-level keys are all optional in the schema because a strategy may be split
over several files; `validate` checks the merged strategy for required parts.
"""

from __future__ import annotations

import json
from typing import Any

from socialkit.strategy.model import Strategy

SCHEMA_ID = "https://socialkit.dev/schemas/strategy.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def strategy_schema() -> dict[str, Any]:
    schema = Strategy.model_json_schema(mode="validation")
    schema.pop("required", None)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "socialkit strategy",
        "description": "An organisation's social media strategy, one file or one of several files merged. "
        "See docs/guide/strategy-format.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def render_schema(schema: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
