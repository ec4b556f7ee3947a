"""The twitch diary's storage: validation, SQLite transactions, migrations, a killed writer,
two writers at once, and CSV export and import."""
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta

import pytest

from twitchcourse.diary import FIELDS, MIGRATIONS, Diary, DiaryError, check, from_csv, to_csv

GOOD = {"when": "2026-11-20T08:30", "areas": ["calf", "eyelid"], "duration": "minutes", "strength": 2,
        "coffee": 3, "tea": 0, "energy_drinks": 0, "sleep_hours": 6.5, "stress": 7, "exercise": True,
        "new_medicines": False, "notes": "After a long run", "weakness_worse": False, "speech_swallow": False,
        "wasting": False, "numbness": False}


@pytest.mark.parametrize("change, field, message", [
    ({"when": (datetime.now() + timedelta(days=1)).isoformat()}, "when", "this date and time is in the future"),
    ({"when": "yesterday"}, "when", "is not a date and time"),
    ({"strength": 6}, "strength", "must be 5 or less"),
    ({"strength": 0}, "strength", "must be 1 or more"),
    ({"coffee": -1}, "coffee", "must be 0 or more"),
    ({"sleep_hours": 30}, "sleep_hours", "must be 16 or less"),
    ({"stress": 11}, "stress", "must be 10 or less"),
    ({"areas": []}, "areas", "choose at least one"),
    ({"areas": ["elbow"]}, "areas", "is not one of the choices"),
    ({"notes": "x" * 1001}, "notes", "must be 1000 characters or fewer"),
    ({"strength": "strong"}, "strength", "must be a whole number"),
])
def test_bad_input_names_the_field_and_is_never_saved(tmp_path, change, field, message):
    diary = Diary(tmp_path / "d.sqlite3")
    with pytest.raises(DiaryError) as error:
        diary.add({**GOOD, **change})
    assert error.value.problems[field] == message
    assert diary.entries() == []


def test_every_wrong_field_is_reported_at_once():
    with pytest.raises(DiaryError) as error:
        check({**GOOD, "strength": 9, "coffee": -2})
    assert set(error.value.problems) == {"strength", "coffee"}


def test_add_edit_delete_and_reopen(tmp_path):
    path = tmp_path / "d.sqlite3"
    diary = Diary(path)
    first = diary.add(GOOD)
    second = diary.add({**GOOD, "when": "2026-11-21T09:00", "strength": 4})
    diary.edit(first, {**GOOD, "notes": "edited"})
    diary.delete(second)
    diary.close()
    [entry] = Diary(path).entries()
    assert entry["notes"] == "edited" and entry["areas"] == ["eyelid", "calf"] and entry["exercise"] is True


def test_an_old_diary_is_migrated_without_losing_entries(tmp_path):
    path = tmp_path / "d.sqlite3"
    old = sqlite3.connect(path)
    old.execute(MIGRATIONS[0])
    old.execute("PRAGMA user_version = 1")
    columns = ", ".join(f'"{f}"' for f in FIELDS)
    old.execute(f"INSERT INTO entries ({columns}) VALUES ({', '.join('?' * len(FIELDS))})",
                ["2026-11-01T10:00", '["calf"]', "seconds", 1, 0, 0, 0, 8, 2, 0, 0, "", 0, 0, 0, 0])
    old.commit()
    old.close()
    diary = Diary(path)
    with diary.reading() as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [e["when"] for e in diary.entries()] == ["2026-11-01T10:00"]
    diary.add_question("Do you find any weakness?")
    assert diary.questions() == ["Do you find any weakness?"]


WRITER = textwrap.dedent("""
    import sys
    from twitchcourse.diary import Diary
    diary = Diary(sys.argv[1])
    for n in range(int(sys.argv[2])):
        diary.add({"when": f"2026-10-{1 + n % 28:02d}T08:00", "areas": ["calf"], "duration": "seconds",
                   "strength": 1 + n % 5, "sleep_hours": 7, "stress": 3, "notes": f"{sys.argv[3]} {n}"})
        print(n, flush=True)
""")


def test_a_killed_writer_loses_no_confirmed_entry(tmp_path):
    path = tmp_path / "d.sqlite3"
    Diary(path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "100000", "killed"],
                              stdout=subprocess.PIPE, text=True)
    confirmed = [int(writer.stdout.readline()) for _ in range(200)]  # 200 saves confirmed
    writer.kill()  # SIGKILL, mid-way through later saves
    writer.wait()
    diary = Diary(path)
    with diary.reading() as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    notes = {e["notes"] for e in diary.entries()}
    assert {f"killed {n}" for n in confirmed} <= notes


def test_two_writers_at_once_do_not_corrupt_the_diary(tmp_path):
    path = tmp_path / "d.sqlite3"
    Diary(path).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "150", name], stdout=subprocess.DEVNULL)
               for name in ("first", "second")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    diary = Diary(path)
    with diary.reading() as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(diary.entries()) == 300


def test_csv_round_trip_and_spreadsheet_safety(tmp_path):
    diary = Diary(tmp_path / "d.sqlite3")
    diary.add({**GOOD, "notes": '=HYPERLINK("http://x")'})
    diary.add({**GOOD, "when": "2026-11-21T09:00", "notes": "@SUM(A1) <b>bold</b>"})
    text = to_csv(diary.entries())
    assert "'=HYPERLINK" in text and "'@SUM" in text
    for line in text.splitlines()[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.split(","))
    copy = Diary(tmp_path / "copy.sqlite3")
    copy.add_entries(from_csv(text))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
    assert strip(copy.entries()) == strip(diary.entries())


@pytest.mark.parametrize("mangle, where, problem", [
    (lambda t: t.replace("strength", "strenght", 1), "diary.csv", "header"),
    (lambda t: t.replace(",2,", ",9,", 1), "diary.csv: row 2", "strength"),
    (lambda t: t.replace(",yes,", ",maybe,", 1), "diary.csv: row 2", "exercise"),
    (lambda t: t + "2026-11-01T10:00,calf\n", "diary.csv: row 3", "row"),
])
def test_a_malformed_csv_fails_with_row_and_column(tmp_path, mangle, where, problem):
    diary = Diary(tmp_path / "d.sqlite3")
    diary.add(GOOD)
    with pytest.raises(DiaryError) as error:
        from_csv(mangle(to_csv(diary.entries())))
    assert str(error.value).startswith(where) and problem in error.value.problems
