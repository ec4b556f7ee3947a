"""Helpers for the course 'Muscle twitches: is it ALS?'.

In a notebook:  from twitchcourse import show_quiz, show_progress, show_checklist, show_levels, open_diary, show_diary,
                 show_words_and_sources
"""
from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from IPython.display import HTML, display

from .checklist import ChecklistWidget, checklist_html
from .diary import Diary, check, example_entries, example_mode
from .levels import LevelsBlock, load_levels
from .progress import shared_store
from .quizbank import NOTEBOOK_DIR, load_all, load_quiz
from .sources import HEADING, words_and_sources_html
from .static_html import progress_html, quiz_html
from .widgets import ProgressWidget, QuizWidget

__all__ = ["show_quiz", "show_progress", "show_checklist", "show_levels", "open_diary", "show_diary", "show_diary_summary",
           "import_diary_csv", "show_words_and_sources"]

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
    problems: list[str] = []
    quizzes = load_all(problems=problems)  # a bad quiz file must not hide every other chapter's progress
    if problems:
        display(HTML("<p><b>Some quiz files could not be read, so they are left out below:</b></p><pre>"
                     f"{escape(chr(10).join(problems))}</pre>"))
    display(_TwoRenderings(lambda: ProgressWidget(quizzes, shared_store()), progress_html(quizzes),
                           "Your progress in this course (choose Run > Run All Cells to see it)"))


def show_checklist(name: str) -> None:
    checklist = load_levels(name)
    display(_TwoRenderings(lambda: ChecklistWidget(checklist), checklist_html(checklist),
                           f"Checklist: {checklist.title} (choose Run > Run All Cells to use it)"))


def show_levels(block: str = "levels") -> None:
    """The course's advice on when to get help, from its one data file: "levels" (every level
    with its signs), "emergency" (the emergency box) or "after-exam" (after a normal exam)."""
    display(LevelsBlock(block))


def show_words_and_sources(notebook: str) -> None:
    """For JupyterLab, the end of a chapter: the words and sources its text links to. The book
    hides it (tag remove-cell): there the same links go to the glossary and references pages."""
    display({"text/html": words_and_sources_html(NOTEBOOK_DIR / notebook),
             "text/plain": f"{HEADING} of {notebook}"}, raw=True)


def open_diary() -> Diary:
    """The learner's own diary; in example mode (book, tests) a scratch diary with made-up entries."""
    if not example_mode():
        return Diary()
    diary = Diary(Path(tempfile.mkdtemp(prefix="twitch-diary-example-")) / "diary.sqlite3")
    diary.add_entries([check(entry) for entry in example_entries()])
    diary.add_question("Do you find any weakness when you examine me?")
    diary.add_question("What should make me come back?")
    return diary


PRIVATE_NOTE = ("<p class='tc-static-note'>Your own diary appears here when you choose <b>Run &gt; Run All "
                "Cells</b>. What you write in it is kept in a folder on this computer: it is never saved in this notebook.</p>")


def show_diary(diary: Diary) -> None:
    from .diary_widgets import DiaryWidget, charts_html, entries_table_html  # matplotlib: only for the diary

    if example_mode():
        entries = diary.entries()
        # The book shows this rendering only: its note is for book readers.
        html = ("<p class='tc-static-note'><b>This online book cannot save anything</b>, so below is a made-up "
                "example diary. To keep your own diary, print the <a href='../book/diary-sheet.html'>two-week "
                "diary sheet</a>. On a computer, you can also keep it in JupyterLab (see About this course).</p>"
                f"{entries_table_html(entries)}{charts_html(entries)}")
    else:
        html = PRIVATE_NOTE  # the static rendering is saved with the notebook: none of the learner's data
    display(_TwoRenderings(lambda: DiaryWidget(diary), html,
                           "Your twitch diary (choose Run > Run All Cells to use it)"))


def show_diary_summary(diary: Diary) -> None:
    """The one-page summary for an appointment: the example's, shown here, in example mode; otherwise an
    Export summary button that makes the files when the learner presses it."""
    from .diary_summary import summary_html
    from .diary_widgets import ExportWidget

    if example_mode():
        page = summary_html(diary.entries(), diary.questions(), title="Example twitch diary")
        # A raw bundle: IPython's HTML() warns about any <iframe>, and the warning would be stored.
        display({"text/html": f'<iframe title="The example diary summary, as it prints" srcdoc="{escape(page)}" '
                              'style="width:100%;height:40rem;border:1px solid #767676"></iframe>',
                 "text/plain": "The example diary summary"}, raw=True)
        return
    display(_TwoRenderings(lambda: ExportWidget(diary),
                           "<p class='tc-static-note'>Choose <b>Run &gt; Run All Cells</b>, then press <b>Export "
                           "summary</b> here to make your summary and CSV file.</p>",
                           "Export your diary summary (choose Run > Run All Cells to use it)"))


def import_diary_csv(diary: Diary, path: str) -> None:
    """Add the entries of a CSV file the diary exported, leaving out those already in the diary;
    all of them, or none if any row is wrong. A bare file name is looked for here, then in the
    learner's data folder (where Export summary saves twitch-diary.csv)."""
    from .diary import read_csv

    file = Path(path)
    if not file.is_file() and not file.is_absolute() and (diary.path.parent / file).is_file():
        file = diary.path.parent / file
    if not file.is_file():
        raise FileNotFoundError(f"No file {path} in {Path.cwd()} or in your data folder {diary.path.parent}. "
                                "Give the file's full path, or use the diary's 'Add entries from a CSV file'.")
    entries = read_csv(file)
    added = diary.add_entries(entries)
    skipped = f" {len(entries) - added} were already in your diary and were not added again." \
        if added < len(entries) else ""
    display(HTML(f"<p>Imported {added} entries from {escape(file.name)}.{escape(skipped)}</p>"))
