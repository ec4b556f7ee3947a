"""Helpers for the course 'Muscle twitches: is it ALS?'.

In a notebook:  from twitchcourse import show_quiz, show_progress, show_checklist
"""
from __future__ import annotations

from IPython.display import display

from .checklist import ChecklistWidget, checklist_html, load_checklist
from .progress import shared_store
from .quizbank import load_all, load_quiz
from .static_html import progress_html, quiz_html
from .widgets import ProgressWidget, QuizWidget

__all__ = ["show_quiz", "show_progress", "show_checklist"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


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
