"""Diary faults the learner must see in words: a newer diary refused, a damaged one set aside,
read-only or busy shown in the form, an edit of an entry deleted elsewhere, two notebooks creating
the diary at once, saving from another thread, plausible dates, and hostile CSV files."""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

import twitchcourse
from test_diary import GOOD
from test_progress import checkpoint
from twitchcourse.diary import Diary, DiaryError, check, from_csv, read_csv, to_csv
from support import filled
from twitchcourse.diary_widgets import DiaryWidget
from twitchcourse.store import SQLiteStore, StoreError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_diary_from_a_newer_course_is_refused_in_words_and_never_written(tmp_path):
    path = tmp_path / "diary.sqlite3"
    Diary(path).add(GOOD)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    before = digest(path)
    diary = Diary(path)
    assert "made by a newer version of this course" in diary.notice
    with pytest.raises(StoreError, match="newer version"):
        diary.add(GOOD)
    widget = DiaryWidget(diary)
    assert "newer version of this course" in widget.status.value
    filled(widget)
    widget.save.click()
    assert "Not saved." in widget.status.value and "newer version" in widget.status.value
    assert digest(path) == before


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_diary_is_set_aside_and_reported_in_words(tmp_path, damage):
    path = tmp_path / "diary.sqlite3"
    diary = Diary(path)
    diary.add_entries([check({**GOOD, "notes": f"entry {n} " + "x" * 200}) for n in range(200)])
    checkpoint(path)
    data = path.read_bytes()
    bad = b"this is not a diary" * 100 if damage == "garbage" else data[:len(data) // 3]
    path.write_bytes(bad)
    widget = DiaryWidget(Diary(path))
    assert "could not be read, so it was set aside as" in widget.status.value
    assert "Nothing was deleted" in widget.status.value
    [copy] = [p for p in tmp_path.iterdir() if p.name.startswith("diary.unreadable-") and p.suffix == ".sqlite3"]
    assert copy.read_bytes() == bad
    filled(widget)
    widget.save.click()
    assert "Saved." in widget.status.value and len(widget.diary.entries()) == 1


def test_a_busy_diary_shows_a_message_in_the_form(tmp_path, monkeypatch):
    monkeypatch.setattr(SQLiteStore, "TIMEOUT", 0.2)
    path = tmp_path / "diary.sqlite3"
    widget = DiaryWidget(Diary(path))
    other = sqlite3.connect(path, isolation_level=None)  # another program holding the diary
    other.execute("BEGIN EXCLUSIVE")
    try:
        filled(widget)
        widget.save.click()
        assert "Not saved." in widget.status.value and "another notebook or program is using it" in \
            widget.status.value
    finally:
        other.close()
    widget.save.click()
    assert "Saved." in widget.status.value


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_read_only_diary_shows_a_message_in_the_form(tmp_path, read_only):
    path = tmp_path / "data" / "diary.sqlite3"
    diary = Diary(path)
    diary.add(GOOD)
    diary.close()  # the last notebook closed it: no -wal or -shm file is left
    assert sorted(p.name for p in path.parent.iterdir()) == ["diary.sqlite3"]
    before = digest(path)
    (path if read_only == "file" else path.parent).chmod(0o444 if read_only == "file" else 0o555)
    script = textwrap.dedent("""
        import sys
        from datetime import datetime
        from twitchcourse.diary import Diary
        from twitchcourse.diary_widgets import DiaryWidget
        widget = DiaryWidget(Diary(sys.argv[1]))
        widget.inputs["when"].value = datetime(2026, 10, 5, 8, 30)
        widget.inputs["areas"].value = ("calf",)
        widget.save.click()
        print(widget.status.value)
    """)
    prefix = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
              if os.geteuid() == 0 and shutil.which("setpriv") else [])
    try:
        out = subprocess.run([*prefix, sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                             timeout=60)
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert out.returncode == 0, out.stderr
    assert "Not saved." in out.stdout and "read-only" in out.stdout, out.stdout
    assert digest(path) == before and len(Diary(path).entries()) == 1


def test_editing_an_entry_deleted_in_another_notebook_says_so(tmp_path):
    path = tmp_path / "diary.sqlite3"
    diary = Diary(path)
    entry = diary.add(GOOD)
    widget = DiaryWidget(diary)
    widget.pick.value = entry
    widget.edit.click()
    widget.inputs["notes"].value = "an important correction"
    Diary(path).delete(entry)  # the other notebook
    widget.save.click()
    assert "Changes saved" not in widget.status.value
    assert "no longer in your diary" in widget.status.value
    widget.save.click()  # what was typed is kept, and now saved as a new entry
    assert [e["notes"] for e in diary.entries()] == ["an important correction"]
    with pytest.raises(StoreError, match="already deleted"):
        diary.delete(entry)


CREATOR = textwrap.dedent("""
    import sys
    from twitchcourse.diary import Diary
    print("ready", flush=True)
    for path in iter(sys.stdin.readline, ""):  # every process opens the same new diary at once
        diary = Diary(path.strip())
        print(diary.notice or diary.add({"when": "2026-10-01T08:00", "areas": ["calf"], "duration": "seconds",
                                         "strength": 1, "sleep_hours": 7, "stress": 3}), flush=True)
""")


def test_two_notebooks_creating_a_new_diary_at_once_both_succeed(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", CREATOR], text=True, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE) for _ in range(4)]
    try:
        assert [p.stdout.readline() for p in procs] == ["ready\n"] * 4
        for round_ in range(15):  # the old code failed about one round in five
            for p in procs:
                p.stdin.write(f"{tmp_path / str(round_) / 'diary.sqlite3'}\n")
                p.stdin.flush()
            results = [p.stdout.readline().strip() for p in procs]
            assert sorted(results) == ["1", "2", "3", "4"], results
    finally:
        for p in procs:
            p.stdin.close()
            p.wait(timeout=30)


def test_the_diary_saves_edits_and_deletes_from_another_thread(tmp_path):
    path = tmp_path / "diary.sqlite3"
    diary = Diary(path)  # made on this thread, used on another, as ipykernel's subshells do
    kept = diary.add(GOOD)
    widget = DiaryWidget(diary)
    errors = []

    def elsewhere():
        try:
            gone = diary.add({**GOOD, "notes": "to delete"})
            diary.delete(gone)
            widget.pick.value = kept
            widget.edit.click()
            widget.inputs["notes"].value = "edited on another thread"
            widget.save.click()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join(30)
    assert not errors, errors
    assert "Changes saved." in widget.status.value
    assert [e["notes"] for e in Diary(path).entries()] == ["edited on another thread"]


@pytest.mark.parametrize("when, problem", [
    ("0001-01-01T00:00", "must be in 1900 or later"), ("1899-12-31T23:59", "must be in 1900 or later"),
    ("2099-01-01T00:00", "this date and time is in the future"), ("1900-01-01T00:00", None),
])
def test_only_plausible_dates(when, problem):
    if problem is None:
        assert check({**GOOD, "when": when}).when.year == 1900
    else:
        with pytest.raises(DiaryError) as error:
            check({**GOOD, "when": when})
        assert error.value.problems["when"] == problem


def exported(tmp_path, **changes):
    diary = Diary(tmp_path / "source.sqlite3")
    diary.add({**GOOD, **changes})
    return to_csv(diary.entries())


def test_a_csv_with_a_utf8_bom_imports(tmp_path):
    file = tmp_path / "diary.csv"
    file.write_bytes(b"\xef\xbb\xbf" + exported(tmp_path).encode())
    [entry] = read_csv(file)
    assert entry.notes == GOOD["notes"]


@pytest.mark.parametrize("content, where, problem", [
    (lambda text: text.encode("utf-16"), "diary.csv: row 1, column 1 (when)", "UTF-16"),
    (lambda text: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "diary.csv: row 1, column 1 (when)", "not UTF-8"),
    (lambda text: text.replace("After a long run", "caf\xe9").encode("latin-1"), "diary.csv: row 2, column 12 (notes)",
     "not UTF-8"),
    (lambda text: text.replace("After a long run", "x" * 200_000).encode(), "diary.csv: row 2, column 12 (notes)",
     "cannot be read"),
    (lambda text: text.replace("After a long run", "a\0b").encode(), "diary.csv: row 2, column 12 (notes)", "NUL"),
])
def test_a_csv_that_is_not_text_names_file_row_and_column(tmp_path, content, where, problem):
    file = tmp_path / "diary.csv"
    file.write_bytes(content(exported(tmp_path)))
    with pytest.raises(DiaryError) as error:
        read_csv(file)
    assert str(error.value).startswith(where + ": ") and problem in str(error.value), str(error.value)


@pytest.mark.parametrize("notes", ["'=not a formula, I typed the apostrophe", "''=two", "'", "''", "'+1", "'-",
                                   "'hello", "=SUM(A1)", "-5 and more", "'\t"])
def test_every_note_round_trips_exactly_through_csv(tmp_path, notes):
    [entry] = from_csv(exported(tmp_path, notes=notes))
    assert entry.notes == notes


def test_importing_the_same_csv_twice_adds_each_entry_once(tmp_path, monkeypatch):
    source = Diary(tmp_path / "a.sqlite3")
    source.add(GOOD)
    source.add({**GOOD, "when": "2026-11-21T09:00"})
    text = to_csv(source.entries())
    target = Diary(tmp_path / "b.sqlite3")
    assert target.add_entries(from_csv(text)) == 2
    assert target.add_entries(from_csv(text)) == 0
    assert len(target.entries()) == 2
    (tmp_path / "diary.csv").write_text(text)
    shown = []
    monkeypatch.setattr(twitchcourse, "display", lambda item, **options: shown.append(item))
    twitchcourse.import_diary_csv(target, str(tmp_path / "diary.csv"))
    assert shown[0].data == "<p>Imported 0 entries from diary.csv. 2 were already in your diary and were not " \
                            "added again.</p>"
