"""A learner's quiz progress in JupyterLab: a small JSON file in their data folder.

Shape (the book keeps the same shape in localStorage):
    {"version": 1, "quizzes": {"<quiz id>": {"<question id>": true|false}}}
true means the learner's latest check of that question was right.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import platformdirs

VERSION = 1
FILE_NAME = "progress.json"


def default_path() -> Path:
    # TWITCHCOURSE_DATA_DIR lets tests and notebook re-runs use a scratch folder
    # instead of the learner's real progress.
    folder = os.environ.get("TWITCHCOURSE_DATA_DIR") or platformdirs.user_data_dir("twitchcourse", appauthor=False)
    return Path(folder) / FILE_NAME


def _valid(data: object) -> bool:
    return (
        isinstance(data, dict)
        and data.get("version") == VERSION
        and isinstance(data.get("quizzes"), dict)
        and all(
            isinstance(answers, dict) and all(isinstance(v, bool) for v in answers.values())
            for answers in data["quizzes"].values()
        )
    )


class ProgressStore:
    """Reads fresh from disk before each change, so two open notebooks do not undo each other."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.notice = ""  # a message for the learner, e.g. that a corrupt file was set aside
        self._listeners: list = []

    def load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"version": VERSION, "quizzes": {}}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if _valid(data):
            return data
        # Never crash and never delete: keep the unreadable file beside it for the learner.
        kept = self.path.with_name(f"{self.path.stem}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}.json")
        os.replace(self.path, kept)
        self.notice = (
            f"Your saved progress file could not be read, so it was set aside as {kept} "
            "and progress starts again. Nothing was deleted."
        )
        return {"version": VERSION, "quizzes": {}}

    def _write(self, data: dict) -> None:
        # Write to a temporary file in the same folder, then rename: a crash
        # mid-write leaves the old file whole, never half a file.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for listener in self._listeners:
            listener()

    def record(self, quiz_id: str, question_id: str, correct: bool) -> None:
        data = self.load()
        data["quizzes"].setdefault(quiz_id, {})[question_id] = bool(correct)
        self._write(data)

    def answers(self, quiz_id: str) -> dict[str, bool]:
        return dict(self.load()["quizzes"].get(quiz_id, {}))

    def reset(self) -> None:
        self._write({"version": VERSION, "quizzes": {}})

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
        rows.append({"quiz": quiz.quiz, "title": quiz.title, "right": right, "total": len(quiz.questions),
                     "started": any(q.id in answers for q in quiz.questions)})
    right = sum(r["right"] for r in rows)
    total = sum(r["total"] for r in rows)
    return {"rows": rows, "right": right, "total": total, "percent": right * 100 // total if total else 0}
