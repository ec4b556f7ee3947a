"""Quiz data: the schema, loading from YAML, and precise error messages.

Quizzes are data, not code: one YAML file per chapter in notebooks/quizzes/.
Every problem found is reported as "file: question 'id', field 'name': what is
wrong", all at once, so an author can fix a file in one pass.

Loading can neither hang nor mislead: YAML aliases, anchors and merge keys are refused
(a few hundred bytes of them can expand to gigabytes), a repeated key is an error (the
last one would silently win), files and texts have size limits, and every file-level
problem (not UTF-8, a stray editor file, a folder, a .yaml name, a broken notebook)
names the file. load_all() can report a bad file and still load every other quiz.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from docutils.nodes import make_id
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

COURSE_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = COURSE_ROOT / "notebooks"
QUIZ_DIR = NOTEBOOK_DIR / "quizzes"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
FILE_LIMIT = 500_000  # bytes; the largest quiz file is about 20 kB
# What a learner reads on a phone: limits well above the longest text in the course today.
TITLE_LIMIT, PROMPT_LIMIT, OPTION_LIMIT, STORY_LIMIT = 150, 600, 300, 1200


def _text(limit: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)]
SectionRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+#[a-z0-9]+(-[a-z0-9]+)*$")]

ONE_CORRECT_KINDS = ("single", "true_false", "scenario")
# The book names parts of a quiz "tc-<quiz>--<name>", as it names questions "tc-<quiz>--<id>".
RESERVED_IDS = {"title": "title"}


class QuizDataError(ValueError):
    """Quiz data that cannot be used; the message lists every problem found."""


class _Strict(BaseModel):
    # Unknown keys are errors: a typo such as "feeback" must not pass silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    text: _text(OPTION_LIMIT)
    correct: bool
    feedback: _text(STORY_LIMIT)


class Question(_Strict):
    id: Slug
    kind: Literal["single", "multiple", "true_false", "scenario"]
    scenario: _text(STORY_LIMIT) | None = None
    prompt: _text(PROMPT_LIMIT)
    section: SectionRef = Field(description="notebook stem '#' heading anchor, e.g. 01-intro#what-is-it")
    options: list[Option] = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _rules_of_each_kind(self) -> "Question":
        if self.id in RESERVED_IDS:
            raise ValueError(f"field 'id': '{self.id}' is taken by the page (the quiz's {RESERVED_IDS[self.id]}): "
                             "choose another id")
        n_correct = sum(o.correct for o in self.options)
        if n_correct == 0:
            raise ValueError("field 'options': no option has 'correct: true'")
        if self.kind in ONE_CORRECT_KINDS and n_correct > 1:
            raise ValueError(
                f"field 'options': a {self.kind} question needs exactly one correct option, found {n_correct}"
            )
        if self.kind == "scenario" and self.scenario is None:
            raise ValueError("field 'scenario': required for a scenario question")
        if self.kind != "scenario" and self.scenario is not None:
            raise ValueError(f"field 'scenario': only scenario questions have one, this one is '{self.kind}'")
        if self.kind == "true_false" and [o.text for o in self.options] != ["True", "False"]:
            raise ValueError("field 'options': a true_false question has exactly two options, 'True' then 'False'")
        return self


class Quiz(_Strict):
    quiz: Slug
    title: _text(TITLE_LIMIT)
    questions: list[Question] = Field(min_length=1)

    @property
    def topic(self) -> str:
        """The title without "Check what you learned: ", for the progress table's rows."""
        topic = self.title.split(": ", 1)[-1]
        return topic[:1].upper() + topic[1:]

    @model_validator(mode="after")
    def _unique_ids(self) -> "Quiz":
        seen: dict[str, int] = {}
        for number, question in enumerate(self.questions, 1):
            if question.id in seen:
                raise ValueError(
                    f"question '{question.id}', field 'id': duplicate id (questions {seen[question.id]} and {number})"
                )
            seen[question.id] = number
        return self

    def as_json(self) -> str:
        """The quiz as compact JSON, keys in a fixed order, for the book's script."""
        return json.dumps(self.model_dump(exclude_none=True), ensure_ascii=False, separators=(",", ":"))


def _where(raw: object, loc: tuple) -> str:
    """Turn pydantic's error location into "question 'id', field 'options[1].feedback'"."""
    parts: list[str] = []
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = raw.get("questions") if isinstance(raw, dict) else None
        qid = None
        if isinstance(questions, list) and loc[1] < len(questions) and isinstance(questions[loc[1]], dict):
            qid = questions[loc[1]].get("id")
        if isinstance(qid, str) and qid:  # shortened: an id is never a whole message
            parts.append(f"question '{qid[:60]}{'...' if len(qid) > 60 else ''}'")
        else:
            parts.append(f"question number {loc[1] + 1} ({'no id' if qid is None else 'id is not text'})")
        loc = loc[2:]
    if loc:
        field = ""
        for item in loc:
            field += f"[{item}]" if isinstance(item, int) else (f".{item}" if field else str(item))
        parts.append(f"field '{field}'")
    return ", ".join(parts)


def _display_path(path: Path) -> str:
    # The folder is resolved, not the file: a stray symlink is named as itself, not its target.
    path = Path(path)
    try:
        return str((path.parent.resolve() / path.name).relative_to(COURSE_ROOT))
    except (ValueError, OSError):
        return str(path)


class _StrictLoader(yaml.SafeLoader):
    """yaml.safe_load's rules, without aliases, anchors or merge keys, and with repeated keys as errors."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed in course data: write it out",
                event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        first: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed in course data: write it out", key_node.start_mark)
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node)
                if key in first:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key '{str(key)[:60]}' appears twice (first at line {first[key]})",
                        key_node.start_mark)
                first[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def read_data_file(path: Path, limit: int | None = FILE_LIMIT) -> str:
    """The text of a course data file, or QuizDataError naming the file and what is wrong."""
    name = _display_path(path)
    if path.is_dir():
        raise QuizDataError(f"{name}: is a folder, not a data file")
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise QuizDataError(f"{name}: the file is {size // 1000} kB; the limit is {limit // 1000} kB "
                                "(split it, or shorten its texts)")
        data = path.read_bytes()
    except OSError as error:
        raise QuizDataError(f"{name}: cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line, column = before.count(b"\n") + 1, error.start - (before.rfind(b"\n") + 1) + 1
        raise QuizDataError(f"{name}: not UTF-8 text at line {line}, column {column} (byte "
                            f"0x{data[error.start]:02x}); save the file as UTF-8") from None


def read_yaml(text: str, name: str) -> object:
    """Parse YAML, or raise QuizDataError naming the file, line and column."""
    if len(text) > FILE_LIMIT:
        raise QuizDataError(f"{name}: the file is longer than {FILE_LIMIT // 1000} kB (split it, or shorten its texts)")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader with fewer features
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise QuizDataError(f"{name}: not valid YAML{at}: {getattr(error, 'problem', None) or error}") from None


def validated(model, raw: object, name: str):
    """model.model_validate(raw), or QuizDataError with one line per problem: file, question, field."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        lines = []
        for e in error.errors():
            where = _where(raw, e["loc"])
            msg = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                msg = "unknown key (check the spelling; allowed keys are in the README)"
            lines.append(f"{name}: {where + ': ' if where else ''}{msg}")
        raise QuizDataError("\n".join(lines)) from None


def parse_quiz(text: str, path: Path, notebook_dir: Path = NOTEBOOK_DIR) -> Quiz:
    """Validate one quiz file's text; raise QuizDataError naming file, question and field."""
    name = _display_path(path)
    quiz = validated(Quiz, read_yaml(text, name), name)
    problems = []
    if quiz.quiz != path.stem:
        problems.append(f"{name}: field 'quiz': '{quiz.quiz}' must match the file name '{path.stem}'")
    for question in quiz.questions:
        try:
            resolve_section(question.section, notebook_dir)
        except QuizDataError as error:
            problems.append(f"{name}: question '{question.id}', field 'section': {error}")
    if problems:
        raise QuizDataError("\n".join(problems))
    return quiz


def load_quiz(quiz_id: str, quiz_dir: Path = QUIZ_DIR, notebook_dir: Path = NOTEBOOK_DIR) -> Quiz:
    path = quiz_dir / f"{quiz_id}.yml"
    if not path.is_file() and not path.is_dir():
        known = ", ".join(sorted(p.stem for p in quiz_dir.glob("*.yml") if p.is_file())) or "none"
        raise QuizDataError(f"{_display_path(path)}: no such quiz file (quizzes found: {known})")
    return parse_quiz(read_data_file(path), path, notebook_dir)


def _stray(entry: Path) -> str | None:
    """Why a *.yml or *.yaml entry of the quiz folder is not a quiz file, or None if it is one."""
    if entry.name.startswith("."):
        return "a hidden file (an editor's lock or backup file, or macOS metadata), not a quiz: delete it"
    if entry.suffix == ".yaml":
        return f"quiz files end in .yml: rename it to {entry.stem}.yml"
    if entry.is_dir():
        return "is a folder, not a quiz file"
    return None


def load_all(quiz_dir: Path = QUIZ_DIR, notebook_dir: Path = NOTEBOOK_DIR,
             problems: list[str] | None = None) -> list[Quiz]:
    """Every quiz of the course, in the order of the chapters that show them.

    A bad file never hides the others: given a `problems` list, each bad file's message is
    added to it and every good quiz still loads; without one, QuizDataError lists them all.
    """
    found: list[str] = []
    chapter = {}
    for notebook in sorted(notebook_dir.glob("*.ipynb")):
        try:
            cells = notebook_cells(notebook)
        except QuizDataError as error:
            found.append(str(error))
            continue
        for cell in cells:
            source = "".join(cell.get("source", "")) if cell.get("cell_type") == "code" else ""
            for quiz_id in re.findall(r"""show_quiz\(\s*["']([^"']+)["']""", source):
                chapter.setdefault(quiz_id, notebook.stem)
    quizzes = []
    for entry in sorted(quiz_dir.iterdir()):
        if not entry.name.endswith((".yml", ".yaml")):
            continue
        why = _stray(entry)
        try:
            if why:
                raise QuizDataError(f"{_display_path(entry)}: {why}")
            quizzes.append(load_quiz(entry.stem, quiz_dir, notebook_dir))
        except QuizDataError as error:
            found.append(str(error))
    if found and problems is None:
        raise QuizDataError("\n".join(found))
    if found:
        problems.extend(found)
    return sorted(quizzes, key=lambda q: (chapter.get(q.quiz, "~"), q.quiz))  # quizzes no chapter shows go last


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def notebook_cells(path: Path) -> list[dict]:
    """A notebook's cells, or QuizDataError naming the notebook if it cannot be read."""
    text = read_data_file(path, limit=None)  # a notebook's size is its outputs', not an author's text
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise QuizDataError(f"{_display_path(path)}: not a readable notebook ({error})") from None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise QuizDataError(f"{_display_path(path)}: not a readable notebook (its cells are not a list)")
    return cells


def notebook_headings(path: Path) -> list[str]:
    """The Markdown headings of a notebook, outside fenced code blocks."""
    cells = notebook_cells(path)
    headings = []
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        fenced = False
        for line in source.splitlines():
            if line.lstrip().startswith(("```", ":::")):
                fenced = not fenced
            match = None if fenced else _HEADING.match(line)
            if match:
                headings.append(match.group(2))
    return headings


def resolve_section(section: str, notebook_dir: Path = NOTEBOOK_DIR) -> tuple[str, str, str]:
    """Return (notebook stem, anchor, heading text) for 'stem#anchor', or raise QuizDataError.

    The anchor is docutils' id for the heading, which is what the built book uses.
    """
    stem, anchor = section.split("#", 1)
    notebook = notebook_dir / f"{stem}.ipynb"
    if not notebook.is_file():
        raise QuizDataError(f"'{section}' names no notebook: {_display_path(notebook)} does not exist")
    headings = {make_id(text): text for text in notebook_headings(notebook)}
    if anchor not in headings:
        raise QuizDataError(
            f"'{section}': no heading in {notebook.name} has the anchor '#{anchor}' "
            f"(anchors there: {', '.join(headings) or 'none'})"
        )
    return stem, anchor, headings[anchor]
