"""The sample chapter in a live JupyterLab: readable before running, a real widget quiz after Run All."""
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from browser_helpers import free_port, only_loopback
from support import ROOT
from twitchcourse.grading import RIGHT, WRONG
from twitchcourse.progress import ProgressStore
from twitchcourse.quizbank import load_quiz

pytestmark = pytest.mark.browser
NOTEBOOK = "01-what-are-fasciculations.ipynb"


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    """JupyterLab on a free loopback port with a token, on a scratch copy of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, TWITCHCOURSE_DATA_DIR=str(home / "data"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    env.pop("TWITCHCOURSE_EXAMPLE_DIARY", None)  # a learner's (scratch) diary, not the book's example
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home / 'notebooks'}",
         f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
         "--ServerApp.port_retries=0", *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=open(home / "lab.log", "w"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab stopped: {(home / 'lab.log').read_text()[-3000:]}")
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start: {(home / 'lab.log').read_text()[-3000:]}")
        yield url, token, home
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_quiz_in_jupyterlab_before_and_after_run_all(lab, browser):
    url, token, home = lab
    quiz = load_quiz("what-are-fasciculations")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside = []
    only_loopback(page, outside)
    page.goto(f"{url}/lab/tree/{NOTEBOOK}?token={token}")

    # Not run yet: the stored static quiz reads well, with no widget error.
    outputs = page.locator(".jp-OutputArea-output")
    outputs.get_by_text(quiz.questions[0].prompt).first.wait_for(timeout=90_000)
    outputs.get_by_text("Run > Run All Cells").first.wait_for()
    assert page.get_by_text("Error displaying widget").count() == 0
    page.screenshot(path=str(home / "before-run.png"), full_page=False)

    # Run All from the menu, then wait for the real widget.
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    widget = page.locator(".tc-widget-quiz")
    widget.wait_for(timeout=120_000)
    assert page.get_by_text("Error displaying widget").count() == 0

    question = quiz.questions[0]
    right = next(i for i, o in enumerate(question.options) if o.correct)
    wrong = next(i for i, o in enumerate(question.options) if not o.correct)
    first = widget.locator(".tc-widget-question").first
    first.locator("label", has_text=question.options[wrong].text).click()
    first.get_by_role("button", name="Check answer").click()
    page.get_by_text(WRONG).first.wait_for(timeout=30_000)
    assert question.options[wrong].feedback in first.inner_text()

    first.locator("label", has_text=question.options[right].text).click()
    first.get_by_role("button", name="Check answer").click()
    page.get_by_text(RIGHT).first.wait_for(timeout=30_000)
    text = first.inner_text()
    assert all(o.feedback in text for o in question.options)
    page.get_by_text(f"Your score: 1 of {len(quiz.questions)} right.").first.wait_for(timeout=30_000)

    page.screenshot(path=str(home / "after-run.png"))
    saved = ProgressStore(home / "data" / "progress.sqlite3").answers("what-are-fasciculations")
    assert saved == {question.id: True}
    assert not outside, f"JupyterLab page asked other sites for {outside}"
    context.close()


def test_diary_entry_added_in_jupyterlab_shows_in_the_table_and_the_charts(lab, browser):
    url, token, home = lab
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # A workspace of its own, so Run All applies to this notebook and not to one left open before.
    page.goto(f"{url}/lab/workspaces/diary/tree/08-twitch-diary.ipynb?token={token}&reset")
    page.locator(".jp-OutputArea-output").first.wait_for(timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    diary = page.locator(".tc-widget-diary")
    diary.wait_for(timeout=120_000)
    diary.get_by_text("No entries yet.").wait_for()

    diary.locator("select[multiple]").select_option("calf")
    coffee = diary.locator(".widget-inline-hbox", has_text="Cups of coffee").locator("input")
    coffee.fill("-1")
    coffee.press("Enter")
    diary.get_by_role("button", name="Save entry").click()
    diary.get_by_text("must be 0 or more").wait_for(timeout=30_000)
    assert diary.get_by_text("No entries yet.").count() == 1, "bad input must not be saved"

    coffee.fill("2")
    coffee.press("Enter")
    diary.get_by_role("button", name="Save entry").click()
    diary.get_by_text("Saved.").wait_for(timeout=30_000)
    diary.locator("table caption", has_text="1 entries").wait_for(timeout=30_000)
    assert "calf" in diary.locator("table").inner_text()
    charts = diary.locator("figure img[alt]")
    charts.nth(2).wait_for(timeout=30_000)  # the charts are redrawn after the table
    assert charts.count() == 3
    assert "twitches on 1 days" in charts.first.get_attribute("alt")
    assert "calf 1" in charts.nth(1).get_attribute("alt")
    assert (home / "data" / "diary.sqlite3").is_file()
    context.close()
