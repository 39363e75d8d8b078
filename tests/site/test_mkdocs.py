"""`mkdocs build --strict` of the playbook: with the plugin, from written pages, both themes, both audiences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT, make_project, mkdocs_build
from socialkit.render import render_mkdocs_yml, render_playbook, source_files_from
from socialkit.render.mkdocs_plugin import find_downloads
from socialkit.validate import validate_paths

pytestmark = pytest.mark.slow


def plugin_project(tmp: Path, *, audience: str = "internal", theme: str = "material", **kwargs) -> Path:
    project = make_project(tmp, **kwargs)
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True, audience=audience, theme=theme))
    return project


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_plugin_build_is_strict_clean(tmp_path, theme):
    project = plugin_project(tmp_path, theme=theme)
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    for page in (  # the default language (sv) at the root, English under en/
        "index.html",
        "en/index.html",
        "en/channels/facebook/index.html",
        "availability/index.html",
        "en/team/index.html",
        "guide/playbook/index.html",
    ):
        assert (site / page).is_file(), page
    for download in ("schemas/strategy.schema.json", "policies/policy.json", "policies/ics/office-hours.ics"):
        assert (site / download).is_file(), download
    reference = (site / "en/reference/index.html").read_text()
    assert 'href="../../policies/policy.json"' in reference
    # titles come from each page's heading in its own language, not from the (English) file name
    assert "<title>Eskalering - Solvik Energi AB</title>" in (site / "escalation/index.html").read_text()
    assert "<title>Team och bemanning - Solvik Energi AB</title>" in (site / "team/index.html").read_text()
    assert '<html lang="en"' in (site / "en/team/index.html").read_text()


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_written_pages_build_strict_clean(tmp_path, example, theme):
    """What `socialkit build` does: write the pages to docs/, then a plain mkdocs build (no plugin)."""
    project = make_project(tmp_path, downloads=False)
    for path, text in render_playbook(example.strategy, as_of=AS_OF).items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text(text)
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(example.strategy, theme=theme, guide_pages=["guide/playbook.md"]))
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    assert "Julafton" in (project / "site/availability/index.html").read_text()
    assert "Christmas Eve" in (project / "site/en/availability/index.html").read_text()
    assert "Hand-written guide page" in (project / "site/guide/playbook/index.html").read_text()


def test_plugin_pages_equal_rendered_pages(tmp_path):
    """The Markdown the plugin feeds MkDocs is exactly what render_playbook writes to docs/."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    project = plugin_project(tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    config.plugins["socialkit"].on_nav(None, config=config, files=files)  # the pages get their text here
    result = validate_paths([project / "strategy"])
    expected = render_playbook(
        result.strategy, as_of=AS_OF, source_files=source_files_from(result.source, project), downloads=sorted(find_downloads(project))
    )
    assert "policies/policy.json" in find_downloads(project)
    generated = {f.src_uri: f.content_string for f in files if f.src_uri in expected}
    assert config.plugins["socialkit"].pages == expected
    assert generated == {path: text for path, text in expected.items() if path.startswith("sv/")}  # the first build: the default language
    assert "guide/playbook.md" in {f.src_uri for f in files}


def test_plugin_replaces_stale_pages_in_docs(tmp_path):
    project = plugin_project(tmp_path)
    (project / "docs/en").mkdir()
    (project / "docs/en/index.md").write_text("# stale\n")
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    assert "stale" not in (project / "site/en/index.html").read_text()


def test_plugin_reports_an_invalid_strategy(tmp_path):
    project = plugin_project(tmp_path)
    channels = project / "strategy/channels.yaml"
    channels.write_text(channels.read_text().replace("team: social\n", "team: socal\n", 1))
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "SK101" in done.stderr and "socal" in done.stderr


def _site_text(site: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(site.rglob("*")) if p.is_file())


def test_public_site_has_no_contact_details(tmp_path, strategy):
    project = plugin_project(tmp_path, audience="public")
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    text = _site_text(project / "site")  # every file: HTML, search index, sitemap, copied downloads
    squeezed = re.sub(r"[\s()\-.]", "", text)
    for person in strategy.people:
        if person.email:
            assert person.email.lower() not in text.lower(), person.email
        if person.phone:
            digits = re.sub(r"\D", "", person.phone)
            assert digits not in squeezed and "0" + digits[2:] not in squeezed, person.phone
        assert person.name not in text, person.name
    for team in strategy.teams:
        assert not team.email or team.email not in text
    assert not (project / "site/en/team").exists()
    assert not (project / "site/policies/policy.json").exists()  # it carries the rota
    assert (project / "site/schemas/strategy.schema.json").is_file()  # schema examples name no real person


def test_public_build_refuses_downloads_with_contact_details(tmp_path):
    project = plugin_project(tmp_path, audience="public")
    (project / "policies/availability.json").write_text('{"contact": "anna.lind@solvik-energi.example"}')
    (project / "policies/ics/office-hours.ics").write_text("TEL:+46 70 123 45 67\r\n")
    (project / "policies/policy.json").write_text('{"rota": "internal"}')
    done = mkdocs_build(project)
    assert done.returncode != 0  # the warning fails the strict build
    assert "leaves out policies/availability.json" in done.stderr and "leaves out policies/ics/office-hours.ics" in done.stderr
    done = mkdocs_build(project, "--no-strict")
    assert not (project / "site/policies/availability.json").exists()
    assert not (project / "site/policies/policy.json").exists(), "policy.json carries the rota: never public"
    assert "anna.lind" not in _site_text(project / "site")


def test_no_machine_paths_in_the_site(tmp_path):
    project = plugin_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    text = _site_text(project / "site")
    assert str(tmp_path) not in text and str(ROOT) not in text


def test_an_old_language_chooser_in_docs_gives_way_to_the_default_language_home(tmp_path):
    """docs/index.md as socialkit wrote it before the i18n plugin would clash with docs/sv/index.md."""
    project = plugin_project(tmp_path, downloads=False)
    (project / "docs/index.md").write_text(
        "<!-- generated by socialkit; do not edit: change the strategy and rebuild -->\n\n# Solvik\n\n- [Svenska](sv/index.md)\n"
    )
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    home = (project / "site/index.html").read_text()
    assert '<html lang="sv"' in home and "Varför vi finns i sociala medier" in home
