"""A learner's quiz progress in JupyterLab, kept in SQLite in their data folder (see store.py).

One row per question: the latest check of that question was right (1) or not (0). Each
answer is saved in its own transaction, so two open notebooks never undo each other.

load() gives the same shape the book keeps in localStorage, and that earlier versions of
the course kept in progress.json (which is imported once, then set aside):
    {"version": 1, "quizzes": {"<quiz id>": {"<question id>": true|false}}}
valid_progress() is the rule for that shape; validProgress() in twitchcourse.js is the same
rule, and tests run both on the same fixtures.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from .store import SQLiteStore, StoreError, keep_aside

VERSION = 1
FILE_NAME = "progress.sqlite3"
OLD_FILE_NAME = "progress.json"  # before the SQLite store
OLD_FILE_LIMIT = 20_000_000  # bytes; a real progress file is a few kilobytes
MIGRATIONS = [
    "CREATE TABLE answers (quiz TEXT NOT NULL, question TEXT NOT NULL, correct INTEGER NOT NULL, "
    "PRIMARY KEY (quiz, question))",
]


def default_path() -> Path:
    # TWITCHCOURSE_DATA_DIR lets tests and notebook re-runs use a scratch folder
    # instead of the learner's real progress.
    folder = os.environ.get("TWITCHCOURSE_DATA_DIR") or platformdirs.user_data_dir("twitchcourse", appauthor=False)
    return Path(folder) / FILE_NAME


def valid_progress(data: object) -> bool:
    """The shape above, exactly: version is the number 1 (JSON cannot tell 1 from 1.0, but true is
    not 1), the quizzes and each quiz's answers are objects, answers are true or false."""
    version = data.get("version") if isinstance(data, dict) else None
    return (
        isinstance(data, dict)
        and type(version) in (int, float) and version == VERSION
        and isinstance(data.get("quizzes"), dict)
        and all(
            isinstance(answers, dict) and all(isinstance(v, bool) for v in answers.values())
            for answers in data["quizzes"].values()
        )
    )


def _empty() -> dict:
    return {"version": VERSION, "quizzes": {}}


class ProgressStore(SQLiteStore):
    def __init__(self, path: Path | None = None):
        super().__init__(Path(path) if path else default_path(), MIGRATIONS, "quiz progress")
        self._listeners: list = []

    def before_first_use(self, db) -> None:
        """Import an older course's progress.json once; then set it aside (never deleted)."""
        old = self.path.with_name(OLD_FILE_NAME)
        if not os.path.lexists(old):
            return
        try:
            if os.path.getsize(old) > OLD_FILE_LIMIT:
                raise ValueError("too large")
            data = json.loads(old.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # another notebook imported it just now
        except OSError:
            return  # e.g. too many open files: try again next time, keep the file as it is
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deeply, too large
            data = None
        readable = valid_progress(data)
        if readable:
            rows = [(quiz, question, int(correct)) for quiz, answers in data["quizzes"].items()
                    for question, correct in answers.items()]
            db.execute("BEGIN IMMEDIATE")
            try:
                # Answers already in the database are newer than the old file's: keep them.
                db.executemany("INSERT OR IGNORE INTO answers VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        try:  # after the commit: a crash here leaves the file, and importing it again changes nothing
            kept = keep_aside(old, "imported" if readable else "unreadable")
        except OSError:  # moved by another notebook, or a read-only folder: importing again changes nothing
            return
        if not readable:
            self.notice = (f"Your saved progress file could not be read, so it was set aside as {kept} "
                           "and progress starts again. Nothing was deleted.")

    def load(self) -> dict:
        """Every saved answer; if the store cannot be read, none, with a note saying why."""
        try:
            with self.reading() as db:
                rows = db.execute("SELECT quiz, question, correct FROM answers").fetchall()
        except StoreError as error:
            self.notice = str(error)
            return _empty()
        data = _empty()
        for quiz, question, correct in rows:
            data["quizzes"].setdefault(quiz, {})[question] = bool(correct)
        return data

    def record(self, quiz_id: str, question_id: str, correct: bool) -> None:
        """Save one answer; raises StoreError (an OSError) with a plain message if it cannot."""
        self._change("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (quiz_id, question_id, int(bool(correct))))

    def answers(self, quiz_id: str) -> dict[str, bool]:
        return dict(self.load()["quizzes"].get(quiz_id, {}))

    def reset(self) -> None:
        self._change("DELETE FROM answers")

    def _change(self, sql: str, params=()) -> None:
        try:
            with self.writing() as db:
                db.execute(sql, params)
        except StoreError as error:
            self.notice = str(error)
            raise
        for listener in self._listeners:
            listener()

    def on_change(self, listener) -> None:
        self._listeners.append(listener)


_shared: ProgressStore | None = None


def shared_store() -> ProgressStore:
    """One store per kernel, so every quiz and progress panel in it stays in step."""
    global _shared
    if _shared is None:
        _shared = ProgressStore()
    return _shared


def summarise(quizzes, data: dict) -> dict:
    """Right answers per quiz and for the course; the book's script counts the same way.

    Only questions still in the bank count, so a removed question never inflates a score.
    """
    rows = []
    for quiz in quizzes:
        answers = data["quizzes"].get(quiz.quiz, {})
        right = sum(answers.get(q.id) is True for q in quiz.questions)
        rows.append({"quiz": quiz.quiz, "title": quiz.topic, "right": right, "total": len(quiz.questions),
                     "started": any(q.id in answers for q in quiz.questions)})
    right = sum(r["right"] for r in rows)
    total = sum(r["total"] for r in rows)
    return {"rows": rows, "right": right, "total": total, "percent": right * 100 // total if total else 0}
