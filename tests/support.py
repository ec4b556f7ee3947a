"""Shared constants and checks for the tests (fixtures live in conftest.py)."""
from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# Flags for a closed network: without them Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


def need_chromium():
    """Skip browser tests without Chromium, unless REQUIRE_BROWSER=1 makes that a failure."""
    if CHROMIUM:
        return CHROMIUM
    message = ("Chromium is not installed, so browser tests cannot run. "
               "Install it with: sudo apt-get install chromium")
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (REQUIRE_BROWSER=1 is set)")
    pytest.skip(message)


def filled(widget, **changes):
    """Fill a diary form's required fields (and any others given), as a learner would."""
    widget.inputs["when"].value = datetime(2026, 10, 5, 8, 30)
    widget.inputs["areas"].value = ("calf",)
    for name, value in changes.items():
        widget.inputs[name].value = value
