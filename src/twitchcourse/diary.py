"""The twitch diary's storage: entries checked field by field, kept in SQLite, exported and
imported as CSV.

The file is kept by store.SQLiteStore, the same mechanism as quiz progress: SQLite in the
learner's data folder, one transaction per change (an entry is fully saved or not at all,
even if the kernel is killed mid-save), WAL so two open notebooks can write at once, a
connection per operation so any thread can save, MIGRATIONS by user_version, a diary
from a newer course refused, and a damaged file set aside with a note.
"""
from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .levels import sign_label
from .store import SQLiteStore, StoreError

AREAS = ["eyelid", "face", "tongue", "neck", "shoulder", "arm", "hand", "chest", "back", "stomach",
         "thigh", "calf", "foot", "all over"]
DURATIONS = ["seconds", "minutes", "hours", "most of the day"]
# Each red-flag question of the diary is one sign of the course's levels of help, worded
# as the levels data words it (see levels.py), so the diary never restates the advice.
RED_FLAG_SIGNS = {"weakness_worse": "weakness-getting-worse", "speech_swallow": "speech-or-swallowing-slowly",
                  "wasting": "thinner-muscle", "numbness": "numbness-spreading-or-lasting"}
RED_FLAGS = {column: sign_label(sign) for column, sign in RED_FLAG_SIGNS.items()}
NOTES_LIMIT = 1000
FIRST_YEAR = 1900  # an earlier date is a typing mistake
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
    # 3: ids are never reused, so an edit from a notebook still showing a deleted entry can
    # never land on a newer entry that took its id
    """CREATE TABLE new_entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        "when" TEXT NOT NULL, areas TEXT NOT NULL, duration TEXT NOT NULL, strength INTEGER NOT NULL,
        coffee INTEGER NOT NULL, tea INTEGER NOT NULL, energy_drinks INTEGER NOT NULL,
        sleep_hours REAL NOT NULL, stress INTEGER NOT NULL, exercise INTEGER NOT NULL,
        new_medicines INTEGER NOT NULL, notes TEXT NOT NULL,
        weakness_worse INTEGER NOT NULL, speech_swallow INTEGER NOT NULL, wasting INTEGER NOT NULL,
        numbness INTEGER NOT NULL);
    INSERT INTO new_entries SELECT * FROM entries;
    DROP TABLE entries;
    ALTER TABLE new_entries RENAME TO entries""",
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
    def _plausible(cls, value: datetime) -> datetime:
        now = datetime.now(value.tzinfo)
        if value > now + timedelta(minutes=5):  # a little leeway for a slow clock
            raise ValueError("this date and time is in the future")
        if value.year < FIRST_YEAR:
            raise ValueError(f"must be in {FIRST_YEAR} or later")
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


class EntryGone(StoreError):
    """The entry is no longer in the diary (deleted, perhaps in another notebook)."""


class Diary(SQLiteStore):
    """The learner's diary: one SQLite file (see store.py). Every method may raise StoreError,
    whose message is meant for the learner; input that cannot be saved raises DiaryError."""

    def __init__(self, path: Path | None = None):
        super().__init__(Path(path) if path else default_path(), MIGRATIONS, "diary")
        try:  # open it now, so that a note (a damaged file set aside, a newer diary) shows at once
            with self.reading():
                pass
        except StoreError as error:
            self.notice = str(error)

    @staticmethod
    def _row(entry: Entry) -> list:
        values = entry.model_dump()
        values["when"] = entry.when.isoformat(timespec="minutes")
        values["areas"] = json.dumps(entry.areas)
        return [values[f] for f in FIELDS]

    INSERT = f"""INSERT INTO entries ({', '.join(f'"{f}"' for f in FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"""
    COLUMNS = ", ".join(f'"{f}"' for f in FIELDS)

    def add(self, data: dict) -> int:
        """Check and save one entry; returns its id once it is safely stored."""
        row = self._row(check(data))
        with self.writing() as db:
            return db.execute(self.INSERT, row).lastrowid

    def add_entries(self, entries: list[Entry]) -> int:
        """Save checked entries (an import) in one transaction: all of them or none.

        An entry the diary already has, field for field, is skipped, so importing the same file
        twice does not double the diary. Returns how many were added."""
        rows = [self._row(e) for e in entries]
        with self.writing() as db:
            have = {tuple(r) for r in db.execute(f"SELECT {self.COLUMNS} FROM entries")}
            new = [r for r in rows if tuple(r) not in have]
            db.executemany(self.INSERT, new)
        return len(new)

    def edit(self, entry_id: int, data: dict) -> None:
        row = self._row(check(data))
        assignments = ", ".join(f'"{f}" = ?' for f in FIELDS)
        with self.writing() as db:
            changed = db.execute(f"UPDATE entries SET {assignments} WHERE id = ?", [*row, entry_id]).rowcount
        if not changed:
            raise EntryGone("This entry is no longer in your diary (it was deleted, perhaps in another "
                            "notebook), so your changes were not saved. You can add them as a new entry.")

    def delete(self, entry_id: int) -> None:
        with self.writing() as db:
            changed = db.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount
        if not changed:
            raise EntryGone("This entry was already deleted, perhaps in another notebook.")

    def entries(self) -> list[dict]:
        with self.reading() as db:
            rows = db.execute(f'SELECT id, {self.COLUMNS} FROM entries ORDER BY "when", id').fetchall()
        result = []
        for row in rows:
            entry = dict(zip(["id", *FIELDS], row))
            entry["areas"] = json.loads(entry["areas"])
            for flag in ("exercise", "new_medicines", *RED_FLAGS):
                entry[flag] = bool(entry[flag])
            result.append(entry)
        return result

    def add_question(self, text: str) -> int:
        text = text.strip() if isinstance(text, str) else ""
        if not text or len(text) > 300:
            raise DiaryError({"question": "write a question of 1 to 300 characters"})
        with self.writing() as db:
            return db.execute("INSERT INTO questions (text) VALUES (?)", (text,)).lastrowid

    def questions(self) -> list[str]:
        with self.reading() as db:
            return [row[0] for row in db.execute("SELECT text FROM questions ORDER BY id")]


# A cell starting with one of these can run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_LIMIT = 50_000_000  # bytes: far more than a lifetime of entries (a year of daily entries is ~60 kB)


def _spreadsheet_safe(value: str) -> str:
    # A leading ' stops a formula; a value that itself starts with ' and a character that
    # import would unquote gets one more, so that every note comes back exactly.
    quoted = value[:1] == "'" and value[1:2] in (*FORMULA_STARTS, "'")
    return "'" + value if value[:1] in FORMULA_STARTS or quoted else value


def _unquote(cell: str) -> str:
    """Undo _spreadsheet_safe."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in (*FORMULA_STARTS, "'") else cell


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


def _cell_at(text: str) -> tuple[int, int]:
    """(row, column), from 1, where text (the start of a CSV file) ends."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or text.endswith(("\n", "\r")):
        return len(rows) + 1, 1
    return len(rows), max(len(rows[-1]), 1)


def _where_cell(name: str, row: int, column: int) -> str:
    field = f" ({FIELDS[column - 1]})" if column <= len(FIELDS) else ""
    return f"{name}: row {row}, column {column}{field}"


def read_csv(path) -> list[Entry]:
    """Entries from a CSV file; DiaryError names the file, row and column of any problem
    (also for a file that is not UTF-8 text, such as a picture or a UTF-16 file, or is too large)."""
    path = Path(path)
    try:
        if path.stat().st_size > CSV_LIMIT:
            raise DiaryError({"file": f"is larger than {CSV_LIMIT // 1_000_000} MB, too large for a diary"}, path.name)
        data = path.read_bytes()
    except OSError as error:
        raise DiaryError({"file": f"could not be read ({error.strerror or error})"}, path.name) from None
    try:
        text = data.decode("utf-8-sig")  # a BOM is what spreadsheet programs write
    except UnicodeDecodeError as error:
        row, column = _cell_at(data[:error.start].decode("utf-8", "replace"))
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise DiaryError({"file": "is not UTF-8 text" + (" (it is UTF-16: save it as 'CSV UTF-8')" if utf16 else
                                                         " (is it a CSV file?)")},
                         _where_cell(path.name, row, column)) from None
    return from_csv(text, path.name)


def from_csv(text: str, name: str = "diary.csv") -> list[Entry]:
    """Entries from a CSV the diary exported; DiaryError names the row and column of each problem."""
    if "\0" in text:
        row, column = _cell_at(text[:text.index("\0")])
        raise DiaryError({"file": "has a NUL character: it is not a CSV file"}, _where_cell(name, row, column))
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        return _entries(reader, name)
    except csv.Error as error:  # e.g. a cell longer than the csv module's limit (128 KiB)
        row, column = _long_cell(text.removeprefix("\ufeff"))
        raise DiaryError({"cell": f"cannot be read ({error})"}, _where_cell(name, row, column)) from None


def _long_cell(text: str) -> tuple[int, int]:
    """(row, column) of the first cell longer than the csv module allows, counting quotes as CSV does."""
    limit, row, column, length, quoted, i = csv.field_size_limit(), 1, 1, 0, False, 0
    while i < len(text) and length <= limit:
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1:i + 2] == '"':
                i += 1
            elif char == '"':
                quoted = False
            length += 1
        elif char == '"':
            quoted = True
        elif char == ",":
            column, length = column + 1, 0
        elif char in "\r\n":
            if char == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
            row, column, length = row + 1, 1, 0
        else:
            length += 1
        i += 1
    return row, column


def _entries(reader: csv.DictReader, name: str) -> list[Entry]:
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
            cell = _unquote(cell)
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


# Questions by id and a de-duplicating import preview, for the JupyterLab form (issue 10).
# They go through the diary's store, so they work from any thread and its errors read as words.


def question_rows(diary: Diary) -> list[tuple[int, str]]:
    with diary.reading() as db:
        return db.execute("SELECT id, text FROM questions ORDER BY id").fetchall()


def edit_question(diary: Diary, question_id: int, text: str) -> None:
    text = text.strip()
    if not text or len(text) > 300:
        raise DiaryError({"question": "write a question of 1 to 300 characters"})
    with diary.writing() as db:
        if db.execute("UPDATE questions SET text = ? WHERE id = ?", (text, question_id)).rowcount == 0:
            raise DiaryError({"question": "this question is no longer in the diary"})


def delete_question(diary: Diary, question_id: int) -> None:
    with diary.writing() as db:
        db.execute("DELETE FROM questions WHERE id = ?", (question_id,))


def new_entries(diary: Diary, entries: list[Entry]) -> list[Entry]:
    """The entries an import would add: those the diary does not already have, field for field
    (the rule add_entries applies), so the form's preview counts what the import will do."""
    with diary.reading() as db:
        have = {tuple(r) for r in db.execute(f"SELECT {Diary.COLUMNS} FROM entries")}
    return [e for e in entries if tuple(Diary._row(e)) not in have]
