"""`socialkit completion`: shell completion scripts, generated from the CLI's own parser.

The scripts come from shtab, so they always match the installed commands and
options. Options that take a file or folder complete paths; --channel,
--category, --team and `moderate --reason` complete the ids of your strategy
(bash and zsh), which the script asks `socialkit completion --ids KIND` for as
you type.
"""

from __future__ import annotations

import json
import sys

from socialkit.commands import add_command, project_from

EXAMPLES = """\
  socialkit completion bash > ~/.local/share/bash-completion/completions/socialkit
  socialkit completion zsh > "${fpath[1]}/_socialkit"     then restart zsh
  socialkit completion fish > ~/.config/fish/completions/socialkit.fish
  eval "$(socialkit completion bash)"                       this shell only
"""

SHELLS = ("bash", "zsh", "tcsh", "fish")
PATH_METAVARS = {"PATH", "FILE", "DIR", "LOG"}
ID_OPTIONS = {"--channel": "channels", "--category": "categories", "--team": "teams", "--reason": "reasons"}

# Never `compgen -W "$(...)"`: compgen expands its word list, so an id like
# `$(touch${IFS}pwned)` would run on TAB. Each line is compared as plain text.
BASH_PREAMBLE = """
_socialkit_ids() {
  local id
  while IFS= read -r id; do
    [[ "$id" == "$2"* ]] && printf '%s\\n' "$id"
  done < <(socialkit completion --ids "$1" 2>/dev/null)
}
_socialkit_channels() { _socialkit_ids channels "$1"; }
_socialkit_categories() { _socialkit_ids categories "$1"; }
_socialkit_teams() { _socialkit_ids teams "$1"; }
_socialkit_reasons() { _socialkit_ids reasons "$1"; }
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "completion", "Print a shell completion script for socialkit.", EXAMPLES)
    parser.add_argument("shell", nargs="?", choices=SHELLS, help="the shell to complete in")
    parser.add_argument(
        "--ids",
        choices=sorted(set(ID_OPTIONS.values())),
        help=("print the ids of this kind, one per line (used by the scripts; read from the built policy, else the strategy)"),
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.ids:
        return _print_ids(args)
    if not args.shell:
        print("socialkit completion: name a shell: " + ", ".join(SHELLS), file=sys.stderr)
        return 2
    print(completion_script(args.shell), end="")
    return 0


def completion_script(shell: str) -> str:
    import shtab

    from socialkit.cli import build_parser

    parser = build_parser()
    _mark_completions(parser, shtab)
    preamble = BASH_PREAMBLE if shell == "bash" else ""
    return shtab.complete(parser, shell=shell, preamble=preamble)


def _mark_completions(parser, shtab) -> None:
    """Paths complete as files or folders; ids ask socialkit (bash, zsh)."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_completions(sub, shtab)
            continue
        option = next((o for o in action.option_strings if o in ID_OPTIONS), None)
        if option:
            kind = ID_OPTIONS[option]
            action.complete = {"bash": f"_socialkit_{kind}", "zsh": f"($(socialkit completion --ids {kind} 2>/dev/null))"}
        elif action.metavar == "DIR":
            action.complete = shtab.DIRECTORY
        elif action.metavar in PATH_METAVARS:
            action.complete = shtab.FILE


def _print_ids(args) -> int:
    """Safe ids from policies/policy.json when built, else from the strategy; silent on any failure.

    The shells put these words on the command line, so only ids matching the
    id pattern (lower-case letters, digits, single hyphens) are ever printed.
    """
    project = project_from(args)
    settings = project.settings
    ids = _ids_from_policy(settings.path(settings.policies_dir) / "policy.json", args.ids)
    if ids is None:
        ids = _ids_from_strategy(project, args.ids)
    print("\n".join(sorted({i for i in ids if is_safe_id(i)})))
    return 0


def is_safe_id(value: object) -> bool:
    from socialkit.strategy.scalars import ID_RE

    return isinstance(value, str) and ID_RE.fullmatch(value) is not None and "\n" not in value


def _ids_from_policy(path, kind: str) -> list[str] | None:
    """The ids of `kind` in a built policy.json; None unless it is a regular file shaped like one."""
    from socialkit.safepath import UnsafePath, read_regular

    try:
        data = read_regular(path)
        document = json.loads(data.decode("utf-8")) if data is not None else None
    except (OSError, UnsafePath, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not str(document.get("format", "")).startswith("socialkit.policy/"):
        return None
    if kind == "reasons":  # the kinds of content the moderation rules answer for
        return _moderation_reasons(document.get("moderation"))
    section = document.get(kind)
    if not isinstance(section, dict):
        return None
    return list(section)


def _moderation_reasons(moderation: object) -> list[str] | None:
    if not isinstance(moderation, dict):
        return None
    rules = moderation.get("reasons") if isinstance(moderation.get("reasons"), list) else []
    named = [rule.get("reason") for rule in rules if isinstance(rule, dict)]
    for key in ("never_remove", "hide", "remove"):
        value = moderation.get(key)
        named += value if isinstance(value, list) else []
    return [reason for reason in named if isinstance(reason, str)]


def _ids_from_strategy(project, kind: str) -> list[str]:
    result = project.result
    if result.strategy is None:
        return []
    if kind == "reasons":
        moderation = result.strategy.moderation
        if moderation is None:
            return []
        return [rule.reason for rule in moderation.reasons] + [*moderation.never_remove, *moderation.hide, *moderation.remove]
    return sorted(record.id for record in getattr(result.strategy, kind, None) or [])
