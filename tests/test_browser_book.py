"""The quizzes in the built book, in real Chromium: mouse, keyboard, feedback, progress, escaping."""
import json
from itertools import combinations
from pathlib import Path

import pytest

from browser_helpers import only_loopback, script_page, serve, tab_to
from test_rendering import EVIL, evil_quiz
from twitchcourse.grading import RIGHT, WRONG, feedback, grade
from twitchcourse.quizbank import load_all
from twitchcourse.static_html import progress_html, quiz_html

pytestmark = pytest.mark.browser


def choices(question):
    n = len(question.options)
    if question.kind != "multiple":
        return [[i] for i in range(n)]
    return [[]] + [list(c) for size in range(1, n + 1) for c in combinations(range(n), size)]


def right_and_wrong(question):
    right = [i for i, o in enumerate(question.options) if o.correct]
    return right, next(c for c in choices(question) if c and c != right)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.outside = []
    only_loopback(page, page.outside)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"
    assert not page.outside, f"requests to other sites: {page.outside}"
    context.close()


def quiz_pages(html: Path):
    """(quiz, page path) for every quiz in the bank, found in the built site."""
    pages = {}
    for quiz in load_all():
        hits = [p for p in html.rglob("*.html") if f'id="tc-{quiz.quiz}"' in p.read_text(encoding="utf-8")]
        assert len(hits) == 1, f"quiz {quiz.quiz} on {hits}"
        pages[quiz.quiz] = (quiz, hits[0].relative_to(html).as_posix())
    return pages


def select(page, root, question, chosen):
    """Set exactly these options by clicking their labels, as a mouse user would."""
    for i in range(len(question.options)):
        box = page.locator(f"#tc-{root}--{question.id}--{i}")
        if box.is_checked() != (i in chosen):
            page.locator(f'label[for="tc-{root}--{question.id}--{i}"]').click()


def test_grading_in_the_browser_matches_python_on_every_question(site, page):
    url, html = site
    for quiz, path in quiz_pages(html).values():
        page.goto(f"{url}/{path}")
        data = json.loads(quiz.as_json())
        for question, q_data in zip(quiz.questions, data["questions"]):
            for chosen in choices(question):
                in_browser = page.evaluate("([q, c]) => TwitchQuiz.feedback(q, TwitchQuiz.grade(q, c))",
                                           [q_data, chosen])
                assert in_browser == feedback(question, grade(question, chosen)), (quiz.quiz, question.id, chosen)


def test_answer_every_question_wrong_then_right_with_the_mouse(site, page):
    url, html = site
    for quiz, path in quiz_pages(html).values():
        page.goto(f"{url}/{path}")
        expect_hidden = page.locator(f"#tc-{quiz.quiz} .tc-static-note")
        assert not expect_hidden.is_visible(), "the 'run the notebook' note is for JupyterLab only"
        for number, question in enumerate(quiz.questions, 1):
            box = page.locator(f"#tc-{quiz.quiz}--{question.id}")
            if number > 1:
                page.locator(f"#tc-{quiz.quiz}").get_by_role("button", name="Next question").click()
            right, wrong = right_and_wrong(question)
            select(page, quiz.quiz, question, wrong)
            box.locator(".tc-check").click()
            text = box.locator(".tc-feedback").inner_text()
            assert text.startswith(WRONG), text
            for i in wrong:
                assert question.options[i].feedback in text
            select(page, quiz.quiz, question, right)
            box.locator(".tc-check").click()
            text = box.locator(".tc-feedback").inner_text()
            assert text.startswith(RIGHT), text
            assert all(o.feedback in text for o in question.options)
            score = page.locator(f"#tc-{quiz.quiz} .tc-score").inner_text()
            assert score == f"Your progress in this chapter: {number} of {len(quiz.questions)} questions right."


def test_keyboard_only_answers_and_progress_survives_a_reload(site, page):
    url, html = site
    quiz, path = next(iter(quiz_pages(html).values()))
    page.goto(f"{url}/{path}")
    score = page.locator(f"#tc-{quiz.quiz} .tc-score")
    assert not score.is_visible() and "%" not in page.inner_text("article"), "no score before the first answer"
    for number, question in enumerate(quiz.questions, 1):
        right, _ = right_and_wrong(question)
        base = f"tc-{quiz.quiz}--{question.id}"
        if number > 1:  # Next question shows the next one and moves focus to it
            tab_to(page, f"#tc-{quiz.quiz} .tc-next")
            page.keyboard.press("Enter")
            assert page.evaluate("id => document.activeElement.id === id", base)
        if question.kind == "multiple":
            for i in right:
                tab_to(page, f"#{base}--{i}")
                page.keyboard.press("Space")
        else:
            tab_to(page, f"#{base}--0")  # Tab enters a radio group at its first option
            page.keyboard.press("Space")
            for _ in range(right[0]):
                page.keyboard.press("ArrowDown")  # arrows move the choice within the group
        tab_to(page, f"#{base} .tc-check")
        page.keyboard.press("Enter")
        feedback_box = page.locator(f"#{base} .tc-feedback")
        assert feedback_box.inner_text().startswith(RIGHT), (question.id, feedback_box.inner_text())
        assert feedback_box.get_attribute("aria-live") == "polite"
    total = len(quiz.questions)
    line = f"Your progress in this chapter: {total} of {total} questions right."
    assert score.inner_text() == line

    page.reload()
    assert score.inner_text() == line
    # The whole-course table is on the review page only.
    assert page.locator(".tc-progress").count() == 0
    page.goto(f"{url}/notebooks/07-review.html")
    row = page.locator(f'.tc-progress tr[data-quiz="{quiz.quiz}"] .tc-count')
    assert row.inner_text() == f"{total} of {total} right"

    # Reset asks first; cancelling keeps everything, accepting clears it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(".tc-progress .tc-reset").click()
    assert row.inner_text() == f"{total} of {total} right"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".tc-progress .tc-reset").click()
    assert row.inner_text() == f"not started, {total} questions"
    assert page.locator(".tc-progress .tc-total").inner_text() == "You have not answered any questions yet."
    page.goto(f"{url}/{path}")
    assert not score.is_visible(), "after a reset the chapter shows no score again"


def test_markup_in_quiz_data_shows_as_text_in_the_browser(tmp_path, page):
    quiz = evil_quiz()
    script_page(tmp_path, f"{quiz_html(quiz)}{progress_html([quiz])}")
    with serve(tmp_path) as url:
        page.goto(url)
        question = quiz.questions[0]
        base = f"tc-{quiz.quiz}--{question.id}"
        assert EVIL in page.locator(f"#{base} legend").inner_text()
        assert page.locator(f'label[for="{base}--0"]').inner_text() == EVIL
        page.locator(f'label[for="{base}--0"]').click()
        page.locator(f"#{base} .tc-check").click()
        assert EVIL in page.locator(f"#{base} .tc-feedback").inner_text()
        assert page.evaluate("window.pwned") is None
        assert page.locator("b[onclick]").count() == 0


def test_corrupt_saved_progress_is_kept_aside_not_lost(site, page):
    url, html = site
    quiz, path = next(iter(quiz_pages(html).values()))
    page.goto(f"{url}/{path}")
    kept = """() => Object.keys(localStorage).filter(k => k.startsWith('twitchcourse-progress-v1-unreadable-'))
                                         .map(k => localStorage.getItem(k)).sort()"""
    for broken in ("{broken", "[1, 2"):  # two in a row: each kept under its own name
        page.evaluate("value => localStorage.setItem('twitchcourse-progress-v1', value)", broken)
        page.reload()
        score = page.locator(f"#tc-{quiz.quiz} .tc-score").inner_text()
        assert "could not be read, so a copy was kept in this browser" in score and "Your progress" not in score
        assert "Nothing was deleted" in score
    assert page.evaluate(kept) == ["[1, 2", "{broken"]
    page.reload()  # kept once, noted once: the next visit starts cleanly
    assert not page.locator(f"#tc-{quiz.quiz} .tc-score").is_visible(), "no note and no score before an answer"


def test_header_icons_are_drawn(site, page):
    url, _ = site
    page.goto(f"{url}/book/intro.html")
    page.wait_for_function("document.querySelectorAll('svg.svg-inline--fa').length > 5")
    assert page.locator("button.theme-switch-button svg.svg-inline--fa").count() == 3


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_a_quiz_shows_one_question_at_a_time(site, browser, width, height):
    """A reader on a phone meets one question, not a wall of seven; Next and Previous walk through
    them, say where the reader is, and keep each answer."""
    url, html = site
    quiz, path = quiz_pages(html)["when-to-get-help"]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    page = context.new_page()
    page.goto(f"{url}/{path}")
    root = page.locator(f"#tc-{quiz.quiz}")
    boxes = root.locator(".tc-question")
    assert [boxes.nth(i).is_visible() for i in range(boxes.count())] == [True] + [False] * (len(quiz.questions) - 1)
    if width < 500:  # the whole quiz fits in about two phone screens
        assert root.bounding_box()["height"] < 2.2 * height, root.bounding_box()
    previous, next_ = root.get_by_role("button", name="Previous question"), root.get_by_role("button", name="Next question")
    assert not previous.is_visible() and next_.is_visible()

    first = quiz.questions[0]
    right, _ = right_and_wrong(first)
    select(page, quiz.quiz, first, right)
    boxes.first.get_by_role("button", name="Check answer").click()
    next_.click()
    assert boxes.nth(1).is_visible() and not boxes.first.is_visible()
    assert boxes.nth(1).locator("legend").inner_text().startswith(f"Question 2 of {len(quiz.questions)}.")
    assert page.evaluate("() => document.activeElement.classList.contains('tc-question')"), "focus goes to the question"
    assert root.locator(".tc-score").inner_text().startswith("Your progress in this chapter: 1 of")
    previous.click()
    assert boxes.first.is_visible() and boxes.first.locator(".tc-feedback").inner_text().startswith(RIGHT)
    for _ in range(len(quiz.questions) - 1):
        next_.click()
    assert boxes.last.is_visible() and not next_.is_visible()
    context.close()
