"""Speed benchmark for the built book: prints figures, asserts nothing.

    .venv/bin/python benchmarks/run.py               # figures, written to benchmarks/README.md too
    .venv/bin/python benchmarks/run.py --runs 5      # more Lighthouse runs per page (default 3)
    .venv/bin/python benchmarks/run.py --tests       # also time the full test suite
    .venv/bin/python benchmarks/run.py --diary       # only the diary: charts and summary of large diaries

It builds the book (clean, then again after touching one notebook, timing both),
and, for a baseline, chapter 1 alone with Jupyter Book's stock configuration. For
every page it prints what the built HTML loads on a first visit (gzip bytes,
requests, render-blocking requests: src/twitchcourse/budget.py, as the build
checks them), then serves both sites on 127.0.0.1 with gzip and runs Lighthouse
(npm, pinned in package.json; Debian's Chromium; default mobile settings) several
times on every page, interleaved (every page once, then again), and prints the
median performance score and LCP, with the LCP range. Lighthouse's simulated
throttling replays an unthrottled trace, so single runs are noisy: use the medians.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from twitchcourse import budget  # noqa: E402

BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
TARGETS = {"performance": 98, "lcp_s": 1.5, "kb": budget.MAX_KB}
GZIP_TYPES = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map")
STOCK_PAGE = "notebooks/01-what-are-fasciculations.html"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the browser accepts it (cached in memory,
    so compressing does not add to the measured server time)."""

    cache: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in GZIP_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.cache.get(path) or self.cache.setdefault(path, gzip.compress(path.read_bytes(), 6))
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
                    f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance"],
                   check=True, env=dict(os.environ, CHROME_PATH=CHROME))
    data = json.loads(report.read_text())
    return {"performance": round(data["categories"]["performance"]["score"] * 100),
            "lcp_s": data["audits"]["largest-contentful-paint"]["numericValue"] / 1000}


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
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is shown)")
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
        html, stock_html = work / "ours" / "_build" / "html", baseline_book(work)
        # index.html only redirects to the first page.
        sites = [("ours", html, p.relative_to(html).as_posix()) for p in budget.pages(html) if p.name != "index.html"]
        sites.append(("stock", stock_html, STOCK_PAGE))
        rows = {(name, page): budget.measure(root, root / page) for name, root, page in sites}
        servers = {name: serve(root) for name, root, _ in sites}
        runs = {key: [] for key in rows}
        try:
            for n in range(args.runs):
                for name, _, page in (sites if n % 2 == 0 else sites[::-1]):
                    url = f"{servers[name][1]}/{page}"
                    runs[(name, page)].append(lighthouse(url, work / f"{name}-{page.replace('/', '_')}-{n}.json"))
                    print(f"  run {n + 1}/{args.runs} {name} {page}: {runs[(name, page)][-1]}", file=sys.stderr)
        finally:
            for server, _ in servers.values():
                server.shutdown()

    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    chrome = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.strip()
    lines = [f"Lighthouse {version}, {chrome}, mobile defaults, gzip on 127.0.0.1, {time.strftime('%Y-%m-%d %H:%M')}; "
             f"medians of {args.runs} interleaved runs per page. KB, requests and render-blocking requests are "
             "counted from the built HTML (what a first visit loads before scrolling, gzip).", "",
             "| page | KB | requests | render-blocking | performance | LCP s | LCP range s |",
             "|---|---|---|---|---|---|---|"]
    missed = []
    for (name, page), m in rows.items():
        perf = statistics.median(r["performance"] for r in runs[(name, page)])
        lcps = [r["lcp_s"] for r in runs[(name, page)]]
        label = f"**stock Jupyter Book, {page}**" if name == "stock" else page
        lines.append(f"| {label} | {m['kb']:.0f} | {m['requests']} | {m['blocking']} | {perf:.0f} | "
                     f"{statistics.median(lcps):.2f} | {min(lcps):.2f}–{max(lcps):.2f} |")
        if name == "ours":
            missed += [f"{page}: performance {perf:.0f}"] if perf < TARGETS["performance"] else []
            missed += [f"{page}: LCP {statistics.median(lcps):.2f} s"] if statistics.median(lcps) > TARGETS["lcp_s"] else []
    lines += ["", f"Targets, every page: performance >= {TARGETS['performance']} and LCP <= {TARGETS['lcp_s']} s "
              f"(medians), at most {TARGETS['kb']} KB. "
              + ("Missed: " + "; ".join(missed) + "." if missed else "All met."),
              "", f"Clean book build: {clean:.1f} s; rebuild after touching one notebook: {rebuild:.1f} s."]
    if args.tests:
        start = time.perf_counter()
        subprocess.run([str(BIN / "python"), "-m", "pytest", "-q"], cwd=ROOT, check=False)
        lines.append(f"Full test suite: {time.perf_counter() - start:.0f} s.")
    table = "\n".join(lines)
    print(table)
    readme = ROOT / "benchmarks" / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- figures: written by benchmarks/run.py -->", "<!-- end of figures -->"
    new = f"{start}\n{table}\n{end}"
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: new, text, flags=re.S) if start in text \
        else text.rstrip() + "\n\n" + new + "\n"
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
