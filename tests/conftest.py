"""Shared fixtures: a scratch progress folder, sample quiz data, the built book, Chromium."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# Flags for a closed network: without them Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(autouse=True)
def scratch_progress(tmp_path, monkeypatch):
    """No test ever reads or writes a real learner's progress."""
    monkeypatch.setenv("TWITCHCOURSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


VALID_QUIZ = {
    "quiz": "sample",
    "title": "Sample quiz",
    "questions": [
        {"id": "pick-one", "kind": "single", "prompt": "Pick one", "section": "01-sample#first-part",
         "options": [{"text": "A", "correct": True, "feedback": "A is right."},
                     {"text": "B", "correct": False, "feedback": "B is wrong."},
                     {"text": "C", "correct": False, "feedback": "C is wrong."}]},
        {"id": "pick-all", "kind": "multiple", "prompt": "Pick all", "section": "01-sample#second-part-it-s-here",
         "options": [{"text": "A", "correct": True, "feedback": "A is right."},
                     {"text": "B", "correct": True, "feedback": "B is right."},
                     {"text": "C", "correct": False, "feedback": "C is wrong."}]},
        {"id": "true-or-false", "kind": "true_false", "prompt": "Twitches are common.",
         "section": "01-sample#first-part",
         "options": [{"text": "True", "correct": True, "feedback": "Yes."},
                     {"text": "False", "correct": False, "feedback": "No."}]},
        {"id": "story", "kind": "scenario", "scenario": "Sam twitches.", "prompt": "What should Sam do?",
         "section": "01-sample#first-part",
         "options": [{"text": "Rest", "correct": True, "feedback": "Good."},
                     {"text": "Panic", "correct": False, "feedback": "No need."}]},
    ],
}


@pytest.fixture
def sample_notebooks(tmp_path):
    """A notebook folder with one notebook whose headings quiz sections can point to."""
    folder = tmp_path / "notebooks"
    (folder / "quizzes").mkdir(parents=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Sample\n", "## First part\n"]},
             {"cell_type": "markdown", "metadata": {}, "source": "```\n## Not a heading\n```\n## Second part: it's here\n"}]
    (folder / "01-sample.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                         "nbformat_minor": 5}))
    return folder


def run_python(*args, **kwargs):
    return subprocess.run([sys.executable, *args], check=True, **kwargs)


def need_chromium():
    """Skip browser tests without Chromium, unless REQUIRE_BROWSER=1 makes that a failure."""
    if CHROMIUM:
        return CHROMIUM
    message = ("Chromium is not installed, so browser tests cannot run. "
               "Install it with: sudo apt-get install chromium")
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (REQUIRE_BROWSER=1 is set)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    path = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the book once per test run into a scratch folder; return (html dir, build log)."""
    out = tmp_path_factory.mktemp("book")
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--path-output", str(out),
         "-W", "-n", "--keep-going"],
        capture_output=True, text=True,
    )
    return out / "_build" / "html", proc


@pytest.fixture(scope="session")
def site(built_book):
    """The built book served on 127.0.0.1: (base URL, html folder)."""
    from browser_helpers import serve

    html, proc = built_book
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    with serve(html) as url:
        yield url, html
