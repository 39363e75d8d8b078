"""`socialkit schema`: print or write the strategy's JSON Schema."""

from __future__ import annotations

import sys

from . import add_command, settings_from

EXAMPLES = """\
  socialkit schema                 print the JSON Schema of the strategy format
  socialkit schema --write         write it to schemas/strategy.schema.json
  socialkit schema --check         exit 1 if the committed schema is out of date
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "schema", "Print, write or check the strategy JSON Schema (draft 2020-12).", EXAMPLES)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="write schemas/strategy.schema.json")
    group.add_argument("--check", action="store_true", help="fail if the written schema differs from the model")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..schema import render_schema, strategy_schema
    from ..write import write_text_atomic

    text = render_schema(strategy_schema())
    if not (args.write or args.check):
        sys.stdout.write(text)
        return 0
    settings = settings_from(args)
    if settings is None:
        return 2
    target = settings.path(settings.schemas_dir) / "strategy.schema.json"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            print(f"{target.name} is out of date; run 'socialkit schema --write'", file=sys.stderr)
            return 1
        return 0
    write_text_atomic(target, text)
    print(f"wrote {target.relative_to(settings.root) if target.is_relative_to(settings.root) else target}")
    return 0
