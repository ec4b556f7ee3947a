"""Both renderings of a quiz: deterministic, semantic, and escaping everything from the YAML."""
import re
from html.parser import HTMLParser

from twitchcourse import _TwoRenderings, show_quiz
from twitchcourse.progress import ProgressStore
from twitchcourse.quizbank import load_all
from twitchcourse.static_html import progress_html, quiz_html
from twitchcourse.widgets import QuizWidget

EVIL = '</script><script>window.pwned=1</script><b onclick="x">&amp;'


def evil_quiz():
    """A real quiz with markup in every text field a learner sees."""
    quiz = load_all()[0]
    q = quiz.questions[0]
    option = q.options[0].model_copy(update={"text": EVIL, "feedback": EVIL})
    q = q.model_copy(update={"prompt": EVIL, "options": [option, *q.options[1:]]})
    return quiz.model_copy(update={"title": EVIL, "questions": [q, *quiz.questions[1:]]})


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_static_html_is_deterministic_and_semantic():
    for quiz in load_all():
        html = quiz_html(quiz)
        assert html == quiz_html(quiz)
        tags = Tags(html).tags
        names = [t for t, _ in tags]
        assert "script" not in names
        assert names.count("fieldset") == names.count("legend") == len(quiz.questions)
        inputs = [a for t, a in tags if t == "input"]
        labels = {a["for"] for t, a in tags if t == "label"}
        assert inputs and all(a["id"] in labels for a in inputs)
        assert all(a["type"] == ("checkbox" if q.kind == "multiple" else "radio")
                   for q in quiz.questions for a in inputs if a["name"].endswith("--" + q.id))
        assert names.count("button") == len(quiz.questions)
        assert sum(1 for _, a in tags if a.get("aria-live") == "polite") == len(quiz.questions) + 1
        ids = [a["id"] for _, a in tags if "id" in a]
        assert len(ids) == len(set(ids)), "ids must be unique on the page"


def test_static_html_escapes_markup_from_the_yaml():
    html = quiz_html(evil_quiz())
    assert "<script>" not in html and "</script>" not in html and "<b onclick" not in html
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1" in html
    assert not any("onclick" in attrs for _, attrs in Tags(html).tags)


def test_widget_escapes_markup_from_the_yaml(scratch_progress):
    widget = QuizWidget(evil_quiz(), ProgressStore())
    question = widget.questions[0]
    # The choices are drawn with textContent (choices.js); HTML parts must escape.
    html_values = [c.value for c in question.children if isinstance(getattr(c, "value", None), str)]
    assert not any("<script>" in v for v in html_values)
    assert "</script>" in question.choices.legend + "".join(question.choices.options)
    question.choices.value = [0]
    question.check.click()
    assert "<script>" not in question.feedback.value and "&lt;script&gt;" in question.feedback.value


def test_one_output_carries_the_widget_and_the_static_html(scratch_progress):
    quiz = load_all()[0]
    shown = _TwoRenderings(lambda: QuizWidget(quiz, ProgressStore()), quiz_html(quiz), "plain")
    bundle = shown._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert bundle["text/html"] == quiz_html(quiz)


def test_show_quiz_unknown_id_fails_clearly():
    import pytest
    from twitchcourse.quizbank import QuizDataError
    with pytest.raises(QuizDataError, match="no such quiz file"):
        show_quiz("not-a-quiz")


def test_progress_html_lists_every_quiz():
    quizzes = load_all()
    html = progress_html(quizzes)
    for quiz in quizzes:
        assert f'data-quiz="{quiz.quiz}"' in html
    assert re.search(r"<caption>", html)


def test_widget_check_grades_records_and_scores(scratch_progress):
    quiz = load_all()[0]
    store = ProgressStore()
    widget = QuizWidget(quiz, store)
    question = widget.questions[0]
    q = question.question
    right = [i for i, o in enumerate(q.options) if o.correct]
    wrong = next(i for i, o in enumerate(q.options) if not o.correct)
    assert widget.score.value == "", "no score before the first answer"
    question.check.click()
    assert "Choose an answer" in question.feedback.value
    assert store.answers(quiz.quiz) == {}
    set_choice(question, [wrong])
    question.check.click()
    assert "Not quite" in question.feedback.value and q.options[wrong].feedback.replace("'", "&#x27;") in question.feedback.value
    assert store.answers(quiz.quiz) == {q.id: False}
    set_choice(question, right)
    question.check.click()
    assert "Correct!" in question.feedback.value
    assert store.answers(quiz.quiz) == {q.id: True}
    assert widget.score.value == f"<p>Your progress in this chapter: 1 of {len(quiz.questions)} questions right.</p>"


def set_choice(question, indices):
    question.choices.value = list(indices)


def test_after_run_all_each_question_says_whether_it_was_answered_right(scratch_progress):
    quiz = load_all()[0]
    store = ProgressStore()
    store.record(quiz.quiz, quiz.questions[0].id, True)
    store.record(quiz.quiz, quiz.questions[1].id, False)
    widget = QuizWidget(quiz, store)  # what Run All makes
    assert "saved progress: answered right" in widget.questions[0].earlier.value
    assert "not right yet" in widget.questions[1].earlier.value
    assert widget.questions[2].earlier.value == ""
    assert widget.questions[0].choices.legend.startswith(f"Question 1 of {len(quiz.questions)}. ")


def test_progress_widget_shows_scores_and_resets_only_after_confirming(scratch_progress):
    from twitchcourse.widgets import ProgressWidget
    quizzes = load_all()
    store = ProgressStore()
    panel = ProgressWidget(quizzes, store)
    first = quizzes[0]
    assert f"not started, {len(first.questions)} questions" in panel.table.value
    store.record(first.quiz, first.questions[0].id, True)
    assert f"1 of {len(first.questions)} right" in panel.table.value, "the panel follows new answers at once"
    panel.reset.click()
    assert panel.asking.layout.display == "flex"
    panel.cancel.click()
    assert store.answers(first.quiz) == {first.questions[0].id: True}
    panel.reset.click()
    panel.confirm.click()
    assert store.answers(first.quiz) == {} and panel.asking.layout.display == "none"
    assert f"not started, {len(first.questions)} questions" in panel.table.value


def test_widget_shows_the_notice_about_a_corrupt_progress_file(scratch_progress):
    scratch_progress.mkdir(parents=True)
    (scratch_progress / "progress.json").write_text("{oops")
    widget = QuizWidget(load_all()[0], ProgressStore())
    assert "could not be read" in widget.notice.value and "Nothing was deleted" in widget.notice.value


def test_a_reset_that_cannot_be_saved_says_so_in_the_panel(scratch_progress, monkeypatch):
    from twitchcourse.store import StoreError
    from twitchcourse.widgets import ProgressWidget
    store = ProgressStore()
    panel = ProgressWidget(load_all(), store)

    def fail():
        raise StoreError("the data folder is read-only")
    monkeypatch.setattr(store, "reset", fail)
    panel.reset.click()
    panel.confirm.click()
    assert "could not be reset (the data folder is read-only)" in panel.table.value
    assert panel.asking.layout.display == "none"
