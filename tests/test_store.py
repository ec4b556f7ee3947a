"""Learner data under concurrency and faults, with real second processes: two writers lose
nothing, a writer killed (SIGKILL) at random points loses nothing confirmed and leaves no litter,
several notebooks finding one damaged file set it aside once, and a transient error (too many
open files) or a read-only folder never sets aside a good file."""
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time

from twitchcourse.progress import ProgressStore

RECORDER = textwrap.dedent("""
    import sys
    from twitchcourse.progress import ProgressStore
    store = ProgressStore(sys.argv[1])
    for n in range(int(sys.argv[2])):
        store.record("faq", f"{sys.argv[3]}-{n}", n % 2 == 0)
        print(n, flush=True)
""")


def run(script, *args, **options):
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], text=True, **options)


def test_two_processes_recording_at_once_keep_every_answer(tmp_path):
    path = tmp_path / "progress.sqlite3"
    writers = [run(RECORDER, path, 200, name, stdout=subprocess.DEVNULL) for name in ("a", "b")]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    answers = ProgressStore(path).answers("faq")
    assert len(answers) == 400
    assert all(answers[f"{name}-{n}"] == (n % 2 == 0) for name in "ab" for n in range(200))


def test_a_writer_killed_at_random_points_loses_nothing_confirmed_and_leaves_no_litter(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).record("faq", "before", True)
    rng = random.Random(12)
    confirmed = {"before"}
    for round_ in range(10):
        writer = run(RECORDER, path, 100_000, f"r{round_}", stdout=subprocess.PIPE)
        confirmed.add(f"r{round_}-{int(writer.stdout.readline())}")  # started writing
        deadline = time.monotonic() + rng.uniform(0, 0.1)
        while time.monotonic() < deadline:
            confirmed.add(f"r{round_}-{int(writer.stdout.readline())}")
        writer.kill()  # SIGKILL: wherever it is, in or out of a transaction
        writer.wait()
        writer.stdout.close()
    store = ProgressStore(path)
    assert confirmed <= set(store.answers("faq")), "a confirmed answer was lost"
    assert store.notice == ""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    leftovers = {p.name for p in tmp_path.iterdir()} - {"progress.sqlite3", "progress.sqlite3-wal",
                                                         "progress.sqlite3-shm"}
    assert not leftovers, f"files left behind: {leftovers}"


OPENER = textwrap.dedent("""
    import sys
    from twitchcourse.progress import ProgressStore
    store = ProgressStore(sys.argv[1])
    store.record("faq", sys.argv[2], True)
    print(store.answers("faq"))
""")


def test_notebooks_finding_one_damaged_file_at_once_set_it_aside_once(tmp_path):
    for round_ in range(2):
        folder = tmp_path / str(round_)
        folder.mkdir()
        damaged = f"damaged store {round_} ".encode() * 50
        (folder / "progress.sqlite3").write_bytes(damaged)
        openers = [run(OPENER, folder / "progress.sqlite3", f"p{n}", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE) for n in range(4)]
        results = [(o.wait(timeout=60), *o.communicate()) for o in openers]
        assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
        copies = [p for p in folder.iterdir() if p.name.startswith("progress.unreadable-")]
        assert [p.read_bytes() for p in copies] == [damaged], "set aside once, byte for byte"
        assert set(ProgressStore(folder / "progress.sqlite3").answers("faq")) == {"p0", "p1", "p2", "p3"}


def test_too_many_open_files_never_sets_aside_a_good_store(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).record("faq", "kept", True)
    script = textwrap.dedent("""
        import os, resource, sys
        from twitchcourse.progress import ProgressStore
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
        spare = []
        try:
            while True:
                spare.append(os.open(os.devnull, os.O_RDONLY))
        except OSError:
            pass
        store = ProgressStore(sys.argv[1])
        print(store.answers("faq"), "|", store.notice)
        for fd in spare:
            os.close(fd)
        print(store.answers("faq"))
    """)
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    starved, after = out.stdout.splitlines()
    assert starved.startswith("{} |") and "could not be used" in starved
    assert after == "{'kept': True}"
    assert [p.name for p in tmp_path.iterdir() if "unreadable" in p.name] == []


def test_a_damaged_store_in_a_read_only_folder_gives_a_note_and_the_quiz_keeps_working(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "progress.sqlite3").write_bytes(b"not a database" * 20)
    folder.chmod(0o555)
    script = textwrap.dedent("""
        import sys
        from twitchcourse.progress import ProgressStore
        from twitchcourse.quizbank import load_all
        from twitchcourse.widgets import QuizWidget
        store = ProgressStore(sys.argv[1])
        widget = QuizWidget(load_all()[0], store)
        print(store.answers("faq"), "|", widget.notice.value)
    """)
    # Root ignores file modes; drop the capabilities that let it, as an ordinary learner has none.
    prefix = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
              if os.geteuid() == 0 and shutil.which("setpriv") else [])
    try:
        out = subprocess.run([*prefix, sys.executable, "-c", script, str(folder / "progress.sqlite3")],
                             capture_output=True, text=True, timeout=60)
    finally:
        folder.chmod(0o755)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("{} |") and "could not be moved aside" in out.stdout, out.stdout
    assert (folder / "progress.sqlite3").read_bytes() == b"not a database" * 20


def test_notebooks_opening_at_once_carry_over_an_old_progress_json_once(tmp_path):
    old = {"version": 1, "quizzes": {"faq": {"from-the-old-file": True}}}
    (tmp_path / "progress.json").write_text(json.dumps(old))
    openers = [run(OPENER, tmp_path / "progress.sqlite3", f"p{n}", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for n in range(4)]
    results = [(o.wait(timeout=60), *o.communicate()) for o in openers]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    assert set(ProgressStore(tmp_path / "progress.sqlite3").answers("faq")) == {"from-the-old-file", "p0", "p1",
                                                                                   "p2", "p3"}
    [copy] = [p for p in tmp_path.iterdir() if p.name.startswith("progress.imported-")]
    assert json.loads(copy.read_text()) == old and not (tmp_path / "progress.json").exists()
