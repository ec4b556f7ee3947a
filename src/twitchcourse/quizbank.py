"""Quiz data: the schema, loading from YAML, and precise error messages.

Quizzes are data, not code: one YAML file per chapter in notebooks/quizzes/.
Every problem found is reported as "file: question 'id', field 'name': what is
wrong", all at once, so an author can fix a file in one pass.
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

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SectionRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+#[a-z0-9]+(-[a-z0-9]+)*$")]

ONE_CORRECT_KINDS = ("single", "true_false", "scenario")


class QuizDataError(ValueError):
    """Quiz data that cannot be used; the message lists every problem found."""


class _Strict(BaseModel):
    # Unknown keys are errors: a typo such as "feeback" must not pass silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    text: Text
    correct: bool
    feedback: Text


class Question(_Strict):
    id: Slug
    kind: Literal["single", "multiple", "true_false", "scenario"]
    scenario: Text | None = None
    prompt: Text
    section: SectionRef = Field(description="notebook stem '#' heading anchor, e.g. 01-intro#what-is-it")
    options: list[Option] = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _rules_of_each_kind(self) -> "Question":
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
    title: Text
    questions: list[Question] = Field(min_length=1)

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
        parts.append(f"question '{qid}'" if qid else f"question number {loc[1] + 1} (no id)")
        loc = loc[2:]
    if loc:
        field = ""
        for item in loc:
            field += f"[{item}]" if isinstance(item, int) else (f".{item}" if field else str(item))
        parts.append(f"field '{field}'")
    return ", ".join(parts)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(COURSE_ROOT))
    except ValueError:
        return str(path)


def read_yaml(text: str, name: str) -> object:
    """Parse YAML, or raise QuizDataError naming the file, line and column."""
    try:
        return yaml.safe_load(text)
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
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in quiz_dir.glob("*.yml"))) or "none"
        raise QuizDataError(f"{_display_path(path)}: no such quiz file (quizzes found: {known})")
    return parse_quiz(path.read_text(encoding="utf-8"), path, notebook_dir)


def load_all(quiz_dir: Path = QUIZ_DIR, notebook_dir: Path = NOTEBOOK_DIR) -> list[Quiz]:
    """Every quiz of the course, in the order of the chapters that show them."""
    chapter = {}
    for notebook in sorted(notebook_dir.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for quiz_id in re.findall(r"""show_quiz\(\s*["']([^"']+)["']""", source):
                chapter.setdefault(quiz_id, notebook.stem)
    quizzes = [load_quiz(p.stem, quiz_dir, notebook_dir) for p in quiz_dir.glob("*.yml")]
    return sorted(quizzes, key=lambda q: (chapter.get(q.quiz, "~"), q.quiz))  # quizzes no chapter shows go last


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def notebook_headings(path: Path) -> list[str]:
    """The Markdown headings of a notebook, outside fenced code blocks."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
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
