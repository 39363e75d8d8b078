"""`socialkit schema`: print or write the strategy's JSON Schema."""

from __future__ import annotations

import sys

from socialkit.commands import add_command, settings_from

EXAMPLES = """\
  socialkit schema                 print the JSON Schema of the strategy format
  socialkit schema --write         write it to schemas/strategy.schema.json
  socialkit schema --check         exit 1 if a committed schema is out of date
  socialkit schema --kind policy   the schema of policies/policy.json
  socialkit schema --kind tests    the schema of policy tests (strategy/tests/*.yaml)
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "schema", "Print, write or check the strategy JSON Schema (draft 2020-12).", EXAMPLES)
    parser.add_argument(
        "--kind",
        choices=("strategy", "policy", "tests"),
        default="strategy",
        help="which schema to print (default: strategy); --write and --check cover all",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="write schemas/strategy.schema.json, policy.schema.json and tests.schema.json")
    group.add_argument("--check", action="store_true", help="fail if the written schema differs from the model")
    parser.set_defaults(run=run)


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of every published schema."""
    from socialkit.compile.policy_schema import policy_schema
    from socialkit.policytest.spec import tests_schema
    from socialkit.strategy.schema import render_schema, strategy_schema

    return {
        "strategy.schema.json": render_schema(strategy_schema()),
        "policy.schema.json": render_schema(policy_schema()),
        "tests.schema.json": render_schema(tests_schema()),
    }


def run(args) -> int:
    from socialkit.write import write_text_atomic

    texts = schema_texts()
    if not (args.write or args.check):
        sys.stdout.write(texts[f"{args.kind}.schema.json"])
        return 0
    settings = settings_from(args)
    from socialkit.compile.policy_schema import with_reference

    targets = {settings.path(settings.schemas_dir) / name: text for name, text in texts.items()}
    guide = settings.path(settings.docs_dir) / "guide" / "policy.md"
    if guide.is_file():  # the field reference section of the hand-written guide page
        current = guide.read_text(encoding="utf-8")
        targets[guide] = with_reference(current)
    stale = [path for path, text in targets.items() if _read(path) != text]
    if args.check:
        for path in stale:
            print(f"{path.name} is out of date; run 'socialkit schema --write'", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        write_text_atomic(path, targets[path])
        print(f"wrote {path.relative_to(settings.root) if path.is_relative_to(settings.root) else path}")
    return 0


def _read(path):
    return path.read_text(encoding="utf-8") if path.is_file() else None
