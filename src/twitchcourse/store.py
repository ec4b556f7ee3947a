"""The one mechanism that keeps a learner's data: a SQLite file in their data folder.

Quiz progress (progress.py) and the twitch diary (diary.py) each keep one such file.
- Every change is one transaction (BEGIN IMMEDIATE ... COMMIT) in WAL mode with
  synchronous=FULL: two notebooks writing at once lose nothing, and a kernel killed at
  any point loses nothing that was confirmed.
- A connection is opened for each operation, so any thread may use the store (ipykernel
  runs widget callbacks on other threads; a sqlite3 connection belongs to one thread).
- The schema version is SQLite's user_version; MIGRATIONS bring an older file up to date.
  A file from a newer version of the course is refused, never written into.
- A file SQLite cannot read (not a database, damaged) is moved aside under a name that
  is never reused, the learner gets a note saying where, and a fresh file is started.
- Everything else that goes wrong (read-only, busy, a missing folder) becomes StoreError
  with a plain message, and nothing is set aside.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from pathlib import Path

CORRUPT = ("file is not a database", "database disk image is malformed", "malformed database schema")


class StoreError(OSError):
    """The learner's data could not be read or saved right now; the message says why in plain words."""


def is_corrupt(error: sqlite3.DatabaseError) -> bool:
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+; the message text works everywhere
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or any(text in str(error) for text in CORRUPT)


def keep_aside(path: Path, kind: str) -> Path:
    """Move path to '<stem>.<kind>-<time>-<random><suffix>' beside it: a fresh name every time,
    created empty first (so two set-asides in one second never share it), then replaced."""
    fd, kept = tempfile.mkstemp(prefix=f"{path.stem}.{kind}-{time.strftime('%Y%m%d-%H%M%S')}-",
                                suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        os.replace(path, kept)
    except BaseException:
        os.unlink(kept)
        raise
    return Path(kept)


class SQLiteStore:
    """One learner file; `what` names it in messages ("diary", "quiz progress")."""

    TIMEOUT = 10.0  # seconds to wait for another notebook's write to finish

    def __init__(self, path: Path, migrations: list[str], what: str):
        self.path, self.migrations, self.what = Path(path), migrations, what
        self.notice = ""  # a note for the learner, e.g. that an unreadable file was set aside
        self._ready = False
        self._anchor: sqlite3.Connection | None = None

    # -- opening -------------------------------------------------------------------------
    def _plain(self, error: BaseException) -> StoreError:
        text = str(error)
        if isinstance(error, sqlite3.DatabaseError) and is_corrupt(error):
            why = "the file is damaged"
        elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
            why = "the file or its folder is read-only"
        elif "locked" in text or "busy" in text:
            why = "another notebook or program is using it; try again in a moment"
        elif isinstance(error, (NotADirectoryError, FileExistsError)):
            why = f"{self.path.parent} is not a folder"
        elif "unable to open" in text:
            why = "the file could not be opened (is its folder missing or read-only, or are too many files open?)"
        else:
            why = text
        return StoreError(f"Your {self.what} ({self.path}) could not be used: {why}. Nothing was changed.")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA synchronous=FULL")  # a confirmed save survives a crash
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(self.migrations):
                raise StoreError(
                    f"Your {self.what} ({self.path}) was made by a newer version of this course (its format "
                    f"is version {version}; this version reads up to {len(self.migrations)}). It was not "
                    "changed. Please update the course to use it.")
        except BaseException:
            db.close()
            raise
        return db

    def _wal(self, db: sqlite3.Connection) -> None:
        # Switching a new file to WAL needs a lock that SQLite's busy timeout does not wait for,
        # so two notebooks creating the diary at once would fail; wait here instead.
        deadline = time.monotonic() + self.TIMEOUT
        while True:
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _prepare(self) -> None:
        """First open: make the folder, check the file, bring its schema up to date."""
        self.close()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise self._plain(error) from None
        for attempt in range(3):
            try:
                identity = _identity(self.path)
                with contextlib.closing(self._connect()) as db:
                    self._wal(db)
                    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                        raise sqlite3.DatabaseError("database disk image is malformed")
                    self._migrate(db)
                    self.before_first_use(db)
                # One idle connection stays open, so closing each operation's connection is never
                # the last close, which would checkpoint and delete the WAL file every time.
                self._anchor = self._connect()
                self._anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()
                self._ready = True
                return
            except sqlite3.DatabaseError as error:
                if not is_corrupt(error) or attempt == 2:
                    raise self._plain(error) from None
                self._set_aside(identity)

    def before_first_use(self, db: sqlite3.Connection) -> None:
        """For subclasses: work to do once the file is ready (progress imports its old JSON file)."""

    def _set_aside(self, identity) -> None:
        self.close()
        # A lock, so that of several notebooks finding the same damaged file, one moves it,
        # and none moves the fresh file another has just made in its place.
        try:
            with _lock(self.path.with_name(f".{self.path.name}.lock"), self.TIMEOUT):
                if identity is None or _identity(self.path) != identity:
                    return  # already moved by another notebook
                kept = keep_aside(self.path, "unreadable")
                for extra in ("-wal", "-journal"):  # recent changes belong with the file
                    if Path(f"{self.path}{extra}").exists():
                        os.replace(f"{self.path}{extra}", f"{kept}{extra}")
                Path(f"{self.path}-shm").unlink(missing_ok=True)  # only an index of the -wal file
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"Your {self.what} ({self.path}) could not be read, and could not be moved aside "
                             f"({getattr(error, 'strerror', None) or error}). It was not changed.") from None
        self.notice = (f"Your {self.what} could not be read, so it was set aside as {kept} and a new one was "
                       "started. Nothing was deleted.")

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, sql in enumerate(self.migrations[version:], version + 1):
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("PRAGMA user_version").fetchone()[0] < number:  # another notebook may have
                    for statement in sql.split(";"):  # no ';' inside a statement
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Let go of the file (the next use opens it again)."""
        if self._anchor is not None:
            self._anchor.close()
            self._anchor = None
        self._ready = False

    # -- using ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self):
        """A connection for reads; errors become StoreError."""
        with self._open() as db:
            yield db

    @contextlib.contextmanager
    def writing(self):
        """One transaction: all of its changes are saved, or none."""
        with self._open() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _open(self):
        try:
            if not self._ready:
                self._prepare()
            with contextlib.closing(self._connect()) as db:
                yield db
        except StoreError:
            raise
        except sqlite3.DatabaseError as error:
            if is_corrupt(error):
                self._ready = False  # checked again, and set aside, at the next use
            raise self._plain(error) from None
        except OSError as error:
            raise self._plain(error) from None


def _identity(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


@contextlib.contextmanager
def _lock(path: Path, timeout: float):
    """An exclusive lock between processes on every OS: SQLite's own file lock on a small
    file, which the OS releases if the process dies."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        db.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        db.close()
