"""Shared fixtures: a scratch progress folder, sample notebooks, the built book, Chromium."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import CHROMIUM_ARGS, ROOT, need_chromium

@pytest.fixture(autouse=True)
def scratch_progress(tmp_path, monkeypatch):
    """No test ever reads or writes a real learner's progress."""
    monkeypatch.setenv("TWITCHCOURSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


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
