"""How long is each page on a phone? Prints, per page of the built book, its height in
phone screens (390 x 844 px, the article only, collapsed sections closed).

    .venv/bin/python benchmarks/screens.py                 # builds the book first
    .venv/bin/python benchmarks/screens.py _build/html     # measure a book already built

The target (issue 9) is at most 10 screens per page. It prints figures and asserts nothing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser_helpers import serve  # noqa: E402  (the tests' own static server)

WIDTH, HEIGHT = 390, 844
CHROME = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def build() -> Path:
    out = Path(tempfile.mkdtemp(prefix="screens-"))
    subprocess.run([str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--path-output",
                    str(out)], check=True, capture_output=True)
    return out / "_build" / "html"


def pages(html: Path) -> list[str]:
    return [p.relative_to(html).as_posix() for p in [*sorted(html.glob("book/*.html")),
                                                     *sorted(html.glob("notebooks/*.html"))]]


def measure(html: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures = {}
    with serve(html) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, has_touch=True)
        for path in pages(html):
            page.goto(f"{url}/{path}")
            height = page.evaluate("""() => {
                document.querySelectorAll('details[open]').forEach(d => d.open = false);
                const a = document.querySelector('article.bd-article');
                return a ? a.getBoundingClientRect().height : document.body.scrollHeight; }""")
            figures[path] = height / HEIGHT
        browser.close()
    return figures


def main() -> None:
    html = Path(sys.argv[1]) if len(sys.argv) > 1 else build()
    figures = measure(html)
    print(f"| page | phone screens ({WIDTH} x {HEIGHT}, collapsed sections closed) |\n|---|---|")
    for path, screens in figures.items():
        print(f"| {path} | {screens:.1f}{'' if screens <= 10 else '  (over 10)'} |")


if __name__ == "__main__":
    main()
