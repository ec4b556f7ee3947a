"""The quiz and progress panel as real ipywidgets, for learners in JupyterLab."""
from __future__ import annotations

from html import escape
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets as t
from IPython.display import HTML

from .grading import feedback, grade
from .progress import ProgressStore, summarise
from .quizbank import Question, Quiz, resolve_section

# ipywidgets marks every view whose kernel has gone (restart, shut down, a reopened notebook)
# with .jupyter-widgets-disconnected; then the "run again" notes show and the dead controls fade.
STYLE = """<style>
.tc-run-again{display:none!important}
.tc-run-again.jupyter-widgets-disconnected{display:block!important;border-left:0.3rem solid #b35900;
 padding:0.2rem 0.6rem;margin:0.3rem 0;background:var(--jp-layout-color2,#f3f3f3)}
.tc-live .jupyter-widgets-disconnected::before,.tc-live.jupyter-widgets-disconnected::before{content:none!important}
.tc-live .widget-html-content,.tc-live .widget-html-content p,.tc-live .widget-html-content li{line-height:1.45}
.tc-live .tc-choices{border:0;margin:0.3rem 0;padding:0}
.tc-live .tc-choices legend{font-weight:normal;padding:0;margin-bottom:0.3rem}
.tc-live .tc-choices label{display:flex;gap:0.5rem;align-items:baseline;padding:0.15rem 0;cursor:pointer}
.tc-live .jp-RenderedHTMLCommon a,.tc-live .widget-html-content a{color:var(--jp-content-link-color,#0d47a1);text-decoration:underline}
.tc-live .widget-button.jupyter-widgets-disconnected,.tc-live .jupyter-widgets-disconnected .tc-choices{opacity:0.55}
</style>"""
RUN_AGAIN = ("<p><b>This is not connected to Python any more</b> (the kernel was restarted or stopped, or "
             "the notebook was reopened). To use it again, choose <b>Run &gt; Run All Cells</b>.</p>")


def run_again_note() -> w.HTML:
    """Hidden while the kernel is there; says what to do once it is gone (see STYLE)."""
    note = w.HTML(STYLE + RUN_AGAIN)
    note.add_class("tc-run-again")
    return note


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
    """The chapter's own progress line, as in the book: nothing until a question here is answered."""
    if not any(q.id in answers for q in quiz.questions):
        return ""
    right = sum(answers.get(q.id) is True for q in quiz.questions)
    return f"<p>Your progress in this chapter: {right} of {len(quiz.questions)} questions right.</p>"


def summary_lines(summary: dict) -> tuple[list[str], str]:
    counts = [
        f"{r['right']} of {r['total']} right" if r["started"] else f"not started, {r['total']} questions"
        for r in summary["rows"]
    ]
    total = f"Course: {summary['right']} of {summary['total']} questions answered right ({summary['percent']}%)."
    return counts, total


def earlier_text(answer: bool | None) -> str:
    """What the saved progress says about one question, shown after Run All."""
    if answer is None:
        return ""
    return ("<p>✓ <b>Your saved progress: answered right.</b></p>" if answer
            else "<p>Your saved progress: tried, not right yet.</p>")


class Choices(anywidget.AnyWidget):
    """A question's options as one fieldset (choices.js): radio buttons, or check boxes."""
    _esm = Path(__file__).with_name("choices.js")
    legend = t.Unicode().tag(sync=True)
    description = t.Unicode().tag(sync=True)
    options = t.List(t.Unicode()).tag(sync=True)
    multiple = t.Bool(False).tag(sync=True)
    group = t.Unicode().tag(sync=True)
    value = t.List(t.Int()).tag(sync=True)


def learn_more(question: Question) -> w.Output:
    """The "Learn more" link, rendered by JupyterLab itself (an Output widget), so a click opens
    the chapter in a JupyterLab tab instead of reloading the page. JupyterLab scrolls to the
    #heading= fragment only in a chapter that is already open; for a chapter it has just opened,
    choices.js scrolls to the heading, whose id (data-tc-anchor) is the book's."""
    stem, anchor, heading = resolve_section(question.section)
    href = f"{stem}.ipynb#heading={heading.replace(' ', '-')}"
    link = w.Output()
    link.append_display_data(HTML(f'<p class="tc-learn-more">Learn more: <a href="{escape(href)}" '
                                  f'data-tc-anchor="{escape(anchor)}">{escape(heading)}</a></p>'))
    return link


class QuestionWidget(w.VBox):
    def __init__(self, quiz: Quiz, number: int, question: Question, on_checked, earlier: bool | None = None):
        self.question = question
        legend = f"Question {number} of {len(quiz.questions)}. {question.prompt}"
        if question.kind == "multiple" and "all that apply" not in question.prompt.lower():
            legend += " (Choose all that apply.)"
        self.choices = Choices(legend=legend, description=question.scenario or "",
                               options=[o.text for o in question.options], multiple=question.kind == "multiple",
                               group=f"{quiz.quiz}--{question.id}")
        self.check = w.Button(description="Check answer", button_style="primary",
                              tooltip="Check your answer and read why")
        self.earlier = w.HTML(earlier_text(earlier))
        self.feedback = w.HTML()
        super().__init__([run_again_note(), self.earlier, self.choices, self.check, self.feedback,
                          learn_more(question)],
                         layout=w.Layout(border="1px solid #767676", padding="0.5em", margin="0 0 1em 0"))
        self.add_class("tc-widget-question")
        self.check.on_click(lambda _: on_checked(self))

    def chosen(self) -> list[int]:
        return list(self.choices.value)


class QuizWidget(w.VBox):
    def __init__(self, quiz: Quiz, store: ProgressStore):
        self.quiz, self.store = quiz, store
        self.score = w.HTML(score_text(quiz, store.answers(quiz.quiz)))
        self.notice = w.HTML(f"<p><b>Note:</b> {escape(store.notice)}</p>" if store.notice else "")
        answers = store.answers(quiz.quiz)
        self.questions = [QuestionWidget(quiz, n, q, self._checked, answers.get(q.id))
                          for n, q in enumerate(quiz.questions, 1)]
        super().__init__([w.HTML(f"<p><b>{escape(quiz.title)}</b></p>"), self.notice,
                          *self.questions, self.score])
        self.add_class("tc-widget-quiz")
        self.add_class("tc-live")
        store.on_change(self._show_score)

    def _show_score(self) -> None:
        answers = self.store.answers(self.quiz.quiz)
        self.score.value = score_text(self.quiz, answers)
        for question in self.questions:
            question.earlier.value = earlier_text(answers.get(question.question.id))

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
        super().__init__([run_again_note(), self.table, self.reset, self.asking])
        self.add_class("tc-widget-progress")
        self.add_class("tc-live")
        store.on_change(self.refresh)
        self.refresh()

    def _ask(self, show: bool) -> None:
        self.asking.layout.display = "flex" if show else "none"

    def _reset(self, _) -> None:
        try:
            self.store.reset()
        except OSError as error:  # StoreError included: say so here, not in a log the learner never sees
            self.table.value += f"<p><b>Note:</b> your progress could not be reset ({escape(str(error))}).</p>"
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
