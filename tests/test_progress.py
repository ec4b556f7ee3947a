"""The JupyterLab progress store: atomic writes, corrupt files set aside, folders made as needed."""
import json
import os

import pytest

from twitchcourse.progress import ProgressStore, default_path, summarise
from twitchcourse.quizbank import load_all


def test_uses_the_data_folder_from_the_environment(scratch_progress):
    assert default_path() == scratch_progress / "progress.json"


def test_missing_folder_is_created_and_answers_round_trip(tmp_path):
    store = ProgressStore(tmp_path / "a" / "b" / "progress.json")
    assert store.answers("quiz") == {}
    store.record("quiz", "q1", True)
    store.record("quiz", "q2", False)
    assert ProgressStore(store.path).answers("quiz") == {"q1": True, "q2": False}
    assert json.loads(store.path.read_text())["version"] == 1


def test_write_is_atomic_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "progress.json")
    store.record("quiz", "q1", True)
    before = store.path.read_text()

    def crash(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.record("quiz", "q2", True)
    assert store.path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"], "no temporary file is left behind"


@pytest.mark.parametrize("content", [b"{not json", b'{"version": 99, "quizzes": {}}', b"\xff\xfe",
                                     b'{"version": 1, "quizzes": {"q": {"a": "yes"}}}'])
def test_corrupt_file_is_set_aside_with_a_note_never_lost(tmp_path, content):
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    store = ProgressStore(path)
    assert store.answers("quiz") == {}
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("progress.unreadable-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert str(kept[0]) in store.notice and "Nothing was deleted" in store.notice
    store.record("quiz", "q1", True)
    assert store.answers("quiz") == {"q1": True}


def test_two_stores_on_one_file_do_not_undo_each_other(tmp_path):
    first, second = ProgressStore(tmp_path / "p.json"), ProgressStore(tmp_path / "p.json")
    first.record("quiz", "q1", True)
    second.record("quiz", "q2", True)
    assert first.answers("quiz") == {"q1": True, "q2": True}


def test_reset_clears_and_tells_listeners(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    calls = []
    store.on_change(lambda: calls.append(1))
    store.record("quiz", "q1", True)
    store.reset()
    assert store.answers("quiz") == {} and len(calls) == 2


def test_summary_counts_only_questions_still_in_the_bank():
    quizzes = load_all()
    first = quizzes[0]
    data = {"version": 1, "quizzes": {first.quiz: {first.questions[0].id: True, first.questions[1].id: False,
                                                   "removed-question": True}}}
    summary = summarise(quizzes, data)
    total = sum(len(q.questions) for q in quizzes)
    assert summary["rows"][0] == {"quiz": first.quiz, "title": first.title, "right": 1,
                                  "total": len(first.questions), "started": True}
    assert (summary["right"], summary["total"], summary["percent"]) == (1, total, 100 // total)
