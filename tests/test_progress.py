"""The JupyterLab progress store (SQLite, see store.py): answers round-trip, an old progress.json
is carried over, anything unreadable is set aside under a new name with a note, and a store that
cannot be used right now never breaks a quiz."""
import contextlib
import json
import sqlite3

import pytest

from twitchcourse.progress import ProgressStore, default_path, summarise, valid_progress
from twitchcourse.quizbank import load_all
from twitchcourse.store import StoreError
from twitchcourse.widgets import QuizWidget


def kept(folder, kind="unreadable"):
    """The set-aside copies (not their -wal files)."""
    return sorted(p for p in folder.iterdir() if p.name.startswith(f"progress.{kind}-")
                  and p.suffix in (".json", ".sqlite3"))


def checkpoint(path):
    """Move everything from the WAL into the file, as when the last notebook closes it."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_uses_the_data_folder_from_the_environment(scratch_progress):
    assert default_path() == scratch_progress / "progress.sqlite3"


def test_missing_folder_is_created_and_answers_round_trip(tmp_path):
    store = ProgressStore(tmp_path / "a" / "b" / "progress.sqlite3")
    assert store.answers("quiz") == {}
    store.record("quiz", "q1", True)
    store.record("quiz", "q2", False)
    store.record("quiz", "q2", True)  # the latest check counts
    assert ProgressStore(store.path).answers("quiz") == {"q1": True, "q2": True}


def test_an_old_progress_json_is_carried_over_once_and_kept(tmp_path):
    old = {"version": 1, "quizzes": {"faq": {"what-is-it": True, "constructor": False, "__proto__": True},
                                     "constructor": {"toString": True}}}
    (tmp_path / "progress.json").write_text(json.dumps(old))
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.load() == old and store.notice == ""
    [copy] = kept(tmp_path, "imported")
    assert json.loads(copy.read_text()) == old, "the old file is kept, renamed, never deleted"
    assert not (tmp_path / "progress.json").exists()
    store.record("faq", "what-is-it", False)
    assert ProgressStore(store.path).answers("faq")["what-is-it"] is False, "imported once, not again"


@pytest.mark.parametrize("content", [
    b"{not json", b'{"version": 99, "quizzes": {}}', b'{"version": true, "quizzes": {}}', b"\xff\xfe",
    b'{"version": 1, "quizzes": {"q": {"a": "yes"}}}', b'{"version": 1, "quizzes": {"q": []}}',
    b"[" * 100_000 + b"]" * 100_000,  # nested too deeply for Python's json
])
def test_an_unreadable_progress_json_is_set_aside_with_a_note(tmp_path, content):
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.answers("quiz") == {}
    [copy] = kept(tmp_path)
    assert copy.read_bytes() == content
    assert str(copy) in store.notice and "Nothing was deleted" in store.notice
    store.record("quiz", "q1", True)
    assert store.answers("quiz") == {"q1": True}


def test_a_damaged_store_is_set_aside_and_never_under_a_name_used_before(tmp_path):
    path = tmp_path / "progress.sqlite3"
    contents = [b"first damaged file" * 10, b"second damaged file" * 10]
    for content in contents:  # twice within the same second
        path.write_bytes(content)
        store = ProgressStore(path)
        assert store.answers("quiz") == {} and "set aside" in store.notice
        store.record("quiz", "q1", True)
    assert sorted(p.read_bytes() for p in kept(tmp_path)) == sorted(contents)


def test_a_truncated_store_is_set_aside(tmp_path):
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    with store.writing() as db:
        db.executemany("INSERT INTO answers VALUES ('quiz', ?, 1)", [(f"question-{n}-" + "x" * 50,) for n in range(300)])
    checkpoint(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    fresh = ProgressStore(path)
    assert fresh.answers("quiz") == {} and "set aside" in fresh.notice
    [copy] = kept(tmp_path)
    assert copy.read_bytes() == data[:len(data) // 2]


def test_a_store_from_a_newer_course_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).record("quiz", "q1", True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    store = ProgressStore(path)
    assert store.answers("quiz") == {} and "newer version of this course" in store.notice
    with pytest.raises(StoreError, match="newer version of this course"):
        store.record("quiz", "q2", True)
    assert path.read_bytes() == before and kept(tmp_path) == []


def test_a_data_folder_that_is_a_file_gives_a_note_and_the_quiz_still_works(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    store = ProgressStore(tmp_path / "data" / "progress.sqlite3")
    assert store.load() == {"version": 1, "quizzes": {}}
    assert "is not a folder" in store.notice
    quiz = load_all()[0]
    widget = QuizWidget(quiz, store)  # builds, and says why answers are not kept
    question = widget.children[2]
    question.choices.value = [0]  # the quiz's radio group (anywidget) holds a list of chosen indexes
    question.check.click()
    assert "could not be saved" in widget.notice.value and "is not a folder" in widget.notice.value
    assert question.feedback.value, "the learner still gets feedback"


def test_a_symlinked_store_stays_a_link_and_the_target_gets_the_answers(tmp_path):
    target = tmp_path / "synced" / "progress.sqlite3"
    target.parent.mkdir()
    ProgressStore(target).record("quiz", "q1", True)
    link = tmp_path / "data" / "progress.sqlite3"
    link.parent.mkdir()
    link.symlink_to(target)
    ProgressStore(link).record("quiz", "q2", True)
    assert link.is_symlink()
    assert ProgressStore(target).answers("quiz") == {"q1": True, "q2": True}


def test_reset_clears_and_tells_listeners(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    calls = []
    store.on_change(lambda: calls.append(1))
    store.record("quiz", "q1", True)
    store.reset()
    assert store.answers("quiz") == {} and len(calls) == 2


def test_the_stores_shape_is_valid_progress(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    store.record("constructor", "__proto__", True)
    assert valid_progress(store.load()) and store.load()["quizzes"] == {"constructor": {"__proto__": True}}


def test_summary_counts_only_questions_still_in_the_bank():
    quizzes = load_all()
    first = quizzes[0]
    data = {"version": 1, "quizzes": {first.quiz: {first.questions[0].id: True, first.questions[1].id: False,
                                                   "removed-question": True}}}
    summary = summarise(quizzes, data)
    total = sum(len(q.questions) for q in quizzes)
    assert summary["rows"][0] == {"quiz": first.quiz, "title": first.topic, "right": 1,
                                  "total": len(first.questions), "started": True}
    assert (summary["right"], summary["total"], summary["percent"]) == (1, total, 100 // total)


def test_the_progress_table_names_each_chapters_topic_not_the_quiz_heading():
    from twitchcourse.static_html import progress_html
    html = progress_html(load_all())
    assert "Check what you learned" not in html
    assert '<th scope="row">When to get help</th>' in html and '<th scope="row">ALS explained</th>' in html
