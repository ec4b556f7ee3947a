"""Course data that could hang or mislead: YAML bombs fail fast (each under a second and
under 100 MB, measured in a separate process with its memory capped), repeated keys are errors,
every file-level problem names the file, one bad file never hides the other quizzes, and
texts and files have size limits."""
import json
import subprocess
import sys
import textwrap

import pytest
import yaml

from support import ROOT, VALID_QUIZ
from twitchcourse.levels import load_levels
from twitchcourse.quizbank import QuizDataError, load_all, load_quiz, parse_quiz

VALID = yaml.safe_dump(VALID_QUIZ, sort_keys=False)


def alias_bomb(levels=9):
    """The id of the first question is 10**levels copies of "lol", in under a kilobyte."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n" + VALID.replace("- id: pick-one", f"- id: *a{levels}")


def merge_bomb(levels=9):
    """Each level merges the one before ten times; PyYAML copies every merged pair."""
    lines = ["m0: &m0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}]}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n" + VALID


MEASURE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from twitchcourse.quizbank import QuizDataError, parse_quiz
    cases, notebooks = json.loads(sys.argv[1]), Path(sys.argv[2])
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    vm = int(status["VmSize"].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm + 100 * 2**20, resource.RLIM_INFINITY))  # 100 MB more, no further
    results = {}
    for path in cases:
        start = time.perf_counter()
        try:
            parse_quiz(Path(path).read_text(), Path(path), notebooks)
            message = "loaded"
        except QuizDataError as error:
            message = str(error)
        results[path] = {"seconds": time.perf_counter() - start, "message": message[:500], "length": len(message)}
    print(json.dumps(results))
""")


def test_yaml_bombs_fail_fast_with_little_memory_and_name_the_file_and_line(sample_notebooks):
    quizzes = sample_notebooks / "quizzes"
    cases = {"alias.yml": alias_bomb(), "merge.yml": merge_bomb(), "inline-merge.yml": "x: {<<: {a: 1}}\n" + VALID}
    for name, text in cases.items():
        (quizzes / name).write_text(text)
        assert len(text.encode()) < 2000
    out = subprocess.run([sys.executable, "-c", MEASURE, json.dumps([str(quizzes / n) for n in cases]),
                          str(sample_notebooks)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    results = json.loads(out.stdout)
    for name, expected in [("alias.yml", "line 1, column 5: anchors and aliases (&name, *name) are not allowed"),
                           ("merge.yml", "line 1, column 5: anchors and aliases"),
                           ("inline-merge.yml", "line 1, column 5: merge keys (<<) are not allowed")]:
        result = results[str(quizzes / name)]
        assert result["seconds"] < 1, result
        assert result["message"].startswith(f"quizzes/{name}: not valid YAML at ") or f"{name}: not valid YAML" \
            in result["message"], result
        assert expected in result["message"] and result["length"] < 300, result


@pytest.mark.parametrize("text, expected", [
    (VALID + "questions: []\n", "the key 'questions' appears twice (first at line 3)"),
    (VALID.replace("correct: true", "correct: true\n    correct: false", 1),
     "the key 'correct' appears twice (first at line"),
])
def test_a_repeated_key_is_an_error_not_a_silent_change(sample_notebooks, text, expected):
    with pytest.raises(QuizDataError, match="sample.yml: not valid YAML at line") as error:
        parse_quiz(text, sample_notebooks / "quizzes" / "sample.yml", sample_notebooks)
    assert expected in str(error.value)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["questions"][0].update(prompt="x" * 10_000), "question 'pick-one', field 'prompt': String should "
                                                             "have at most 600 characters"),
    (lambda d: d["questions"][0]["options"][0].update(feedback="x" * 5000), "field 'options[0].feedback': String "
                                                                           "should have at most 1200 characters"),
    (lambda d: d.update(title="x" * 200), "field 'title': String should have at most 150 characters"),
    (lambda d: d["questions"][0].update(id="a" * 10_000), "question 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                                          "aaaaaaaaaaaaaa...', field 'id'"),
])
def test_texts_have_size_limits_with_clear_messages(sample_notebooks, change, expected):
    data = json.loads(json.dumps(VALID_QUIZ))
    change(data)
    with pytest.raises(QuizDataError) as error:
        parse_quiz(yaml.safe_dump(data), sample_notebooks / "quizzes" / "sample.yml", sample_notebooks)
    assert expected in str(error.value) and len(str(error.value)) < 500


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(sample_notebooks):
    (sample_notebooks / "quizzes" / "sample.yml").write_text(VALID + "#" + "x" * 600_000 + "\n")
    with pytest.raises(QuizDataError, match=r"quizzes/sample.yml: the file is 601 kB; the limit is 500 kB"):
        load_quiz("sample", sample_notebooks / "quizzes", sample_notebooks)


def test_every_file_level_problem_names_the_file_and_never_hides_the_other_quizzes(sample_notebooks):
    quizzes = sample_notebooks / "quizzes"
    (quizzes / "sample.yml").write_text(VALID)
    (quizzes / "latin.yml").write_bytes(VALID.replace("sample", "latin").replace("Pick one", "Caf\xe9")
                                        .encode("latin-1"))
    (quizzes / "._sample.yml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe")
    (quizzes / ".#sample.yml").symlink_to("root@host.1234:1700000000")  # an Emacs lock: a dangling link
    (quizzes / "old.yml").mkdir()
    (quizzes / "extra.yaml").write_text(VALID.replace("sample", "extra"))
    (sample_notebooks / "02-broken.ipynb").write_text('{"cells": [ {"cell_type": ')
    problems = []
    loaded = load_all(quizzes, sample_notebooks, problems=problems)
    assert [q.quiz for q in loaded] == ["sample"], "the good quiz still loads"
    text = "\n".join(problems)
    for expected in ["notebooks/02-broken.ipynb: not a readable notebook",
                     "quizzes/latin.yml: not UTF-8 text at line 6, column 14 (byte 0xe9); save the file as UTF-8",
                     "quizzes/._sample.yml: a hidden file", "quizzes/.#sample.yml: a hidden file",
                     "quizzes/old.yml: is a folder, not a quiz file",
                     "quizzes/extra.yaml: quiz files end in .yml: rename it to extra.yml"]:
        assert expected in text, text
    assert len(problems) == 6
    with pytest.raises(QuizDataError) as error:  # without a list to report into, every problem at once
        load_all(quizzes, sample_notebooks)
    assert str(error.value) == text
    with pytest.raises(QuizDataError, match=r"quizzes/old.yml: is a folder, not a data file"):
        load_quiz("old", quizzes, sample_notebooks)


def test_a_checklist_that_is_not_utf8_names_its_file(tmp_path):
    text = (ROOT / "notebooks/checklists/red-flags.yml").read_text(encoding="utf-8")
    (tmp_path / "red-flags.yml").write_bytes(text.encode("utf-16"))
    with pytest.raises(QuizDataError, match=r"red-flags.yml: not UTF-8 text at line 1, column 1 \(byte 0xff\)"):
        load_levels("red-flags", tmp_path)


def test_a_question_id_the_page_uses_for_the_quiz_title_is_refused(sample_notebooks):
    data = json.loads(json.dumps(VALID_QUIZ))
    data["questions"][0]["id"] = "title"
    with pytest.raises(QuizDataError, match=r"sample.yml: question 'title': field 'id': 'title' is taken by the "
                                            r"page \(the quiz's title\): choose another id"):
        parse_quiz(yaml.safe_dump(data), sample_notebooks / "quizzes" / "sample.yml", sample_notebooks)


def test_the_progress_panel_names_a_bad_quiz_file_and_still_lists_the_others(sample_notebooks, monkeypatch):
    import twitchcourse
    from twitchcourse import quizbank

    quizzes = sample_notebooks / "quizzes"
    (quizzes / "sample.yml").write_text(VALID)
    (quizzes / "._sample.yml").write_bytes(b"\x00\x05\x16\x07Mac OS X\xff")
    monkeypatch.setattr(twitchcourse, "load_all",
                        lambda problems: quizbank.load_all(quizzes, sample_notebooks, problems=problems))
    shown = []
    monkeypatch.setattr(twitchcourse, "display", lambda item, **options: shown.append(item))
    twitchcourse.show_progress()
    note, panel = shown
    assert "Some quiz files could not be read" in note.data and "quizzes/._sample.yml: a hidden file" in note.data
    assert 'data-quiz="sample"' in panel._repr_mimebundle_()["text/html"]
