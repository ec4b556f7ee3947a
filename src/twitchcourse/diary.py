"""The twitch diary's storage: entries checked field by field, kept in SQLite, exported and
imported as CSV.

SQLite (the standard library's sqlite3) in the learner's data folder: each change is one
transaction, so an entry is either fully saved or not at all, even if the kernel is
killed mid-save. WAL mode and a busy timeout let two open notebooks write to the same
diary without corrupting it. The schema version is SQLite's user_version; MIGRATIONS
brings an older diary up to date, each step in one transaction.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .levels import sign_label

AREAS = ["eyelid", "face", "tongue", "neck", "shoulder", "arm", "hand", "chest", "back", "stomach",
         "thigh", "calf", "foot", "all over"]
DURATIONS = ["seconds", "minutes", "hours", "most of the day"]
# Each red-flag question of the diary is one sign of the course's levels of help, worded
# as the levels data words it (see levels.py), so the diary never restates the advice.
RED_FLAG_SIGNS = {"weakness_worse": "weakness-getting-worse", "speech_swallow": "speech-or-swallowing-slowly",
                  "wasting": "thinner-muscle", "numbness": "numbness-spreading-or-lasting"}
RED_FLAGS = {column: sign_label(sign) for column, sign in RED_FLAG_SIGNS.items()}
NOTES_LIMIT = 1000
FIELDS = ["when", "areas", "duration", "strength", "coffee", "tea", "energy_drinks", "sleep_hours", "stress",
          "exercise", "new_medicines", "notes", *RED_FLAGS]

MIGRATIONS = [
    # 1: entries
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        "when" TEXT NOT NULL, areas TEXT NOT NULL, duration TEXT NOT NULL, strength INTEGER NOT NULL,
        coffee INTEGER NOT NULL, tea INTEGER NOT NULL, energy_drinks INTEGER NOT NULL,
        sleep_hours REAL NOT NULL, stress INTEGER NOT NULL, exercise INTEGER NOT NULL,
        new_medicines INTEGER NOT NULL, notes TEXT NOT NULL,
        weakness_worse INTEGER NOT NULL, speech_swallow INTEGER NOT NULL, wasting INTEGER NOT NULL,
        numbness INTEGER NOT NULL)""",
    # 2: the learner's questions for the doctor
    "CREATE TABLE questions (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
]


class DiaryError(ValueError):
    """Input that cannot be saved; `.problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str], where: str = ""):
        self.problems = problems
        super().__init__((where + ": " if where else "") + "; ".join(f"{k}: {v}" for k, v in problems.items()))


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    when: datetime
    areas: list[Literal[tuple(AREAS)]] = Field(min_length=1)
    duration: Literal[tuple(DURATIONS)]
    strength: int = Field(ge=1, le=5)
    coffee: int = Field(0, ge=0, le=20)
    tea: int = Field(0, ge=0, le=20)
    energy_drinks: int = Field(0, ge=0, le=20)
    sleep_hours: float = Field(ge=0, le=16)
    stress: int = Field(ge=0, le=10)
    exercise: bool = False
    new_medicines: bool = False
    notes: str = Field("", max_length=NOTES_LIMIT)
    weakness_worse: bool = False
    speech_swallow: bool = False
    wasting: bool = False
    numbness: bool = False

    @field_validator("when")
    @classmethod
    def _not_in_the_future(cls, value: datetime) -> datetime:
        now = datetime.now(value.tzinfo)
        if value > now + timedelta(minutes=5):  # a little leeway for a slow clock
            raise ValueError("this date and time is in the future")
        return value

    @field_validator("areas")
    @classmethod
    def _each_area_once(cls, value: list[str]) -> list[str]:
        return sorted(set(value), key=AREAS.index)


MESSAGES = {  # plain words for the learner, by pydantic error type
    "greater_than_equal": "must be {ge} or more", "less_than_equal": "must be {le} or less",
    "too_short": "choose at least one", "string_too_long": f"must be {NOTES_LIMIT} characters or fewer",
    "missing": "is required", "literal_error": "is not one of the choices",
    "int_parsing": "must be a whole number", "float_parsing": "must be a number",
    "datetime_parsing": "is not a date and time", "datetime_from_date_parsing": "is not a date and time",
}


def check(data: dict, where: str = "") -> Entry:
    """An Entry from raw input, or DiaryError naming every field that is wrong."""
    try:
        return Entry.model_validate(data)
    except ValidationError as error:
        problems = {}
        for e in error.errors():
            field = str(e["loc"][0]) if e["loc"] else "entry"
            template = MESSAGES.get(e["type"])
            ctx = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in e.get("ctx", {}).items()}
            problems.setdefault(field, template.format(**ctx) if template
                                else e["msg"].removeprefix("Value error, "))
        raise DiaryError(problems, where) from None


def default_path() -> Path:
    folder = os.environ.get("TWITCHCOURSE_DATA_DIR") or platformdirs.user_data_dir("twitchcourse", appauthor=False)
    return Path(folder) / "diary.sqlite3"


class Diary:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: every change below opens and commits its own transaction
        self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a confirmed save survives a crash
        self._migrate()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, sql in enumerate(MIGRATIONS[version:], version + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self.db.execute("PRAGMA user_version").fetchone()[0] < number:  # another notebook may have
                    self.db.execute(sql)
                    self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _write(self, sql: str, params=()) -> int:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            cursor = self.db.execute(sql, params)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return cursor.lastrowid

    @staticmethod
    def _row(entry: Entry) -> list:
        values = entry.model_dump()
        values["when"] = entry.when.isoformat(timespec="minutes")
        values["areas"] = json.dumps(entry.areas)
        return [values[f] for f in FIELDS]

    INSERT = f"""INSERT INTO entries ({', '.join(f'"{f}"' for f in FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"""

    def add(self, data: dict) -> int:
        """Check and save one entry; returns its id once it is safely stored."""
        return self._write(self.INSERT, self._row(check(data)))

    def add_entries(self, entries: list[Entry]) -> None:
        """Save checked entries (an import) in one transaction: all of them or none."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(self.INSERT, [self._row(e) for e in entries])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def edit(self, entry_id: int, data: dict) -> None:
        assignments = ", ".join(f'"{f}" = ?' for f in FIELDS)
        self._write(f"UPDATE entries SET {assignments} WHERE id = ?", [*self._row(check(data)), entry_id])

    def delete(self, entry_id: int) -> None:
        self._write("DELETE FROM entries WHERE id = ?", (entry_id,))

    def entries(self) -> list[dict]:
        columns = ", ".join(f'"{f}"' for f in FIELDS)
        rows = self.db.execute(f'SELECT id, {columns} FROM entries ORDER BY "when", id').fetchall()
        result = []
        for row in rows:
            entry = dict(zip(["id", *FIELDS], row))
            entry["areas"] = json.loads(entry["areas"])
            for flag in ("exercise", "new_medicines", *RED_FLAGS):
                entry[flag] = bool(entry[flag])
            result.append(entry)
        return result

    def add_question(self, text: str) -> int:
        text = text.strip()
        if not text or len(text) > 300:
            raise DiaryError({"question": "write a question of 1 to 300 characters"})
        return self._write("INSERT INTO questions (text) VALUES (?)", (text,))

    def questions(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT text FROM questions ORDER BY id")]

    def close(self) -> None:
        self.db.close()


# A cell starting with one of these can run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value: str) -> str:
    return "'" + value if value[:1] in FORMULA_STARTS else value


def to_csv(entries: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for entry in entries:
        cells = []
        for field in FIELDS:
            value = entry[field]
            if field == "areas":
                value = "; ".join(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            cells.append(_spreadsheet_safe(str(value)))
        writer.writerow(cells)
    return out.getvalue()


def from_csv(text: str, name: str = "diary.csv") -> list[Entry]:
    """Entries from a CSV the diary exported; DiaryError names the row and column of each problem."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != FIELDS:
        missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
        extra = [f for f in (reader.fieldnames or []) if f not in FIELDS]
        raise DiaryError({"header": f"missing columns {missing}, unknown columns {extra}"
                          if missing or extra else "columns are not in the diary's order"}, name)
    entries = []
    for number, row in enumerate(reader, start=2):  # row 1 is the header
        if None in row or any(v is None for v in row.values()):
            raise DiaryError({"row": "has a different number of cells than the header"}, f"{name}: row {number}")
        data = {}
        for field, cell in row.items():
            cell = cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell  # undo _spreadsheet_safe
            if field == "areas":
                data[field] = [a.strip() for a in cell.split(";") if a.strip()]
            elif field in ("exercise", "new_medicines", *RED_FLAGS):
                if cell not in ("yes", "no"):
                    raise DiaryError({field: "must be yes or no"}, f"{name}: row {number}")
                data[field] = cell == "yes"
            else:
                data[field] = cell
        entries.append(check(data, f"{name}: row {number}"))
    return entries


def example_entries() -> list[dict]:
    """A made-up, realistic three weeks of diary entries, for the book and the notebook tests."""
    days = [(1, ["calf"], 2, 3, 6.0, 7), (2, ["calf", "eyelid"], 3, 4, 5.5, 8), (4, ["eyelid"], 1, 2, 7.5, 4),
            (5, ["calf"], 2, 3, 6.5, 6), (8, ["calf", "thigh"], 3, 4, 5.0, 8), (9, ["calf"], 2, 2, 7.0, 5),
            (11, ["hand"], 1, 1, 8.0, 3), (13, ["calf"], 2, 3, 6.0, 6), (15, ["eyelid", "calf"], 2, 3, 6.5, 6),
            (16, ["calf"], 1, 1, 8.0, 2), (18, ["calf"], 1, 2, 7.5, 3), (20, ["thigh"], 1, 1, 8.5, 2)]
    return [{"when": f"2026-10-{day:02d}T{8 + n % 10:02d}:15", "areas": areas,
             "duration": "minutes" if strength > 1 else "seconds", "strength": strength,
             "coffee": cups, "tea": 1 if n % 3 == 0 else 0, "energy_drinks": 1 if cups >= 4 else 0,
             "sleep_hours": sleep, "stress": stress, "exercise": n % 4 == 1, "new_medicines": False,
             "notes": "Busy week at work" if stress >= 7 else "", "weakness_worse": False,
             "speech_swallow": False, "wasting": False, "numbness": False}
            for n, (day, areas, strength, cups, sleep, stress) in enumerate(days)]


def example_mode() -> bool:
    """True when the notebook must show the example diary (book builds, nbval, make execute)."""
    return os.environ.get("TWITCHCOURSE_EXAMPLE_DIARY") == "1"


# Questions by id and a de-duplicating import, for the JupyterLab form (issue 10). Each opens its
# own connection, so it works from whichever thread the kernel runs a widget's handler on.
from collections import Counter  # noqa: E402 (kept with the code that uses it)
from contextlib import closing  # noqa: E402


def _connection(diary: Diary) -> sqlite3.Connection:
    return sqlite3.connect(diary.path, timeout=10, isolation_level=None)


def question_rows(diary: Diary) -> list[tuple[int, str]]:
    with closing(_connection(diary)) as db:
        return db.execute("SELECT id, text FROM questions ORDER BY id").fetchall()


def edit_question(diary: Diary, question_id: int, text: str) -> None:
    text = text.strip()
    if not text or len(text) > 300:
        raise DiaryError({"question": "write a question of 1 to 300 characters"})
    with closing(_connection(diary)) as db:
        if db.execute("UPDATE questions SET text = ? WHERE id = ?", (text, question_id)).rowcount == 0:
            raise DiaryError({"question": "this question is no longer in the diary"})


def delete_question(diary: Diary, question_id: int) -> None:
    with closing(_connection(diary)) as db:
        db.execute("DELETE FROM questions WHERE id = ?", (question_id,))


def new_entries(diary: Diary, entries: list[Entry]) -> list[Entry]:
    """The entries not already in the diary (same fields, every one), so importing a file twice
    adds nothing the second time. A file's own repeated rows count as often as they appear."""
    have = Counter(tuple(Diary._row(check({f: e[f] for f in FIELDS}))) for e in diary.entries())
    fresh = []
    for entry in entries:
        key = tuple(Diary._row(entry))
        if have[key]:
            have[key] -= 1
        else:
            fresh.append(entry)
    return fresh
