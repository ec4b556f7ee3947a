"""Saved progress: the book's localStorage reader (twitchcourse.js) and the Python store accept
exactly the same data, decided on the same fixtures, and ids such as `constructor` or `__proto__`
are plain keys in both (maps without prototypes in the browser)."""
import json

import pytest

from browser_helpers import only_loopback, script_page, serve
from support import ROOT
from twitchcourse.progress import ProgressStore, valid_progress
from twitchcourse.quizbank import load_all
from twitchcourse.static_html import progress_html, quiz_html

CASES = json.loads((ROOT / "tests/fixtures/progress-cases.json").read_text())["cases"]
DEEP = "[" * 100_000 + "]" * 100_000  # too deep for Python's json


def python_accepts(raw: str) -> bool:
    try:
        return valid_progress(json.loads(raw))
    except (ValueError, RecursionError):
        return False


@pytest.mark.parametrize("case", CASES, ids=[c["json"][:50] for c in CASES])
def test_python_decides_each_fixture_and_imports_only_what_it_accepts(tmp_path, case):
    assert python_accepts(case["json"]) is case["valid"]
    (tmp_path / "progress.json").write_text(case["json"])
    store = ProgressStore(tmp_path / "progress.sqlite3")
    data = store.load()
    if case["valid"]:
        answered = {quiz: answers for quiz, answers in json.loads(case["json"])["quizzes"].items() if answers}
        assert data["quizzes"] == answered and store.notice == ""
    else:
        assert data["quizzes"] == {} and "set aside" in store.notice


def tricky_quiz():
    """A real quiz whose id, and one question's id, are names every JavaScript object inherits."""
    quiz = load_all()[0]
    first = quiz.questions[0].model_copy(update={"id": "constructor"})
    return quiz.model_copy(update={"quiz": "constructor", "questions": [first, *quiz.questions[1:]]})


@pytest.fixture
def book_page(tmp_path, browser):
    quiz = tricky_quiz()
    script_page(tmp_path, f"{quiz_html(quiz)}{progress_html([quiz])}")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    outside, errors = [], []
    only_loopback(page, outside)
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(tmp_path) as url:
        page.goto(url)
        yield page, quiz
    context.close()
    assert not errors and not outside


@pytest.mark.browser
def test_the_book_decides_every_fixture_as_python_does(book_page):
    page, _ = book_page
    decide = """raws => raws.map(raw => {
        try { return TwitchQuiz.validProgress(JSON.parse(raw)); } catch (e) { return false; } })"""
    raws = [c["json"] for c in CASES] + [DEEP]
    assert page.evaluate(decide, raws) == [python_accepts(raw) for raw in raws]


@pytest.mark.browser
def test_the_book_reads_back_exactly_what_the_python_store_holds(book_page, tmp_path):
    page, _ = book_page
    store = ProgressStore(tmp_path / "p.sqlite3")
    for quiz, question, right in [("constructor", "constructor", True), ("constructor", "__proto__", False),
                                  ("__proto__", "toString", True), ("faq", "what-is-it", False)]:
        store.record(quiz, question, right)
    saved = json.dumps(store.load())
    page.evaluate("saved => localStorage.setItem('twitchcourse-progress-v1', saved)", saved)
    page.reload()
    assert page.evaluate("JSON.stringify(TwitchQuiz.loadProgress())") == json.dumps(store.load(),
                                                                                    separators=(",", ":"))
    assert page.evaluate("Object.getPrototypeOf(TwitchQuiz.loadProgress().quizzes)") is None
    assert page.evaluate("typeof Object.prototype.toString") == "function"


@pytest.mark.browser
def test_a_quiz_called_constructor_keeps_its_progress_across_a_reload(book_page):
    page, quiz = book_page
    question = quiz.questions[0]
    row = page.locator('.tc-progress tr[data-quiz="constructor"] .tc-count')
    assert row.inner_text() == f"not started, {len(quiz.questions)} questions"
    right = next(i for i, o in enumerate(question.options) if o.correct)
    page.locator(f'label[for="tc-constructor--constructor--{right}"]').click()
    page.locator("#tc-constructor--constructor .tc-check").click()
    score = page.locator("#tc-constructor .tc-score")
    assert score.inner_text() == f"Your progress in this chapter: 1 of {len(quiz.questions)} questions right."
    page.reload()
    assert score.inner_text() == f"Your progress in this chapter: 1 of {len(quiz.questions)} questions right."
    assert row.inner_text() == f"1 of {len(quiz.questions)} right"
    saved = json.loads(page.evaluate("localStorage.getItem('twitchcourse-progress-v1')"))
    assert saved["quizzes"] == {"constructor": {"constructor": True}}
    assert page.evaluate("Object.first === undefined && Object.constructor === Function")
