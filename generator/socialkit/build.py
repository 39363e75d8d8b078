"""The build pipeline behind `socialkit build`: validated strategy -> every output.

Returns, per output root, the files to write as bytes; the command decides
whether to write them or only check them. Pure apart from what `validate`
reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from socialkit.compile.document import compile_policy
from socialkit.errors import SocialkitError
from socialkit.export import export_all
from socialkit.runtime import jsonout
from socialkit.strategy.load import Source
from socialkit.strategy.model import Strategy


@dataclass
class Outputs:
    """Files per output root (relative posix path -> bytes)."""

    roots: dict[Path, dict[str, bytes]] = field(default_factory=dict)

    def add(self, root: Path, name: str, data: bytes | str) -> None:
        self.roots.setdefault(root, {})[name] = data.encode("utf-8") if isinstance(data, str) else data


def build_outputs(strategy: Strategy, source: Source, *, settings, as_of: date, audience: str = "internal", progress=None) -> Outputs:
    outputs = Outputs()
    policies = settings.path(settings.policies_dir)
    document = compile_policy(strategy, as_of=as_of, horizon_days=settings.horizon_days, fingerprint=source.fingerprint())
    _step(progress, "policy")
    outputs.add(policies, "policy.json", jsonout.dumps(document))
    for name, data in export_all(document, strategy, as_of=as_of, source=source, audience=audience).items():
        outputs.add(policies, name, data)
    _step(progress, "exports")
    downloads = _downloads(settings, outputs.roots.get(policies, {}), audience)
    audit = audit_result(settings, audience)
    measured = measured_goals(audit)
    playbook = _playbook(strategy, source, settings=settings, as_of=as_of, audience=audience, downloads=downloads, measured=measured)
    for name, data in playbook.items():
        outputs.add(settings.path(settings.docs_dir), name, data)
    for name, data in _audit_report(strategy, audit, settings).items():
        outputs.add(settings.path(settings.docs_dir), name, data)
    outputs.add(settings.root, "mkdocs.yml", _mkdocs_yml(strategy, settings, audience))
    _step(progress, "playbook")
    return outputs


class AuditResultError(SocialkitError, ValueError):
    """The configured audit result cannot be published; the message says which file and how to fix it."""


def audit_result(settings, audience: str) -> dict | None:
    """The result file of [tool.socialkit.audit] result, checked: internal playbook only (it names agents and misses)."""
    result_path = settings.audit.result
    if result_path is None or audience != "internal":
        return None
    import json

    from socialkit.audit.report import ReportError, check_result

    path = settings.path(result_path)
    try:
        return check_result(json.loads(path.read_text(encoding="utf-8")))
    except OSError as err:
        raise AuditResultError(
            f"{result_path}: cannot read the audit result ({err.strerror}); write it with "
            "'socialkit audit LOG --format json --output FILE' or remove [tool.socialkit.audit] result"
        ) from None
    except (ValueError, ReportError, RecursionError) as err:
        raise AuditResultError(f"{result_path}: {str(err)[:300]}") from None


def measured_goals(result: dict | None) -> dict[str, dict]:
    """{goal id: the audit's item for it} (value, progress, met), for the home page's progress column."""
    goals = (result or {}).get("goals")
    items = goals.get("items") if isinstance(goals, dict) else None
    if not isinstance(items, list):
        return {}
    return {item["id"]: item for item in items if isinstance(item, dict) and item.get("kind") == "goal" and isinstance(item.get("id"), str)}


def _audit_report(strategy: Strategy, result: dict | None, settings) -> dict[str, str]:
    """docs/<lang>/audit.md from the audit result."""
    if result is None:
        return {}
    from socialkit.audit.report import ReportError, report_pages

    try:
        return report_pages(result, list(strategy.organization.languages))
    except (ValueError, ReportError, RecursionError) as err:
        raise AuditResultError(f"{settings.audit.result}: {str(err)[:300]}") from None


def _downloads(settings, policy_files: dict[str, bytes], audience: str) -> list[str]:
    """Project-relative files the site will offer: the schemas and what this build writes to policies/."""
    from socialkit.render.mkdocs_plugin import is_downloadable
    from socialkit.safepath import regular_inside

    root = settings.root
    policies = settings.path(settings.policies_dir)
    schemas = sorted(settings.path(settings.schemas_dir).glob("*.json"))
    found = [p.relative_to(root).as_posix() for p in schemas if p.is_relative_to(root) and regular_inside(p, root)]
    if policies.is_relative_to(root):
        prefix = policies.relative_to(root).as_posix()
        found += [f"{prefix}/{name}" for name in sorted(policy_files) if not name.startswith(".")]
    return sorted(rel for rel in found if is_downloadable(rel, audience))


def _mkdocs_yml(strategy: Strategy, settings, audience: str) -> str:
    from socialkit.render import render_mkdocs_yml

    docs = settings.path(settings.docs_dir)
    docs_dir = docs.relative_to(settings.root).as_posix() if docs.is_relative_to(settings.root) else str(docs)
    return render_mkdocs_yml(strategy, docs_dir=docs_dir, audience=audience, plugin=True)


def _step(progress, note: str) -> None:
    if progress is not None:
        progress.advance(note=note)


def _playbook(
    strategy: Strategy, source: Source, *, settings, as_of: date, audience: str, downloads: list[str], measured: dict[str, dict]
) -> dict[str, str]:
    from socialkit.render import render_playbook
    from socialkit.render.sources import source_files_from

    return render_playbook(
        strategy,
        as_of=as_of,
        audience=audience,
        source_files=source_files_from(source, settings.root),
        downloads=downloads,
        measured=measured,
    )
