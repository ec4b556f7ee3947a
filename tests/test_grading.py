"""Grading rules, checked on every question of the course's bank."""
from itertools import combinations

from twitchcourse.grading import NO_ANSWER, RIGHT, WRONG, feedback, grade
from twitchcourse.quizbank import load_all


def all_choices(question):
    """Every answer a learner could give: one option, or any set for 'choose all that apply'."""
    n = len(question.options)
    if question.kind != "multiple":
        return [[i] for i in range(n)]
    return [list(c) for size in range(1, n + 1) for c in combinations(range(n), size)]


def bank():
    return [q for quiz in load_all() for q in quiz.questions]


def test_right_only_for_exactly_the_correct_options_on_every_question():
    for question in bank():
        correct = [i for i, o in enumerate(question.options) if o.correct]
        for chosen in all_choices(question):
            result = grade(question, chosen)
            assert result["correct"] == (chosen == correct), (question.id, chosen)
        assert grade(question, correct)["correct"], question.id


def test_no_choice_is_not_an_answer():
    for question in bank():
        result = grade(question, [])
        assert result == {"answered": False, "correct": False, "chosen": [], "missed": result["missed"]}
        assert feedback(question, result) == {"headline": NO_ANSWER, "items": []}


def test_right_answer_explains_every_option_wrong_one_only_the_chosen():
    for question in bank():
        correct = [i for i, o in enumerate(question.options) if o.correct]
        fb = feedback(question, grade(question, correct))
        assert fb["headline"] == RIGHT
        assert [item["feedback"] for item in fb["items"]] == [o.feedback for o in question.options]
        wrong = next(c for c in all_choices(question) if c != correct)
        fb = feedback(question, grade(question, wrong))
        assert fb["headline"].startswith(WRONG)
        assert [item["index"] for item in fb["items"]] == wrong
        assert all(item["chosen"] for item in fb["items"])


def test_multiple_select_says_how_many_right_answers_were_missed():
    question = next(q for q in bank() if q.kind == "multiple" and sum(o.correct for o in q.options) > 1)
    first_right = [next(i for i, o in enumerate(question.options) if o.correct)]
    fb = feedback(question, grade(question, first_right))
    missed = sum(o.correct for o in question.options) - 1
    assert fb["headline"] == f"{WRONG} More than one answer is right: you missed {missed}."
