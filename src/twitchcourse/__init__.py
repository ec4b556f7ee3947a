"""Helpers for the course 'Muscle twitches: is it ALS?'.

In a notebook:  from twitchcourse import show_quiz, show_progress, show_checklist, open_diary, show_diary
"""
from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from IPython.display import HTML, display

from .checklist import ChecklistWidget, checklist_html, load_checklist
from .diary import Diary, check, example_entries, example_mode
from .progress import shared_store
from .quizbank import load_all, load_quiz
from .static_html import progress_html, quiz_html
from .widgets import ProgressWidget, QuizWidget

__all__ = ["show_quiz", "show_progress", "show_checklist", "open_diary", "show_diary", "show_diary_summary",
           "import_diary_csv"]

class _TwoRenderings:
    """One output with two renderings: JupyterLab shows the live widget; the book,
    which prefers text/html, shows the static HTML that its script brings to life."""

    def __init__(self, make_widget, html: str, plain: str):
        self._make_widget, self._html, self._plain = make_widget, html, plain

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self._make_widget()._repr_mimebundle_()
        bundle.update({"text/html": self._html, "text/plain": self._plain})
        return bundle


def show_quiz(quiz_id: str) -> None:
    quiz = load_quiz(quiz_id)
    display(_TwoRenderings(lambda: QuizWidget(quiz, shared_store()), quiz_html(quiz),
                           f"Quiz: {quiz.title} (choose Run > Run All Cells to answer it)"))


def show_progress() -> None:
    quizzes = load_all()
    display(_TwoRenderings(lambda: ProgressWidget(quizzes, shared_store()), progress_html(quizzes),
                           "Your progress in this course (choose Run > Run All Cells to see it)"))


def show_checklist(name: str) -> None:
    checklist = load_checklist(name)
    display(_TwoRenderings(lambda: ChecklistWidget(checklist), checklist_html(checklist),
                           f"Checklist: {checklist.title} (choose Run > Run All Cells to use it)"))


def open_diary() -> Diary:
    """The learner's own diary; in example mode (book, tests) a scratch diary with made-up entries."""
    if not example_mode():
        return Diary()
    diary = Diary(Path(tempfile.mkdtemp(prefix="twitch-diary-example-")) / "diary.sqlite3")
    diary.add_entries([check(entry) for entry in example_entries()])
    diary.add_question("Do you find any weakness when you examine me?")
    diary.add_question("What should make me come back?")
    return diary


def show_diary(diary: Diary) -> None:
    from .diary_widgets import DiaryWidget, charts_html, entries_table_html  # matplotlib: only for the diary

    entries = diary.entries()
    html = ("<p class='tc-static-note'>In JupyterLab this is a form for adding, editing and deleting entries. "
            "Choose <b>Run &gt; Run All Cells</b> to use it. Below: the made-up example diary.</p>"
            f"{entries_table_html(entries)}{charts_html(entries)}")
    display(_TwoRenderings(lambda: DiaryWidget(diary), html,
                           "Your twitch diary (choose Run > Run All Cells to use it)"))


def show_diary_summary(diary: Diary) -> None:
    """The one-page summary for an appointment: shown here in example mode, saved as files otherwise."""
    from .diary_summary import summary_csv, summary_html

    entries, questions = diary.entries(), diary.questions()
    if example_mode():
        page = summary_html(entries, questions, title="Example twitch diary")
        # A raw bundle: IPython's HTML() warns about any <iframe>, and the warning would be stored.
        display({"text/html": f'<iframe title="The example diary summary, as it prints" srcdoc="{escape(page)}" '
                              'style="width:100%;height:40rem;border:1px solid #767676"></iframe>',
                 "text/plain": "The example diary summary"}, raw=True)
        return
    folder = diary.path.parent  # beside the diary, in the learner's own data folder
    (folder / "twitch-diary-summary.html").write_text(summary_html(entries, questions), encoding="utf-8")
    (folder / "twitch-diary.csv").write_text(summary_csv(entries), encoding="utf-8")
    display(HTML(f"<p>Saved <code>{escape(str(folder / 'twitch-diary-summary.html'))}</code> (open it in your "
                 f"browser and print it) and <code>{escape(str(folder / 'twitch-diary.csv'))}</code>.</p>"))


def import_diary_csv(diary: Diary, path: str) -> None:
    """Add the entries of a CSV file the diary exported; all of them, or none if any row is wrong."""
    from .diary import from_csv

    file = Path(path)
    entries = from_csv(file.read_text(encoding="utf-8"), file.name)
    diary.add_entries(entries)
    display(HTML(f"<p>Imported {len(entries)} entries from {escape(file.name)}.</p>"))
