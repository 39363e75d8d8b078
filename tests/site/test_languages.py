"""Correct in each language: page language, the theme's words, the selector, Babel formatting, names not ids."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from built_site import Page, counterpart, playbook_pages

from conftest import AS_OF, make_project, mkdocs_build
from socialkit.render import render_mkdocs_yml, render_playbook
from socialkit.render.context import Ctx
from socialkit.validate import validate_paths


def _starter(where: Path, lang: str) -> Path:
    """`socialkit init --lang LANG`, built as its own CI job builds it."""
    code = subprocess.run(
        [sys.executable, "-m", "socialkit", "init", str(where), "--lang", lang, "--name", "Kommunen"], capture_output=True, text=True
    )
    assert code.returncode == 0, code.stderr
    return where


# The example (both audiences) and the starters `socialkit init` makes in each language.
BUILDS = {
    "example-internal": ("internal", None),
    "example-public": ("public", None),
    "starter-sv": ("public", "sv"),
    "starter-en": ("public", "en"),
}


@pytest.fixture(scope="module", params=sorted(BUILDS))
def built(request, tmp_path_factory):
    """(site folder, default language, languages) of one build."""
    audience, starter = BUILDS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    project = _starter(folder / "repo", starter) if starter else make_project(folder, downloads=False)
    if not starter:
        strategy = validate_paths([project / "strategy"]).strategy
        (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    strategy = validate_paths([project / "strategy"]).strategy
    done = mkdocs_build(project, env={"SOCIALKIT_AUDIENCE": audience})
    assert done.returncode == 0, done.stderr
    org = strategy.organization
    return project / "site", org.default_language, list(org.languages)


SEARCH_WORD = {"sv": "Sök", "en": "Search"}
TOC_WORD = {"sv": "Innehållsförteckning", "en": "Table of contents"}


@pytest.mark.slow
def test_every_page_declares_its_own_language_in_the_theme_s_words(built):
    site, default, languages = built
    pages = playbook_pages(site, default, languages)
    assert len({len(found) for found in pages.values()}) == 1 and len(pages[default]) > 5  # the same pages in each language
    for lang, found in pages.items():
        for page in found:
            assert (page.lang, page.parsed.placeholder) == (lang, SEARCH_WORD[lang]), page.path
            assert page.parsed.toc_title in (None, TOC_WORD[lang]), page.path
        assert any(page.parsed.toc_title == TOC_WORD[lang] for page in found), lang
    assert Page.read(site, "404.html").lang == default  # the one 404 page hosts serve, at the root
    if (site.parent / "docs" / "guide").is_dir():  # the example's hand-written guide page: `lang: en` in front matter
        assert default == "sv" and Page.read(site, "guide/playbook/index.html").lang == "en"


def test_only_a_language_tag_from_front_matter_reaches_the_html(caplog):
    from socialkit.render.mkdocs_plugin import declared_language, with_html_lang

    page = '<!doctype html><html lang="sv" class="no-js"><head></head><body lang="x"></body></html>'
    assert with_html_lang(page, declared_language("en-GB", "p.md")) == page.replace('lang="sv"', 'lang="en-GB"', 1)
    for hostile in ['en" onload="alert(1)', "en><script>", 7, ["en"], ""]:
        assert declared_language(hostile, "guide/p.md") is None
    assert "guide/p.md: front matter 'lang' must be a language tag" in caplog.text
    assert declared_language(None, "p.md") is None


@pytest.mark.slow
def test_language_selector_leads_to_the_same_page_in_the_other_language(built):
    site, default, languages = built
    for lang, found in playbook_pages(site, default, languages).items():
        for page in found:
            if len(languages) == 1:
                assert page.selector() == {}, page.path  # nothing to choose
                continue
            expected = {other: counterpart(page.path, lang, other, default) for other in languages}
            assert page.selector() == expected, page.path
            assert all((site / target).is_file() for target in expected.values())


@pytest.mark.slow
def test_search_on_a_page_lists_pages_of_its_language_only(built):
    site, default, languages = built
    pages = playbook_pages(site, default, languages)
    for lang, found in pages.items():
        own = {page.path for page in found}
        for page in found:
            index = page.search_index()
            assert index["config"]["lang"] == [lang], page.path  # the stemmer of the page's language
            listed = page.search("")  # everything the page's index holds
            assert listed and set(listed) <= own | {p for p in listed if p.startswith("guide/")}, page.path
            assert lang == default or not any(p.startswith("guide/") for p in listed)


@pytest.mark.slow
def test_a_word_in_both_languages_is_found_in_the_page_language(built):
    site, default, languages = built
    if languages != ["sv", "en"] or not (site / "en" / "channels" / "facebook").is_dir():
        pytest.skip("the example strategy (both languages, a Facebook channel) shows this")
    pages = playbook_pages(site, default, languages)
    english = next(p for p in pages["en"] if p.path == "en/channels/index.html")
    swedish = next(p for p in pages["sv"] if p.path == "channels/index.html")
    found_en, found_sv = english.search("Facebook"), swedish.search("Facebook")
    assert "en/channels/facebook/index.html" in found_en and all(p.startswith("en/") for p in found_en)
    assert "channels/facebook/index.html" in found_sv and not any(p.startswith("en/") for p in found_sv)
    assert english.search("Resolved complaints") and not swedish.search("Resolved complaints")


def test_the_site_layout_follows_the_i18n_plugin(strategy):
    text = render_mkdocs_yml(strategy, plugin=True)
    assert "  - i18n:\n      docs_structure: folder\n      fallback_to_default: false" in text
    assert '- locale: "sv"\n          name: "Svenska"\n          default: true\n          fixed_link: "index.html"' in text
    assert '- locale: "en"\n          name: "English"\n          fixed_link: "en/index.html"' in text
    assert "alternate" not in text  # the plugin makes the selector


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


def test_split_search_index_keeps_the_default_at_the_root(tmp_path):
    from socialkit.render.site_search import split_search_index

    docs = [{"location": loc, "title": "t", "text": ""} for loc in ("", "x/", "guide/g/", "en/", "en/x/#a")]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {"lang": ["sv", "en"]}, "docs": docs}))
    split_search_index(tmp_path, "sv", ["sv", "en"])
    root = json.loads((tmp_path / "search" / "search_index.json").read_text())
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text())
    assert [d["location"] for d in root["docs"]] == ["", "x/", "guide/g/"] and root["config"]["lang"] == ["sv"]
    assert [d["location"] for d in en["docs"]] == ["", "x/#a"] and en["config"]["lang"] == ["en"]


def test_localise_search_base_moves_only_the_config_base():
    from socialkit.render.site_search import localise_search_base

    html = '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "x": 1}</script> "base": "keep"'
    assert localise_search_base(html, "en") == html.replace('"base": "../.."', '"base": "../../en/"')


@pytest.mark.slow
def test_languages_the_theme_or_the_i18n_plugin_lack_still_build(tmp_path, example):
    """What validate accepts must build: Northern Sami ('se', no Material words) and Meänkieli ('fit', a
    three-letter code the i18n plugin refuses) join the site under the default language's theme words."""
    import copy

    from conftest import write_strategy

    data = copy.deepcopy(example.source.data)
    data["organization"]["languages"] = ["sv", "en", "se", "fit"]
    project = make_project(tmp_path, downloads=False)
    write_strategy(data, project / "strategy")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    assert Page.read(site, "en/index.html").lang == "en" and Page.read(site, "se/index.html").parsed.placeholder == "Sök"
    assert Page.read(site, "index.html").selector() == {"sv": "index.html", "en": "en/index.html", "se": "se/index.html"}
    assert Page.read(site, "fit/channels/facebook/index.html").lang == "sv"  # built with the default language
    assert "fit/channels/facebook/" in (site / "index.html").read_text(encoding="utf-8")  # and in its nav
