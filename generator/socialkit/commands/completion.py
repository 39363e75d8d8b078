"""`socialkit completion`: shell completion scripts, generated from the CLI's own parser.

The scripts come from shtab, so they always match the installed commands and
options. Options that take a file or folder complete paths; --channel,
--category and --team complete the ids of your strategy (bash and zsh), which
the script asks `socialkit completion --ids KIND` for as you type.
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
ID_OPTIONS = {"--channel": "channels", "--category": "categories", "--team": "teams"}

BASH_PREAMBLE = """
_socialkit_ids() { compgen -W "$(socialkit completion --ids "$1" 2>/dev/null)" -- "$2"; }
_socialkit_channels() { _socialkit_ids channels "$1"; }
_socialkit_categories() { _socialkit_ids categories "$1"; }
_socialkit_teams() { _socialkit_ids teams "$1"; }
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
    """Ids from policies/policy.json when built, else from the strategy; silent on any failure."""
    project = project_from(args)
    settings = project.settings
    policy_file = settings.path(settings.policies_dir) / "policy.json"
    try:
        document = json.loads(policy_file.read_text(encoding="utf-8"))
        ids = sorted(document[args.ids])
    except (OSError, ValueError, KeyError, TypeError):
        ids = _ids_from_strategy(project, args.ids)
    print("\n".join(ids))
    return 0


def _ids_from_strategy(project, kind: str) -> list[str]:
    result = project.result
    if result.strategy is None:
        return []
    return sorted(record.id for record in getattr(result.strategy, kind, None) or [])
