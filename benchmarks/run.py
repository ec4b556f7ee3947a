"""Speed benchmark for the built book: prints figures, asserts nothing.

    .venv/bin/python benchmarks/run.py            # book figures and build times
    .venv/bin/python benchmarks/run.py --tests    # also time the full test suite
    .venv/bin/python benchmarks/run.py --diary    # only the diary: charts and summary of large diaries

It builds the book, serves it on 127.0.0.1 with gzip (as any real host does),
runs Lighthouse (npm, with Debian's Chromium, default mobile settings) on every
page, and prints performance, accessibility, best-practices and SEO scores, LCP,
TBT, CLS, bytes transferred, requests, and requests to other hosts. For a
baseline it builds chapter 1 alone with Jupyter Book's stock configuration and
measures it the same way. It also times a clean build and a rebuild after
touching one notebook.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95,
           "kb": 350, "lcp_s": 2.5, "tbt_ms": 200, "cls": 0.1}
GZIP_TYPES = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the browser accepts it."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in GZIP_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(source: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def lighthouse(url: str, report: Path) -> dict:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo"],
                   check=True, env=dict(os.environ, CHROME_PATH=CHROME))
    data = json.loads(report.read_text())
    audits, host = data["audits"], urlparse(url).netloc
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{k: round(v["score"] * 100) for k, v in data["categories"].items()},
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(requests),
        "other_hosts": sum(urlparse(r["url"]).netloc not in ("", host) for r in requests
                           if not r["url"].startswith("data:")),
    }


COLUMNS = ["performance", "accessibility", "best-practices", "seo", "lcp_s", "tbt_ms", "cls", "kb", "requests",
           "other_hosts"]


def row(name: str, figures: dict) -> str:
    cells = [f"{figures[c]:.2f}" if c in ("lcp_s", "cls") else f"{figures[c]:.0f}" for c in COLUMNS]
    return f"| {name} | " + " | ".join(cells) + " |"


def measure(html: Path, pages: list[str], work: Path) -> dict:
    server, url = serve(html)
    try:
        return {page: lighthouse(f"{url}/{page}", work / f"{page.replace('/', '_')}.json") for page in pages}
    finally:
        server.shutdown()


def baseline_book(work: Path) -> Path:
    """Chapter 1 alone, built with Jupyter Book's stock configuration (plus citations)."""
    source = work / "stock"
    (source / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks/01-what-are-fasciculations.ipynb", source / "notebooks")
    shutil.copy(ROOT / "references.bib", source)
    (source / "_config.yml").write_text('title: Stock\nexecute:\n  execute_notebooks: "off"\n'
                                        "bibtex_bibfiles: [references.bib]\n")
    (source / "_toc.yml").write_text("format: jb-book\nroot: notebooks/01-what-are-fasciculations\n")
    build(source, work / "stock-out")
    return work / "stock-out" / "_build" / "html"


def diary_figures() -> None:
    """Seconds per chart and for the printed summary, for large diaries (target: well under 1 s each),
    and for importing 100,000 rows from CSV and reading them back."""
    import random
    from datetime import datetime, timedelta

    from twitchcourse.diary import Diary, from_csv, to_csv
    from twitchcourse.diary_summary import body_areas_chart, context_chart, summary_html, twitch_days_chart

    def diary(n: int, start: datetime, step: timedelta) -> list[dict]:
        rng = random.Random(n)
        return [{"when": (start + step * i).isoformat(timespec="minutes"), "areas": rng.sample(["calf", "eyelid",
                 "thigh", "hand"], rng.randint(1, 2)), "duration": "seconds", "strength": rng.randint(1, 5),
                 "coffee": rng.randint(0, 5), "tea": rng.randint(0, 2), "energy_drinks": 0,
                 "sleep_hours": rng.choice([5, 5.5, 6, 6.5, 7, 7.5, 8]), "stress": rng.randint(0, 10),
                 "exercise": False, "new_medicines": False, "notes": "", "weakness_worse": False,
                 "speech_swallow": False, "wasting": False, "numbness": False} for i in range(n)]

    def seconds(work) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    twitch_days_chart(diary(30, datetime(2026, 1, 1), timedelta(days=1)))  # load matplotlib before timing
    cases = {"3 years, one entry a day (1,095)": diary(1095, datetime(2023, 1, 1, 8), timedelta(days=1)),
             "100,000 entries in 3 years": diary(100_000, datetime(2023, 1, 1), timedelta(minutes=15)),
             "100,000 entries, one every 10 hours since 1905": diary(100_000, datetime(1905, 1, 1), timedelta(hours=10))}
    print(f"Diary charts, {time.strftime('%Y-%m-%d')}: seconds (target: well under 1 s per chart)\n")
    print("| diary | days chart | body areas | caffeine, sleep, stress | printed summary (3 charts) |")
    print("|---|---|---|---|---|")
    for name, entries in cases.items():
        times = [seconds(lambda c=chart: c(entries)) for chart in (twitch_days_chart, body_areas_chart, context_chart)]
        times.append(seconds(lambda: summary_html(entries, [])))
        print(f"| {name} | " + " | ".join(f"{t:.2f}" for t in times) + " |")
    with tempfile.TemporaryDirectory() as tmp:
        text = to_csv(cases["100,000 entries in 3 years"])
        store = Diary(Path(tmp) / "diary.sqlite3")
        parse = seconds(lambda: store.add_entries(from_csv(text)))
        read = seconds(store.entries)
    print(f"\nImport of 100,000 CSV rows (check and save): {parse:.1f} s; reading them back: {read:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also time the full test suite")
    parser.add_argument("--diary", action="store_true", help="only the diary figures (no book build, no browser)")
    args = parser.parse_args()
    if args.diary:
        diary_figures()
        return
    if not (CHROME and LIGHTHOUSE.exists()):
        sys.exit("Needs Chromium (apt-get install chromium) and Lighthouse (npm install).")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clean = build(ROOT, work / "ours")
        (ROOT / "notebooks/01-what-are-fasciculations.ipynb").touch()
        rebuild = build(ROOT, work / "ours")
        html = work / "ours" / "_build" / "html"
        pages = sorted(p.relative_to(html).as_posix() for p in [*html.glob("book/*.html"),
                                                                  *html.glob("notebooks/*.html")])
        ours = measure(html, pages, work)
        stock = measure(baseline_book(work), ["notebooks/01-what-are-fasciculations.html"], work)
        stock = stock["notebooks/01-what-are-fasciculations.html"]

    print(f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()},"
          f" mobile defaults, gzip on 127.0.0.1, {time.strftime('%Y-%m-%d')}\n")
    print("| page | perf | a11y | best | SEO | LCP s | TBT ms | CLS | KB | requests | other hosts |")
    print("|---|" + "---|" * len(COLUMNS))
    for page, figures in ours.items():
        print(row(page, figures))
    print(row("**stock Jupyter Book, chapter 1**", stock))
    ch1 = ours["notebooks/01-what-are-fasciculations.html"]
    ratios = {c: (ch1[c] / stock[c] if stock[c] else float("nan")) for c in COLUMNS}
    print("| ratio, ours / stock (chapter 1) | " + " | ".join(f"{ratios[c]:.2f}" for c in COLUMNS) + " |")

    print("\nTargets (every page):", ", ".join(f"{k} {'>=' if k in ('performance', 'accessibility', 'best-practices', 'seo') else '<='} {v}"
                                           for k, v in TARGETS.items()), "and 0 other hosts")
    for page, f in ours.items():
        missed = [k for k, v in TARGETS.items()
                  if (f[k] < v if k in ("performance", "accessibility", "best-practices", "seo") else f[k] > v)]
        if f["other_hosts"]:
            missed.append("other_hosts")
        if missed:
            print(f"  {page}: misses {', '.join(missed)}")
    print(f"\nClean book build: {clean:.1f} s; rebuild after touching one notebook: {rebuild:.1f} s")
    if args.tests:
        start = time.perf_counter()
        subprocess.run([str(BIN / "python"), "-m", "pytest", "-q"], cwd=ROOT, check=False)
        print(f"Full test suite: {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
