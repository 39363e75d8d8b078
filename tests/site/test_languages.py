"""Correct in each language: page language, the theme's words, the selector, Babel formatting, names not ids."""

from __future__ import annotations

import re

import pytest

from conftest import AS_OF, make_project, mkdocs_build
from socialkit.render import render_mkdocs_yml, render_playbook
from socialkit.render.context import Ctx
from socialkit.render.site_language import counterpart, page_language, page_url
from socialkit.validate import validate_paths


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("languages"), downloads=False)
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    return project / "site"


@pytest.mark.slow
def test_every_page_declares_its_own_language(site):
    pages = {lang: sorted((site / lang).rglob("index.html")) for lang in ("sv", "en")}
    assert len(pages["sv"]) == len(pages["en"]) > 10
    for lang, files in pages.items():
        for path in files:
            assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8"), path
    assert '<html lang="sv"' in (site / "guide" / "playbook" / "index.html").read_text(encoding="utf-8")  # the site's default


@pytest.mark.slow
def test_the_theme_speaks_the_page_language(site):
    en = (site / "en" / "responses" / "index.html").read_text(encoding="utf-8")
    sv = (site / "sv" / "responses" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Search"' in en and 'placeholder="Sök"' in sv
    assert "Table of contents" in en and "Innehållsförteckning" in sv


@pytest.mark.slow
def test_language_selector_leads_to_the_same_page(site):
    html = (site / "en" / "channels" / "facebook" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', html))
    assert links == {"../../../sv/channels/facebook/index.html": "sv", "index.html": "en"}
    home = (site / "index.html").read_text(encoding="utf-8")  # the landing page keeps the language homes
    assert 'href="sv/index.html" hreflang="sv"' in home


def test_site_language_helpers():
    assert page_language("en/channels/x.md", ["sv", "en"]) == "en"
    assert page_language("guide/x.md", ["sv", "en"]) is None and page_language("en.md", ["en"]) is None
    assert counterpart("sv/channels/x.md", "sv", "en") == "en/channels/x.md"
    assert page_url("en/channels/index.md") == "en/channels/index.html" and page_url("en/team.md") == "en/team/index.html"


def test_durations_use_the_largest_natural_unit(strategy):
    sv, en = Ctx(strategy, "sv", "internal", AS_OF), Ctx(strategy, "en", "internal", AS_OF)
    assert sv.duration(104 * 604800) == "2 år" and en.duration(104 * 604800) == "2 years"
    assert en.duration(365 * 86400) == "1 year"
    assert en.duration(2 * 604800) == "2 weeks" and en.duration(5400) == "1 hour, 30 minutes"
    pages = render_playbook(strategy, as_of=AS_OF)
    assert "Kept for 2 years" in pages["en/moderation.md"] and "Sparas i 2 år" in pages["sv/moderation.md"]


def test_numbers_and_quotes_follow_the_language(strategy):
    sv, en = Ctx(strategy, "sv", "internal", AS_OF), Ctx(strategy, "en", "internal", AS_OF)
    assert sv.percent(0.85) == "85\xa0%" and en.percent(0.85) == "85%"
    assert sv.number(10000) == "10\xa0000" and en.number(10000) == "10,000"
    assert sv.quote("bomb") == "”bomb”" and en.quote("bomb") == "“bomb”"


def test_pages_show_names_not_ids_and_no_iso_dates_in_prose(strategy):
    pages = render_playbook(strategy, as_of=AS_OF)
    for path, text in pages.items():
        if path.endswith("reference.md"):
            continue  # rule codes and names are what that page is for
        prose = re.sub(r"<!--.*?-->", "", text)
        assert not re.search(r"`[a-z0-9]+(?:-[a-z0-9]+)+`", prose), path
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", prose), path
    assert "- On call: takes turns every 2 weeks" in pages["en/team.md"]


def test_the_swedish_hours_page_is_not_called_accessibility(strategy):
    pages = render_playbook(strategy, as_of=AS_OF, audience="public")
    assert "# Öppettider" in pages["sv/availability.md"]
    assert not any("tillgänglighet" in text.lower() for path, text in pages.items() if path.startswith("sv/"))


@pytest.mark.slow
def test_each_language_folder_has_its_own_search_index(site):
    import json

    whole = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for lang in ("sv", "en"):
        own = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        expected = [d["location"][3:] for d in whole["docs"] if d["location"].startswith(f"{lang}/")]
        assert [d["location"] for d in own["docs"]] == expected and expected
        assert own["config"]["lang"] == [lang]
        html = (site / lang / "channels" / "facebook" / "index.html").read_text(encoding="utf-8")
        assert f'"base": "../../../{lang}/"' in html
    assert '"base": "."' in (site / "index.html").read_text(encoding="utf-8")  # the landing page searches everything


def test_localise_search_base_moves_only_the_config_base():
    from socialkit.render.site_language import localise_search_base

    html = '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "x": 1}</script> "base": "keep"'
    assert localise_search_base(html, "en") == html.replace('"base": "../.."', '"base": "../../en/"')
