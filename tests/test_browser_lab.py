"""Learner journeys in one live JupyterLab, set up as `make lab` sets it up (server config and
settings from src/twitchcourse), with "save widget state" on, the worst case for privacy:
a chapter reads as prose before running, quizzes by mouse and by keyboard, Learn more links,
a restarted kernel, the twitch diary from end to end, and no private text in any saved notebook."""
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from browser_helpers import free_port, only_loopback
from support import ROOT
from twitchcourse.grading import RIGHT, WRONG
from twitchcourse.progress import ProgressStore
from twitchcourse.quizbank import load_quiz, resolve_section

pytestmark = pytest.mark.browser
NOTEBOOK = "01-what-are-fasciculations.ipynb"


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    """JupyterLab on a free loopback port with a token, on a scratch copy of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    package = ROOT / "src" / "twitchcourse"
    (home / "config").mkdir()
    shutil.copy(package / "jupyter_server_config.json", home / "config" / "jupyter_server_config.json")
    (home / "app-settings").mkdir()
    shutil.copy(package / "lab-overrides.json", home / "app-settings" / "overrides.json")
    # The learner's own settings: widget state saved with notebooks (the worst case for privacy),
    # and an autosave every 2 seconds instead of 2 minutes, so a test can wait for one.
    for plugin, settings in {"@jupyter-widgets/jupyterlab-manager/plugin": {"saveState": True},
                             "@jupyterlab/docmanager-extension/plugin": {"autosaveInterval": 2}}.items():
        file = home / "settings" / f"{plugin}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(settings))
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, TWITCHCOURSE_DATA_DIR=str(home / "data"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    env.pop("TWITCHCOURSE_EXAMPLE_DIARY", None)  # a learner's (scratch) diary, not the book's example
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home / 'notebooks'}",
         f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
         f"--LabApp.app_settings_dir={home / 'app-settings'}",
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


def open_notebook(lab, browser, name: str, workspace: str):
    """A fresh page with its own workspace, so Run All applies to this notebook only."""
    url, token, home = lab
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    outside = []
    only_loopback(page, outside)
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/{name}?token={token}&reset")
    page.locator(".jp-OutputArea-output").first.wait_for(timeout=90_000)
    return context, page, outside


def run_all(page) -> None:
    # Once the kernel is ready: a Run All sent while it starts can be lost (seen with ipykernel 7).
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle")).first.wait_for(timeout=90_000)
    open_menu(page, "Run")
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def open_menu(page, name: str) -> None:
    # Escape first: a tooltip or menu left open by the step before can take the click.
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text=name).first.click()


def visible_notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def test_a_chapter_opens_as_prose_without_code_or_markup(lab, browser):
    context, page, outside = open_notebook(lab, browser, NOTEBOOK, "prose")
    notebook = visible_notebook(page)
    notebook.get_by_role("heading", name="What are fasciculations?").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let every cell render (and let JupyterLab mark changes, if it would)
    text = notebook.inner_text()
    assert not re.search(r"\{(term|cite)\}", text), "raw MyST roles are shown"
    assert "ALS" in text and "weakness" in text  # the roles' text itself is there
    assert "Citation Not Found" not in text and "Not Found" not in text
    # A source and a word: each link scrolls to its entry in the chapter's "Words and sources".
    page.evaluate("window.tcNoReload = true")
    for link_name, entry_text in [("Blexrud 1993", "Long-term follow-up of 121 patients"),
                                  ("weakness", "weakness")]:
        link = notebook.get_by_role("link", name=link_name, exact=True).first
        link.click()
        entry = notebook.locator(f"[id='{link.get_attribute('href')[1:]}'], "
                                 f"[data-jupyter-id='{link.get_attribute('href')[1:]}']")
        assert entry_text in entry.inner_text()
        page.wait_for_function("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
                               arg=entry.element_handle(), timeout=15_000)
        notebook.get_by_role("heading", name="Words and sources").wait_for()
    assert page.evaluate("window.tcNoReload === true"), "a source or word link reloaded JupyterLab"
    # Details sit in closed dropdowns that open from the keyboard.
    dropdown = notebook.locator(".jp-MarkdownCell details").filter(has_text="What happens at an appointment").first
    assert dropdown.evaluate("d => !d.open")
    dropdown.locator("summary").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("d => d.open", arg=dropdown.element_handle())
    assert dropdown.get_by_text("It helps to bring a short note").is_visible()
    code_cells = page.locator(".jp-CodeCell").count()
    assert code_cells > 0 and page.locator(".jp-CodeCell .jp-InputPlaceholder").count() == code_cells, \
        "every code cell must open with its code collapsed"
    assert page.locator(".jp-CodeCell .jp-InputArea-editor:visible").count() == 0
    assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, "opening a chapter must not change it"
    files = page.locator(".jp-DirListing-itemName").all_inner_texts()
    assert any(NOTEBOOK[:10] in f for f in files) and not any("conftest" in f for f in files)
    page.screenshot(path=str(lab[2] / "prose.png"))
    assert not outside, f"JupyterLab page asked other sites for {outside}"
    context.close()


def test_quiz_by_mouse_and_keyboard_links_restart_and_earlier_answers(lab, browser):
    url, token, home = lab
    quiz = load_quiz("review")
    context, page, outside = open_notebook(lab, browser, "07-review.ipynb", "quiz")

    # Not run yet: the stored static quiz reads well, with no widget error.
    outputs = page.locator(".jp-OutputArea-output")
    outputs.get_by_text(quiz.questions[0].prompt).first.wait_for(timeout=90_000)
    outputs.get_by_text("Run > Run All Cells").first.wait_for()
    assert page.get_by_text("Error displaying widget").count() == 0

    run_all(page)
    widget = page.locator(".tc-widget-quiz")
    widget.wait_for(timeout=120_000)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert "progress in this chapter" not in widget.inner_text() and "score" not in widget.inner_text().lower(), \
        "a score before the first answer"

    # By mouse: a wrong answer, then the right one.
    question = quiz.questions[0]
    right = next(i for i, o in enumerate(question.options) if o.correct)
    wrong = next(i for i, o in enumerate(question.options) if not o.correct)
    first = widget.locator(".tc-widget-question").first
    first.get_by_role("radio", name=question.options[wrong].text).click()
    first.get_by_role("button", name="Check answer").click()
    first.get_by_text(WRONG).wait_for(timeout=30_000)
    assert question.options[wrong].feedback in first.inner_text()
    first.get_by_role("radio", name=question.options[right].text).click()
    first.get_by_role("button", name="Check answer").click()
    first.get_by_text(RIGHT).wait_for(timeout=30_000)
    assert all(o.feedback in first.inner_text() for o in question.options)
    page.get_by_text(f"Your progress in this chapter: 1 of {len(quiz.questions)} questions right.").first.wait_for(
        timeout=30_000)

    # By keyboard: the options are one radio group named by the question; arrows move inside it.
    second_q = quiz.questions[1]
    second = widget.locator(".tc-widget-question").nth(1)
    group = second.get_by_role("group", name=re.compile(re.escape(second_q.prompt)))
    radios = group.get_by_role("radio")
    assert radios.count() == len(second_q.options)
    radios.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked(), "ArrowDown must choose the next option"
    assert radios.nth(1).evaluate("e => e === document.activeElement"), "focus must stay in the group"
    page.keyboard.press("Tab")  # one Tab leaves the group, to the button
    assert page.evaluate("document.activeElement.textContent").strip() == "Check answer"
    page.keyboard.press("Enter")
    second.get_by_text(RIGHT if second_q.options[1].correct else WRONG).wait_for(timeout=30_000)
    page.screenshot(path=str(home / "quiz-keyboard.png"))

    # Learn more: the chapter opens in a JupyterLab tab at the section, and JupyterLab does not reload.
    page.evaluate("window.tcNoReload = true")
    section = next(q for q in quiz.questions if not q.section.startswith("07-")).section
    stem, heading = section.split("#")[0], resolve_section(section)[2]
    target = next(q for q in quiz.questions if q.section == section)
    link = widget.locator(".tc-widget-question").nth(quiz.questions.index(target)).get_by_role("link", name=heading)
    assert link.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    link.click()
    page.locator(".lm-TabBar-tab.lm-mod-current", has_text=stem).first.wait_for(timeout=30_000)
    title = visible_notebook(page).get_by_role("heading", name=heading)
    title.wait_for(timeout=30_000)
    page.wait_for_function("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
                           arg=title.element_handle(), timeout=15_000)
    assert page.evaluate("window.tcNoReload === true"), "the link reloaded JupyterLab"
    page.screenshot(path=str(home / "learn-more.png"))

    # Restart the kernel: the quiz says to run the cells again.
    page.locator(".lm-TabBar-tab", has_text="07-review").first.click()
    open_menu(page, "Kernel")
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel…").first.click()
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    first.get_by_text("not connected to Python any more").wait_for(timeout=30_000)
    page.screenshot(path=str(home / "after-restart.png"))

    # Run All again: the question answered right says so.
    run_all(page)
    widget.locator(".tc-widget-question").first.get_by_text("Your saved progress: answered right.").wait_for(
        timeout=120_000)
    assert page.locator(".tc-run-again:visible").count() == 0
    saved = ProgressStore(home / "data" / "progress.sqlite3").answers("review")
    assert saved[question.id] is True

    # Save, shut the kernel down, reopen: the saved notebook shows the readable quiz and says to run it.
    page.keyboard.press("Control+s")
    page.get_by_text("Saving completed").first.wait_for(timeout=30_000)
    open_menu(page, "Kernel")
    page.locator(".lm-Menu-itemLabel", has_text="Shut Down Kernel").first.click()
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile("No Kernel")).first.wait_for(timeout=30_000)
    page.reload()
    # JupyterLab restores both tabs (the Learn more chapter has a quiz too): look in the review's own panel.
    page.locator(".lm-TabBar-tab", has_text="07-review").first.click(timeout=90_000)
    outputs = visible_notebook(page).locator(".jp-OutputArea-output")
    outputs.get_by_text(quiz.questions[0].prompt).first.wait_for(timeout=90_000)
    outputs.get_by_text("To answer this quiz in JupyterLab, choose Run > Run All Cells").first.wait_for()
    assert page.get_by_text("Error displaying widget").count() == 0
    assert not outside, f"JupyterLab page asked other sites for {outside}"
    context.close()


def entry_count(diary) -> str:
    return diary.locator("table caption").first.inner_text()


def test_diary_from_end_to_end_and_nothing_private_in_the_notebook(lab, browser, tmp_path):
    url, token, home = lab
    secret = f"PRIVATE-{secrets.token_hex(4)}"
    context, page, outside = open_notebook(lab, browser, "08-twitch-diary.ipynb", "diary")
    run_all(page)
    diary = page.locator(".tc-widget-diary")
    diary.wait_for(timeout=120_000)
    diary.get_by_text("No entries yet.").wait_for()

    # Bad input is refused beside the field.
    diary.locator("select[multiple]").select_option("calf")
    coffee = diary.locator(".widget-inline-hbox", has_text="Cups of coffee").locator("input")
    coffee.fill("-1")
    coffee.press("Enter")
    diary.get_by_role("button", name="Save entry").click()
    diary.get_by_text("must be 0 or more").wait_for(timeout=30_000)
    assert diary.get_by_text("No entries yet.").count() == 1, "bad input must not be saved"

    # Strength by its stepper (ArrowUp in the number box), a private note; saved.
    coffee.fill("2")
    coffee.press("Enter")
    strength = diary.locator(".widget-inline-hbox", has_text="How strong").locator("input")
    strength.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # 2 -> 4
    strength.press("Enter")
    diary.locator("textarea").fill(f"{secret} my husband says I slur when tired")
    diary.locator("textarea").press("Tab")
    diary.get_by_role("button", name="Save entry").click()
    diary.get_by_text("Saved.").wait_for(timeout=30_000)
    table = diary.locator("table").first
    table.locator("caption", has_text="1 entries").wait_for(timeout=30_000)
    assert table.locator("td").nth(2).inner_text() == "4", "the strength chosen must be saved"
    assert secret in table.inner_text()

    # Edit: Cancel editing changes nothing; Save changes does, and the table shows it. (Handlers run on
    # the kernel's main thread because lab-overrides.json turns off comms over subshells; issue 12
    # makes the store itself work from any thread.)
    picker = diary.locator(".widget-dropdown", has_text="Entry").locator("select")
    picker.select_option(index=0)
    diary.get_by_role("button", name="Edit", exact=True).click()
    diary.get_by_text("Editing the entry from").wait_for(timeout=30_000)
    diary.get_by_role("button", name="Cancel editing").click()
    diary.get_by_text("Editing cancelled").wait_for(timeout=30_000)
    diary.get_by_role("button", name="Edit", exact=True).click()
    diary.get_by_text("Editing the entry from").wait_for(timeout=30_000)
    diary.locator("select[multiple]").select_option(["calf", "thigh"])
    diary.get_by_role("button", name="Save changes").click()
    diary.get_by_text("Changes saved.").wait_for(timeout=30_000)
    table.locator("td", has_text="thigh, calf").wait_for(timeout=30_000)  # in the order of the body areas
    assert table.locator("td").nth(2).inner_text() == "4"

    # A question for the doctor, changed, then another deleted.
    box = diary.get_by_placeholder("A question for your doctor")
    for text in (f"{secret} is it ALS?", "Do I need tests?"):
        box.fill(text)
        diary.get_by_role("button", name="Add question").click()
        diary.locator("ol li", has_text=text).wait_for(timeout=30_000)
    questions = diary.locator(".widget-dropdown", has_text="Question").locator("select")
    questions.select_option(index=0)
    diary.get_by_role("button", name="Change question").click()
    box.fill(f"{secret} could it be ALS?")
    diary.get_by_role("button", name="Save question").click()
    diary.get_by_text("Question changed.").wait_for(timeout=30_000)
    diary.locator("ol li", has_text="could it be ALS?").wait_for(timeout=30_000)
    questions.select_option(label="Do I need tests?")
    diary.get_by_role("button", name="Delete question").click()
    diary.get_by_text("Question deleted.").wait_for(timeout=30_000)
    expect(diary.locator("ol").first).to_have_text(f"{secret} could it be ALS?")  # the list may redraw after the status

    # Export: the summary and CSV are made now, and the learner can download and open them.
    page.locator(".tc-widget-export").get_by_role("button", name="Export summary").click()
    summary_link = page.locator(".tc-widget-export").get_by_role("link", name="Download twitch-diary-summary.html")
    with page.expect_download() as download:
        summary_link.click()
    summary = (tmp_path / "summary.html")
    download.value.save_as(summary)
    assert secret in summary.read_text() and "1 entries" in summary.read_text()
    viewer = context.new_page()
    viewer.goto(summary.as_uri())
    viewer.get_by_role("heading", name="My twitch diary").wait_for()
    viewer.close()
    with page.expect_download() as download:
        page.locator(".tc-widget-export").get_by_role("link", name="Download twitch-diary.csv").click()
    csv = tmp_path / "twitch-diary.csv"
    download.value.save_as(csv)

    # Delete after confirming.
    picker.select_option(index=0)
    diary.get_by_role("button", name="Delete", exact=True).click()
    diary.get_by_role("button", name="Yes, delete").click()
    diary.get_by_text("Entry deleted.").wait_for(timeout=30_000)
    diary.get_by_text("No entries yet.").wait_for(timeout=30_000)

    # Import the exported CSV (a preview first), then the same file again: nothing is doubled.
    def upload(file):
        with page.expect_file_chooser() as chooser:
            diary.get_by_role("button", name="Choose a CSV file").click()
        chooser.value.set_files(str(file))

    upload(csv)
    diary.get_by_text("1 entries: 1 new, 0 already in your diary").wait_for(timeout=30_000)
    diary.get_by_role("button", name="Import 1 new entries").click()
    diary.get_by_text("Imported 1 entries.").wait_for(timeout=30_000)
    table.locator("caption", has_text="1 entries").wait_for(timeout=30_000)
    upload(csv)
    diary.get_by_text("1 entries: 0 new, 1 already in your diary").wait_for(timeout=30_000)
    assert diary.get_by_role("button", name=re.compile("^Import")).is_hidden()
    assert "1 entries" in entry_count(diary) and secret in table.inner_text()

    # Wait for an autosave after a change to the notebook (the export cell run again):
    # the file must hold no private text and no widget state.
    notebook_file = home / "notebooks" / "08-twitch-diary.ipynb"
    before = notebook_file.stat().st_mtime_ns
    export_cell = page.locator(".jp-CodeCell", has=page.locator(".tc-widget-export"))
    export_cell.locator(".jp-Placeholder-prompt").first.click()  # select the export cell and run it again
    page.keyboard.press("Shift+Enter")
    for _ in range(60):
        if notebook_file.stat().st_mtime_ns != before and page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0:
            break
        page.wait_for_timeout(500)
    else:
        pytest.fail("JupyterLab did not autosave the diary notebook")
    saved = notebook_file.read_text()
    assert secret not in saved and "my husband says" not in saved, "private diary text was saved into the notebook"
    assert "widget-state" not in saved and "application/vnd.jupyter.widget-view+json" not in saved
    page.screenshot(path=str(home / "diary.png"), full_page=True)
    assert not outside, f"JupyterLab page asked other sites for {outside}"
    context.close()
