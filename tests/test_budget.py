"""The byte budget of the built book (src/twitchcourse/budget.py), counted from the HTML: every
page at most 120 KB on a first visit (gzip), one small stylesheet as its only render-blocking
request, no webfont, pictures as files with their size, nothing from another host. The build
itself fails on a broken budget; these tests show the figures and that the check can fail."""
import pytest

from twitchcourse import budget

SHELL = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title>{head}</head>"
         "<body>{body}</body></html>")


def test_every_page_keeps_the_budget(built_book):
    html, _ = built_book
    pages = budget.pages(html)
    assert {"index.html", "search.html", "notebooks/08-twitch-diary.html"} <= {
        p.relative_to(html).as_posix() for p in pages}
    print(f"\n{'page':45} {'KB gzip':>8} {'requests':>9} {'blocking':>9}")
    for page in pages:
        m = budget.measure(html, page)
        print(f"{page.relative_to(html).as_posix():45} {m['kb']:8.1f} {m['requests']:9d} {m['blocking']:9d}")
    assert budget.check(html) == []


@pytest.fixture
def site(tmp_path):
    (tmp_path / "small.css").write_text("body { color: #222; }")
    (tmp_path / "other.css").write_text("p { margin: 0; }")
    (tmp_path / "font.css").write_text("@font-face { font-family: X; src: url(x.woff2); }")
    (tmp_path / "app.js").write_text("console.log(1);")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")

    def page(head="", body=""):
        path = tmp_path / "page.html"
        path.write_text(SHELL.format(head=head, body=body), encoding="utf-8")
        return budget.measure(tmp_path, path)["problems"]
    return page


def test_a_page_within_the_rules_passes(site):
    assert site('<link rel="stylesheet" href="small.css"><script defer src="app.js"></script>',
                '<img src="pic.png" width="10" height="10" alt="">') == []


@pytest.mark.parametrize("head, body, problem", [
    ('<script src="app.js"></script>', "", "render-blocking"),
    ('<link rel="stylesheet" href="small.css"><link rel="stylesheet" href="other.css">', "", "render-blocking"),
    ('<link rel="stylesheet" href="font.css">', "", "webfont"),
    ("", '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">', "data: URI"),
    ("", '<img src="pic.png" alt="">', "no width and height"),
    ("", '<iframe title="t" srcdoc="&lt;p&gt;hi"></iframe>', "srcdoc"),
    ('<script defer src="https://cdn.example/x.js"></script>', "", "another host"),
    ('<script defer src="searchindex.js"></script>', "", "search scripts"),
    ("", "<p>{}</p>", "KB on a first visit"),
])
def test_the_budget_catches_each_broken_rule(site, tmp_path, head, body, problem):
    (tmp_path / "searchindex.js").write_text("Search.setIndex({})")
    if "{}" in body:  # a page too big even after gzip: random text does not compress
        import base64, os
        body = body.format(base64.b64encode(os.urandom(130 * 1024)).decode())
    problems = site(head, body)
    assert any(problem in p for p in problems), problems
