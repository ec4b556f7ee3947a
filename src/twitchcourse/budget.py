"""The book's speed budget, counted from the built HTML (no timing, so it cannot flake).

For each page, what a first visit downloads before the reader scrolls: the page, its
stylesheets, scripts, preloads and favicon, and pictures and frames not marked
loading="lazy", each gzip-compressed as any real host sends them. The build fails
(sphinx_ext.py) and tests/test_budget.py fails when a page breaks a rule.
"""
from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

MAX_KB = 120                 # every page, first visit, gzip
MAX_STYLESHEETS = 1          # render-blocking requests allowed: one small stylesheet
MAX_STYLESHEET_KB = 25       # ... this small (gzip)
TEXT = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")


def transferred(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if path.suffix in TEXT else len(data)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head, self.loads, self.blocking, self.problems = False, [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        url = a.get("src") if tag in ("script", "img", "iframe", "source") else \
            a.get("href") if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload") else None
        if tag == "img":
            if (a.get("src") or "").startswith("data:"):
                self.problems.append("a picture is inside the HTML as a data: URI (make it a file)")
            elif not (a.get("width") and a.get("height")):
                self.problems.append(f"picture {a.get('src')} has no width and height")
        if tag == "iframe" and "srcdoc" in a:
            self.problems.append("an iframe carries its document inline (srcdoc): make it a lazy file")
        if not url or url.startswith("data:"):
            return
        lazy = a.get("loading") == "lazy"
        if not lazy:
            self.loads.append(url)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("media", "all") in ("all", "screen"):
            self.blocking.append(url)
        if tag == "script" and self.in_head and not ({"defer", "async"} & set(a) or a.get("type") == "module"):
            self.blocking.append(url)


def measure(html_dir: Path, page: Path) -> dict:
    """Figures for one built page: kb, requests, blocking (render-blocking requests), problems."""
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    problems, total, requests = list(parsed.problems), transferred(page), 1
    blocking = len(parsed.blocking)
    for url in dict.fromkeys(parsed.loads):
        target = urlparse(url)
        if target.scheme or target.netloc:
            problems.append(f"loads {url} from another host")
            continue
        file = (page.parent / unquote(target.path)).resolve()
        if not file.is_file():
            problems.append(f"loads {url}, which is not in the built site")
            continue
        size, requests = transferred(file), requests + 1
        total += size
        if file.suffix == ".css":
            text = file.read_text(encoding="utf-8")
            if "@import" in text:
                problems.append(f"{url} @imports another stylesheet (a second render-blocking request)")
                blocking += 1
            if "@font-face" in text:
                problems.append(f"{url} declares a webfont, which holds text back while it loads")
            if size > MAX_STYLESHEET_KB * 1024:
                problems.append(f"stylesheet {url} is {size / 1024:.1f} KB gzip (at most {MAX_STYLESHEET_KB})")
    if total > MAX_KB * 1024:
        problems.append(f"{total / 1024:.1f} KB on a first visit (at most {MAX_KB} KB, gzip)")
    if blocking > MAX_STYLESHEETS or any(not u.split("?")[0].endswith(".css") for u in parsed.blocking):
        problems.append(f"{blocking} render-blocking requests ({', '.join(parsed.blocking)}); "
                        f"allowed: {MAX_STYLESHEETS} stylesheet")
    search = any(re.search(r"(searchindex|searchtools)\.js", u) for u in parsed.loads)
    if search and page.name != "search.html":
        problems.append("loads the search scripts, which only the search page uses")
    return {"kb": total / 1024, "requests": requests, "blocking": blocking, "problems": problems}


def pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if p.parent.name != "_images" and "_static" not in p.parts)


def check(html_dir: Path) -> list[str]:
    """Every rule broken by any page, as 'page: problem'."""
    return [f"{p.relative_to(html_dir).as_posix()}: {problem}"
            for p in pages(html_dir) for problem in measure(html_dir, p)["problems"]]
