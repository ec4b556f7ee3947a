"""The built book: zero warnings, every quiz present with its data, nothing loaded from other sites."""
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from twitchcourse.quizbank import load_all


class Links(HTMLParser):
    """Collect the URLs a page loads: <script src>, <link href>, <img src>, and quiz data."""

    def __init__(self):
        super().__init__()
        self.loads, self.quizzes, self.scripts = [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        for t, key in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src")):
            if tag == t and a.get(key):
                self.loads.append(a[key])
        if "data-quiz" in a and tag == "section":
            self.quizzes[a["id"]] = json.loads(a["data-quiz"])


def parse(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_book_builds_with_zero_warnings(built_book):
    html, proc = built_book
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-5000:]
    assert "WARNING" not in log and "ERROR" not in log, log[-5000:]
    assert (html / "index.html").is_file()


def test_every_quiz_is_in_the_book_with_its_data(built_book):
    html, _ = built_book
    found = {}
    for page in html.rglob("*.html"):
        for quiz_id, data in parse(page).quizzes.items():
            found[quiz_id] = (page, data)
    for quiz in load_all():
        assert f"tc-{quiz.quiz}" in found, f"quiz {quiz.quiz} is missing from the built book"
        page, data = found[f"tc-{quiz.quiz}"]
        assert data == json.loads(quiz.as_json())
        assert any(urlparse(s.get("src") or "").path.endswith("twitchcourse.js") for s in parse(page).scripts)
        # The quiz is shown as static HTML, never as a widget view needing a kernel.
        assert "application/vnd.jupyter.widget-view+json" not in page.read_text()


def test_nothing_is_loaded_from_another_site(built_book):
    html, _ = built_book
    pages = list(html.rglob("*.html"))
    assert pages
    for page in pages:
        for url in parse(page).loads:
            parsed = urlparse(url)
            if parsed.scheme == "data":  # pictures drawn by the notebooks, inside the page itself
                continue
            assert not parsed.scheme and not parsed.netloc, f"{page.relative_to(html)} loads {url}"


def test_no_inline_script_comes_with_a_quiz(built_book):
    html, _ = built_book
    quiz_pages = [p for p in html.rglob("*.html") if parse(p).quizzes]
    assert quiz_pages
    for page in quiz_pages:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<section class="tc-quiz".*?</section>', text, flags=re.S):
            assert "<script" not in block, page


def test_the_red_flag_checklist_is_in_the_book(built_book):
    html, _ = built_book
    pages = [p for p in html.rglob("*.html") if 'class="tc-checklist"' in p.read_text(encoding="utf-8")]
    assert [p.name for p in pages] == ["05-when-to-get-help.html"]


def test_every_page_has_a_description_a_favicon_and_a_sitemap_entry(built_book):
    html, _ = built_book
    sitemap = (html / "sitemap.xml").read_text(encoding="utf-8")
    for page in [*html.glob("book/*.html"), *html.glob("notebooks/*.html")]:
        text = page.read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]*)"', text)
        assert description and len(description.group(1)) > 40, f"{page.name} has no useful meta description"
        assert not description.group(1).startswith("Using JupyterLab"), f"{page.name}: description is the Lab tip"
        assert re.search(r'<link rel="icon" href="[^"]*favicon.svg"', text), f"{page.name} has no favicon"
        assert page.relative_to(html).as_posix() in sitemap, f"{page.name} is not in sitemap.xml"


def test_icons_are_drawn_as_inline_svg_without_font_awesome(built_book):
    html, _ = built_book
    for page in [html / "index.html", *html.glob("book/*.html"), *html.glob("notebooks/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "fontawesome" not in text and not re.search(r'<(i|span) class="[^"]*\bfa-', text), page.name
    assert 'class="fab fa-github svg-inline--fa"' in (html / "book/intro.html").read_text(encoding="utf-8")
