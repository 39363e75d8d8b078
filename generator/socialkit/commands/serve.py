"""`socialkit serve`: preview the playbook with live reload (wraps `mkdocs serve`)."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from socialkit.commands import add_command, cli_path, project_from

EXAMPLES = """\
  socialkit serve                          serve mkdocs.yml on http://127.0.0.1:8000 and reload on strategy edits
  socialkit serve --audience public        preview what the public site shows
  socialkit serve --as-of 2026-12-14       rota and upcoming closures as of that date
  socialkit serve --dev-addr 0.0.0.0:8080

Without a mkdocs.yml in the project root, a default configuration with the
socialkit plugin is used. Stop with Ctrl-C.
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "serve", "Preview the playbook site, rebuilding when the strategy changes.", EXAMPLES)
    parser.add_argument("-f", "--config-file", metavar="FILE", help="mkdocs.yml to use (default: the project's)")
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", default="127.0.0.1:8000", help="address to serve on")
    parser.add_argument("--audience", choices=("internal", "public"), help="which playbook to show (default: mkdocs.yml's)")
    parser.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD", help="reference date (default today)")
    parser.add_argument("--open", action="store_true", help="open the site in a browser")
    parser.set_defaults(run=run)


def run(args) -> int:
    from mkdocs.commands import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    from socialkit.render import mkdocs_plugin

    project = project_from(args)
    settings = project.settings
    config = cli_path(args.config_file) if args.config_file else settings.root / "mkdocs.yml"
    if args.config_file and not config.is_file():
        print(f"socialkit: {args.config_file} does not exist", file=sys.stderr)
        return 2
    overrides = {"as_of": settings.as_of.isoformat() if settings.as_of else None, "root": str(settings.root)}
    if args.audience:
        overrides["audience"] = args.audience
    mkdocs_plugin.OVERRIDES.clear()
    mkdocs_plugin.OVERRIDES.update({k: v for k, v in overrides.items() if v is not None})
    with tempfile.TemporaryDirectory(prefix="socialkit-serve-") as scratch:
        if not config.is_file():
            config = _default_config(project, Path(scratch))
            if config is None:
                return 1
        try:
            mkdocs_serve.serve(str(config), dev_addr=args.dev_addr, open_in_browser=args.open)
        except MkDocsException as err:
            print(f"socialkit: {err}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            mkdocs_plugin.OVERRIDES.clear()
    return 0


def _default_config(project, scratch: Path) -> Path | None:
    """A mkdocs.yml in a scratch folder pointing at the project's docs/ and strategy."""
    from socialkit.render import render_mkdocs_yml

    result = project.checked("serve")
    settings = project.settings
    docs = settings.path(settings.docs_dir)
    docs.mkdir(parents=True, exist_ok=True)
    text = render_mkdocs_yml(result.strategy, docs_dir=str(docs), plugin=True, site_dir=str(scratch / "site"))
    (scratch / "mkdocs.yml").write_text(text, encoding="utf-8")
    return scratch / "mkdocs.yml"
