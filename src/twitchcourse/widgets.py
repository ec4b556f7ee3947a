"""The quiz and progress panel as real ipywidgets, for learners in JupyterLab."""
from __future__ import annotations

from html import escape

import ipywidgets as w

from .grading import feedback, grade
from .progress import ProgressStore, summarise
from .quizbank import Question, Quiz
from .static_html import section_link


def feedback_html(fb: dict) -> str:
    """Feedback as HTML; the book's script builds the same words with textContent."""
    items = "".join(
        f"<li><b>{'✓ Right answer' if item['correct'] else '✗ Not right'}"
        f"{' (your choice)' if item['chosen'] else ''}:</b> “{escape(item['text'])}”. "
        f"{escape(item['feedback'])}</li>"
        for item in fb["items"]
    )
    return f"<p><b>{escape(fb['headline'])}</b></p>" + (f"<ul>{items}</ul>" if items else "")


def score_text(quiz: Quiz, answers: dict) -> str:
    row = summarise([quiz], {"quizzes": {quiz.quiz: answers}})["rows"][0]
    return f"Your score: {row['right']} of {row['total']} right."


def summary_lines(summary: dict) -> tuple[list[str], str]:
    counts = [
        f"{r['right']} of {r['total']} right" if r["started"] else f"not started, {r['total']} questions"
        for r in summary["rows"]
    ]
    total = f"Course: {summary['right']} of {summary['total']} questions answered right ({summary['percent']}%)."
    return counts, total


class QuestionWidget(w.VBox):
    def __init__(self, quiz: Quiz, number: int, question: Question, on_checked):
        self.question = question
        header = f"<b>Question {number} of {len(quiz.questions)}.</b> {escape(question.prompt)}"
        if question.kind == "multiple":
            header += " <i>(Choose all that apply.)</i>"
        parts = [w.HTML(f"<p>{escape(question.scenario)}</p>")] if question.scenario else []
        parts.append(w.HTML(header))
        labels = [o.text for o in question.options]
        if question.kind == "multiple":
            self.choices = [w.Checkbox(value=False, description=text, indent=False,
                                       layout=w.Layout(width="auto")) for text in labels]
            chooser = w.VBox(self.choices)
        else:
            self.choices = w.RadioButtons(options=[(text, i) for i, text in enumerate(labels)], value=None,
                                          layout=w.Layout(width="auto"))
            chooser = self.choices
        self.check = w.Button(description="Check answer", button_style="primary",
                              tooltip="Check your answer and read why")
        self.feedback = w.HTML()
        href, heading = section_link(question, ".ipynb")
        parts += [chooser, self.check, self.feedback,
                  w.HTML(f'<p>Learn more: <a href="{escape(href)}">{escape(heading)}</a></p>')]
        super().__init__(parts, layout=w.Layout(border="1px solid #767676", padding="0.5em", margin="0 0 1em 0"))
        self.add_class("tc-widget-question")
        self.check.on_click(lambda _: on_checked(self))

    def chosen(self) -> list[int]:
        if isinstance(self.choices, list):
            return [i for i, box in enumerate(self.choices) if box.value]
        return [] if self.choices.value is None else [self.choices.value]


class QuizWidget(w.VBox):
    def __init__(self, quiz: Quiz, store: ProgressStore):
        self.quiz, self.store = quiz, store
        self.score = w.HTML(score_text(quiz, store.answers(quiz.quiz)))
        self.notice = w.HTML(f"<p><b>Note:</b> {escape(store.notice)}</p>" if store.notice else "")
        questions = [QuestionWidget(quiz, n, q, self._checked) for n, q in enumerate(quiz.questions, 1)]
        super().__init__([w.HTML(f"<p><b>{escape(quiz.title)}</b></p>"), self.notice, *questions, self.score])
        self.add_class("tc-widget-quiz")
        store.on_change(self._show_score)

    def _show_score(self) -> None:
        self.score.value = score_text(self.quiz, self.store.answers(self.quiz.quiz))

    def _checked(self, question: QuestionWidget) -> None:
        result = grade(question.question, question.chosen())
        question.feedback.value = feedback_html(feedback(question.question, result))
        if result["answered"]:
            try:
                self.store.record(self.quiz.quiz, question.question.id, result["correct"])
            except OSError as error:  # a full disk or read-only folder must not break the quiz
                self.notice.value = f"<p><b>Note:</b> your answer could not be saved ({escape(str(error))}).</p>"


class ProgressWidget(w.VBox):
    def __init__(self, quizzes: list[Quiz], store: ProgressStore):
        self.quizzes, self.store = quizzes, store
        self.table = w.HTML()
        self.reset = w.Button(description="Reset my progress", tooltip="Forget every saved answer")
        self.confirm = w.Button(description="Yes, reset", button_style="danger")
        self.cancel = w.Button(description="Cancel")
        self.asking = w.HBox([w.HTML("Forget all your saved answers?"), self.confirm, self.cancel],
                             layout=w.Layout(display="none"))
        self.reset.on_click(lambda _: self._ask(True))
        self.cancel.on_click(lambda _: self._ask(False))
        self.confirm.on_click(self._reset)
        super().__init__([self.table, self.reset, self.asking])
        self.add_class("tc-widget-progress")
        store.on_change(self.refresh)
        self.refresh()

    def _ask(self, show: bool) -> None:
        self.asking.layout.display = "flex" if show else "none"

    def _reset(self, _) -> None:
        self.store.reset()
        self._ask(False)

    def refresh(self) -> None:
        summary = summarise(self.quizzes, self.store.load())
        counts, total = summary_lines(summary)
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left'>{escape(r['title'])}</th><td>{c}</td></tr>"
            for r, c in zip(summary["rows"], counts)
        )
        notice = f"<p><b>Note:</b> {escape(self.store.notice)}</p>" if self.store.notice else ""
        self.table.value = (
            f"{notice}<table><caption>Your progress in this course</caption>"
            f"<tr><th scope='col'>Quiz</th><th scope='col'>Right answers</th></tr>{rows}</table>"
            f"<p>{total}</p>"
        )
