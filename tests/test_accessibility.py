"""Accessibility of the built book in Chromium: axe-core finds no WCAG 2.1 A/AA violation on any
page, in light and dark mode, at phone and desktop widths; no page scrolls sideways on a phone;
the skip link works from the keyboard; every internal link and anchor resolves."""
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from browser_helpers import only_loopback
from support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def book_pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in [*html.glob("book/*.html"), *html.glob("notebooks/*.html")])


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        message = "axe-core is not installed: run `npm install` (make test does this)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_wcag_violations(site, browser, axe_source, scheme, width):
    url, html = site
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    outside = []
    only_loopback(page, outside)
    problems = []
    for path in book_pages(html):
        page.goto(f"{url}/{path}")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme, "the theme did not follow the system"
        # Colours fade in when the theme applies dark mode; check the final colours, not a frame mid-fade.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        page.add_script_tag(content=axe_source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        problems += [f"{path}: {v['id']} ({v['help']}) at {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()
    assert not problems, "\n".join(problems)
    assert not outside, outside


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(site, browser):
    url, html = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    wide = []
    for path in book_pages(html):
        page.goto(f"{url}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{path} is {overflow}px too wide")
    page.close()
    assert not wide, wide


@pytest.mark.browser
def test_skip_link_takes_a_keyboard_user_to_the_content(site, browser):
    url, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{url}/notebooks/01-what-are-fasciculations.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0].lower().startswith("skip to main content"), focused
    # It slides into view when focused (a short CSS transition).
    page.wait_for_function("document.activeElement.getBoundingClientRect().top >= 0", timeout=2000)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == focused[1]
    page.close()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def test_every_internal_link_and_anchor_resolves(built_book):
    html, _ = built_book
    parsed = {}
    for page in html.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        parsed[page] = links
    broken = []
    for page, links in parsed.items():
        for href in links.hrefs:
            target = urlparse(href)
            if target.scheme or target.netloc or href.startswith("mailto:"):
                continue
            path = (page.parent / unquote(target.path)).resolve() if target.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(html)}: {href} (no such file)")
            elif target.fragment and path.suffix == ".html" and path in parsed and \
                    unquote(target.fragment) not in parsed[path].ids:
                broken.append(f"{page.relative_to(html)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)
