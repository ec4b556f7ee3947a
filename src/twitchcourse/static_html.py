"""The quiz and progress panel as plain, semantic HTML for the built book.

book/_static/twitchcourse.js brings this HTML to life; without it (an un-run
notebook in JupyterLab) the questions still read well and a note says how to
make them interactive. Every string from the YAML goes through html.escape,
and ids are built from quiz and question ids only, so output is deterministic.
"""
from __future__ import annotations

import json
from html import escape

from .quizbank import Question, Quiz, resolve_section

STATIC_NOTE = (
    "To answer this quiz in JupyterLab, choose <b>Run &gt; Run All Cells</b>. "
    "In the online book it works as soon as the page has loaded."
)


def section_link(question: Question, suffix: str) -> tuple[str, str]:
    """(href, heading text) of the section that teaches a question; suffix is '.html' or '.ipynb'."""
    stem, anchor, heading = resolve_section(question.section)
    if suffix == ".ipynb":
        anchor = heading.replace(" ", "-")  # JupyterLab's own anchor for a heading
    return f"{stem}{suffix}#{anchor}", heading


def _question_html(quiz: Quiz, number: int, question: Question) -> str:
    base = f"tc-{quiz.quiz}--{question.id}"
    kind = "checkbox" if question.kind == "multiple" else "radio"
    hint = " <span class=\"tc-hint\">(Choose all that apply.)</span>" if kind == "checkbox" else ""
    scenario = ""
    described = ""
    if question.scenario:
        scenario = f'<p class="tc-scenario" id="{base}--scenario">{escape(question.scenario)}</p>'
        described = f' aria-describedby="{base}--scenario"'
    options = "".join(
        f'<div class="tc-option"><input type="{kind}" id="{base}--{i}" name="{base}" value="{i}">'
        f'<label for="{base}--{i}">{escape(option.text)}</label></div>'
        for i, option in enumerate(question.options)
    )
    href, heading = section_link(question, ".html")
    return (
        f'<div class="tc-question" id="{base}" data-question="{question.id}">'
        f"{scenario}"
        f"<fieldset{described}><legend>"
        f'<span class="tc-number">Question {number} of {len(quiz.questions)}.</span> '
        f"{escape(question.prompt)}{hint}</legend>"
        f'<div class="tc-options">{options}</div></fieldset>'
        f'<button type="button" class="tc-check" hidden>Check answer</button>'
        f'<div class="tc-feedback" role="status" aria-live="polite"></div>'
        f'<p class="tc-review">Learn more: <a href="{escape(href)}">{escape(heading)}</a></p>'
        f"</div>"
    )


def quiz_html(quiz: Quiz) -> str:
    questions = "".join(_question_html(quiz, n, q) for n, q in enumerate(quiz.questions, 1))
    return (
        f'<section class="tc-quiz" id="tc-{quiz.quiz}" aria-labelledby="tc-{quiz.quiz}--title" '
        f'data-quiz="{escape(quiz.as_json())}">'
        f'<p class="tc-title" id="tc-{quiz.quiz}--title"><strong>{escape(quiz.title)}</strong></p>'
        f'<p class="tc-static-note">{STATIC_NOTE}</p>'
        f"{questions}"
        f'<p class="tc-score" aria-live="polite" hidden></p>'
        f"</section>"
    )


def progress_html(quizzes: list[Quiz]) -> str:
    outline = [{"quiz": q.quiz, "title": q.topic, "questions": [x.id for x in q.questions]} for q in quizzes]
    rows = "".join(
        f'<tr data-quiz="{q.quiz}"><th scope="row">{escape(q.topic)}</th>'
        f'<td class="tc-count">not started, {len(q.questions)} questions</td></tr>'
        for q in quizzes
    )
    return (
        f'<section class="tc-progress" aria-label="Your progress" '
        f'data-outline="{escape(json.dumps(outline, ensure_ascii=False, separators=(",", ":")))}">'
        f'<p class="tc-static-note">Your progress shows here once the page runs. '
        f"In JupyterLab, choose <b>Run &gt; Run All Cells</b>.</p>"
        f'<table class="tc-progress-table"><caption>Your progress in this course</caption>'
        f'<thead><tr><th scope="col">Quiz</th><th scope="col">Right answers</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<p class="tc-total" aria-live="polite"></p>'
        f'<button type="button" class="tc-reset" hidden>Reset my progress</button>'
        f"</section>"
    )
