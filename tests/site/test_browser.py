"""The built site in a real browser (Debian's chromium, driven by Playwright for Python).

Skipped, with the reason, when chromium or Playwright is missing. Screenshots
go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, make_project, mkdocs_build, write_strategy
from socialkit.render import render_mkdocs_yml

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")


def _optional(module: str):
    try:
        return __import__(module)
    except ImportError:
        return None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


def _serve(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _build(tmp: Path, strategy_dir: Path | None = None, write_strategy=None, audience: str = "internal") -> Path:
    from socialkit.validate import validate_paths

    project = make_project(tmp)
    if write_strategy is not None:
        write_strategy(project / "strategy")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True, audience=audience))
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    return project / "site"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    server, url = _serve(_build(tmp_path_factory.mktemp("browser-example")))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    server, url = _serve(_build(tmp_path_factory.mktemp("browser-public"), audience="public"))
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    # Playwright's 30 s default is for a quiet machine; `make test` runs a second test worker beside chromium
    # on two cores, and a slow step should be slow, not a failure.
    context.set_default_timeout(120_000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # Nothing leaves the machine: every request to another host is blocked and recorded, and fails the test
    # (a page that loads fonts or scripts from a CDN hands its readers' addresses to a third party).
    outside: list[str] = []
    page.route("**/*", lambda route: _local_only(route, outside))
    page.dialogs = dialogs
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


def _local_only(route, outside: list[str]) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
        route.continue_()
    else:
        outside.append(url)
        route.abort()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _open(page, url: str) -> str:
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.ok, url
    return page.inner_text("article") if page.locator("article").count() else page.inner_text("body")


# The default language (Swedish) at the site root, English under en/ (the i18n plugin's layout).
PREFIX = {"sv": "", "en": "en/"}
EXPECTED = {
    "": ["Varför vi finns i sociala medier", "Lösta klagomål", "minst 95"],
    "en/": ["Why we are in social media", "Resolved complaints", "at least 95%"],
    "channels/facebook/": ["Vi svarar här måndag–torsdag 08:00–17:00", "Kontorstid", "Svarstider"],
    "en/channels/facebook/": ["We answer here Monday–Thursday 08:00–17:00", "Office hours", "Reply targets"],
    "availability/": ["Julafton", "Annandag jul", "Personalens julfest", "Sommartider"],
    "en/availability/": ["Christmas Eve", "Second Day of Christmas", "Staff Christmas party", "Summer hours"],
}


@pytest.mark.parametrize("path", list(EXPECTED))
def test_pages_render_expected_text(page, example_site, path):
    text = _open(page, f"{example_site}/{path}")
    for expected in EXPECTED[path]:
        assert expected in text, (path, expected)
    _shot(page, "example-" + (path.strip("/").replace("/", "-") or "home"))
    assert page.dialogs == []


def test_escalation_flowchart_is_drawn_without_any_script(page, example_site):
    _open(page, f"{example_site}/en/escalation/")
    page.wait_for_load_state("networkidle")
    chart = page.locator(".socialkit-flow svg")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert "Threats against staff or facilities" in chart.text_content()
    assert page.locator("script[src*='mermaid'], link[href*='fonts.googleapis']").count() == 0
    _shot(page, "example-en-escalation")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_search_finds_pages_of_the_page_language(page, example_site, lang):
    _open(page, f"{example_site}/{PREFIX[lang]}channels/")
    search = page.locator(".md-search__input")
    search.click()
    page.wait_for_load_state("networkidle")  # the search worker has fetched the index and the stemmers
    results = page.locator(".md-search-result__item > a")
    for _ in range(5):  # Material drops a query typed while its worker is still building the index
        search.fill("")
        search.type("Facebook")
        try:
            results.first.wait_for(timeout=10_000)
            break
        except sync_api.TimeoutError:
            continue
    # read every result in one step: Material re-renders the list as the worker answers, so counting
    # first and reading item by item can ask for an item that is gone
    links = results.evaluate_all("items => items.map(item => item.getAttribute('href'))")
    assert links and all(("/en/" in link) == (lang == "en") for link in links), links
    _shot(page, f"search-{lang}")


def _choose_language(page, lang: str) -> None:
    """Material's language selector in the header: open it, pick the language."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]').click()


def test_language_switcher_goes_to_the_same_page(page, example_site):
    _open(page, f"{example_site}/channels/facebook/")
    _choose_language(page, "en")
    page.wait_for_url(f"{example_site}/en/channels/facebook/")
    assert "At a glance" in page.inner_text("article")
    _shot(page, "switcher-en-facebook")
    _choose_language(page, "sv")
    page.wait_for_url(f"{example_site}/channels/facebook/")
    assert "Översikt" in page.inner_text("article")


def test_home_pages_lead_to_each_other(page, example_site):
    _open(page, f"{example_site}/")
    _choose_language(page, "en")
    page.wait_for_url(f"{example_site}/en/index.html")
    assert "Why we are in social media" in page.inner_text("article")
    _choose_language(page, "sv")
    page.wait_for_url(f"{example_site}/index.html")
    assert "Varför vi finns i sociala medier" in page.inner_text("article")


def test_hostile_strategy_shows_text_and_runs_nothing(page, tmp_path_factory, hostile_data):
    site = _build(tmp_path_factory.mktemp("browser-hostile"), write_strategy=lambda folder: write_strategy(hostile_data, folder))
    server, url = _serve(site)
    try:
        for html_file in site.rglob("*.html"):  # every page, statically
            html = html_file.read_text()
            assert "<script>alert" not in html and '<img src="x"' not in html and 'href="javascript:' not in html.lower(), html_file
        for path in (
            "en",
            "en/audiences",
            "en/channels",
            "en/channels/facebook",
            "en/responses",
            "en/escalation",
            "en/availability",
            "en/team",
            "en/moderation",
            "channels/linkedin",
        ):  # and these in the browser
            text = _open(page, f"{url}/{path}/")
            assert "<script>alert(1)</script>" in text and "javascript:alert(3)" in text, path
            assert page.evaluate("document.querySelectorAll('article script, article img, article a[href^=javascript]').length") == 0, path
        _open(page, f"{url}/en/channels/facebook/")
        _shot(page, "hostile-en-facebook")
        assert page.dialogs == []
    finally:
        server.shutdown()


def test_audit_report_page_draws_its_three_charts(page, tmp_path_factory):
    """An audit result configured in pyproject.toml becomes a page with visible SVG charts."""
    import subprocess
    import sys

    project = make_project(tmp_path_factory.mktemp("browser-audit"), downloads=False)
    with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[tool.socialkit.audit]\nresult = "audits/2026-11.json"\n')
    cli = Path(sys.executable).with_name("socialkit")
    sample = str(ROOT / "tests" / "data" / "inbox-2026-11.csv")
    subprocess.run([str(cli), "audit", sample, "--format", "json", "--output", "audits/2026-11.json"], cwd=project, capture_output=True)
    assert subprocess.run([str(cli), "build"], cwd=project, capture_output=True).returncode == 0
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    server, url = _serve(project / "site")
    try:
        text = _open(page, f"{url}/en/audit/")
        assert "Response audit" in text and "Weekly share within target" in text
        charts = page.locator(".socialkit-chart svg")
        assert charts.count() == 3
        for i in range(3):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
        _shot(page, "audit-en")
    finally:
        server.shutdown()


# --- accessibility and small screens ----------------------------------------------------------------

AXE = (
    Path(axe_playwright_python.__file__).with_name("axe.min.js") if (axe_playwright_python := _optional("axe_playwright_python")) else None
)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of every template in each language (the channel page stands for all channels).
TEMPLATES = ["index", "contact", "audiences", "channels", "channels/facebook", "responses", "escalation", "availability", "moderation"]
INTERNAL_ONLY = ["cards", "team", "reference"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def _axe_violations(page) -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]


@pytest.mark.skipif(AXE is None, reason="axe-playwright-python (which ships axe-core) is not installed")
@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_template_passes_axe_and_fits_a_phone(page, request, audience, lang):
    """axe-core (WCAG 2.1 AA) on every page template at 1280 and 390 px, no sideways scrolling on a phone;
    screenshots of each go to tests/artifacts/ for a reviewer."""
    url = request.getfixturevalue("example_site" if audience == "internal" else "public_site")
    templates = TEMPLATES + (INTERNAL_ONLY if audience == "internal" else [])
    problems = []
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for template in templates:
            path = PREFIX[lang] + ("" if template == "index" else f"{template}/")
            _open(page, f"{url}/{path}")
            problems += [f"/{path} at {width}px: {v}" for v in _axe_violations(page)]
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"/{path} at {width}px scrolls sideways by {overflow}px")
            _shot(page, f"a11y-{audience}-{lang}{'' if template == 'index' else '-' + template.replace('/', '-')}-{name}")
    assert problems == [], "\n".join(problems)
