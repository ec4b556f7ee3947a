"""Quiz data: the real bank is valid, and every kind of bad data fails with a precise message."""
import copy

import pytest
import yaml

from support import VALID_QUIZ
from twitchcourse.quizbank import QUIZ_DIR, QuizDataError, load_all, load_quiz, parse_quiz


def check(data, folder, name="sample.yml"):
    path = folder / "quizzes" / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    return parse_quiz(text, path, notebook_dir=folder)


def broken(change):
    data = copy.deepcopy(VALID_QUIZ)
    change(data)
    return data


def test_the_course_bank_is_valid_and_covers_every_kind():
    quizzes = load_all()
    assert quizzes, f"no quiz files in {QUIZ_DIR}"
    kinds = {q.kind for quiz in quizzes for q in quiz.questions}
    assert kinds == {"single", "multiple", "true_false", "scenario"}


def test_valid_sample_loads_and_resolves_sections(sample_notebooks):
    quiz = check(VALID_QUIZ, sample_notebooks)
    assert [q.id for q in quiz.questions] == ["pick-one", "pick-all", "true-or-false", "story"]


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["questions"][1].update(id="pick-one"),
     "sample.yml: question 'pick-one', field 'id': duplicate id (questions 1 and 2)"),
    (lambda d: [o.update(correct=False) for o in d["questions"][0]["options"]],
     "sample.yml: question 'pick-one': field 'options': no option has 'correct: true'"),
    (lambda d: d["questions"][0]["options"][1].update(correct=True),
     "question 'pick-one': field 'options': a single question needs exactly one correct option, found 2"),
    (lambda d: d["questions"][3]["options"][1].update(correct=True),
     "question 'story': field 'options': a scenario question needs exactly one correct option, found 2"),
    (lambda d: d["questions"][1]["options"][2].pop("feedback"),
     "sample.yml: question 'pick-all', field 'options[2].feedback': Field required"),
    (lambda d: d["questions"][1]["options"][0].update(feedback="   "),
     "question 'pick-all', field 'options[0].feedback': String should have at least 1 character"),
    (lambda d: d["questions"][0].update(hint="typo"),
     "sample.yml: question 'pick-one', field 'hint': unknown key"),
    (lambda d: d.update(titel="typo"), "sample.yml: field 'titel': unknown key"),
    (lambda d: d["questions"][0].update(section="01-sample#no-such-heading"),
     "sample.yml: question 'pick-one', field 'section': '01-sample#no-such-heading': no heading in "
     "01-sample.ipynb has the anchor '#no-such-heading' (anchors there: sample, first-part, second-part-it-s-here)"),
    (lambda d: d["questions"][0].update(section="02-missing#first-part"),
     "question 'pick-one', field 'section': '02-missing#first-part' names no notebook"),
    (lambda d: d["questions"][0].update(section="no anchor"), "question 'pick-one', field 'section': String should match"),
    (lambda d: d["questions"][3].pop("scenario"),
     "question 'story': field 'scenario': required for a scenario question"),
    (lambda d: d["questions"][0].update(scenario="Story"),
     "question 'pick-one': field 'scenario': only scenario questions have one, this one is 'single'"),
    (lambda d: d["questions"][2]["options"][0].update(text="Yes"),
     "question 'true-or-false': field 'options': a true_false question has exactly two options, 'True' then 'False'"),
    (lambda d: d["questions"][0].update(kind="essay"), "question 'pick-one', field 'kind': Input should be"),
    (lambda d: d["questions"][0].update(id="Bad Id"), "question 'Bad Id', field 'id': String should match"),
    (lambda d: d["questions"][0].pop("id"), "question number 1 (no id), field 'id': Field required"),
    (lambda d: d.update(quiz="other"), "sample.yml: field 'quiz': 'other' must match the file name 'sample'"),
    (lambda d: d.update(questions=[]), "sample.yml: field 'questions': List should have at least 1 item"),
])
def test_bad_data_names_file_question_and_field(sample_notebooks, change, expected):
    with pytest.raises(QuizDataError) as error:
        check(broken(change), sample_notebooks)
    assert expected in str(error.value)


def test_every_problem_is_reported_at_once(sample_notebooks):
    def two_problems(d):
        d["questions"][0]["options"][0].pop("feedback")
        d["questions"][1].update(extra=1)
    message = str(pytest.raises(QuizDataError, check, broken(two_problems), sample_notebooks).value)
    assert "question 'pick-one', field 'options[0].feedback'" in message
    assert "question 'pick-all', field 'extra': unknown key" in message


def test_yaml_syntax_error_names_the_file_and_line(sample_notebooks):
    with pytest.raises(QuizDataError, match=r"sample.yml: not valid YAML at line 2, column 8: mapping values are not allowed here"):
        check("quiz: sample\n  title: [unclosed\n", sample_notebooks)


def test_missing_quiz_file_lists_the_known_ones():
    with pytest.raises(QuizDataError, match=r"no-such-quiz.yml: no such quiz file \(quizzes found: .*what-are-fasciculations"):
        load_quiz("no-such-quiz")


def test_quizzes_come_in_the_order_of_the_chapters_that_show_them():
    ids = [quiz.quiz for quiz in load_all()]
    assert ids[0] == "what-are-fasciculations" and ids[-1] == "review", ids
