"""The rules of grading and feedback, in one place for Python.

book/_static/twitchcourse.js implements the same two functions for the book;
tests/test_browser_book.py checks that both give identical results for every
question in the bank and every possible choice.
"""
from __future__ import annotations

from typing import Iterable

from .quizbank import Question

NO_ANSWER = "Choose an answer, then press Check."
RIGHT = "Correct! Here is why each option is right or wrong."
WRONG = "Not quite. Read why below, then try again."


def grade(question: Question, chosen: Iterable[int]) -> dict:
    """Right only when the chosen options are exactly the correct ones."""
    chosen = sorted(set(chosen))
    correct = [i for i, option in enumerate(question.options) if option.correct]
    return {
        "answered": bool(chosen),
        "correct": chosen == correct,
        "chosen": chosen,
        "missed": len(set(correct) - set(chosen)),
    }


def feedback(question: Question, result: dict) -> dict:
    """What the learner reads after pressing Check.

    A right answer explains every option (that is where the learning is); a
    wrong one explains only the chosen options, so trying again still teaches.
    """
    if not result["answered"]:
        return {"headline": NO_ANSWER, "items": []}
    headline = RIGHT if result["correct"] else WRONG
    if not result["correct"] and question.kind == "multiple" and result["missed"]:
        headline += f" More than one answer is right: you missed {result['missed']}."
    shown = range(len(question.options)) if result["correct"] else result["chosen"]
    items = [
        {
            "index": i,
            "chosen": i in result["chosen"],
            "correct": question.options[i].correct,
            "text": question.options[i].text,
            "feedback": question.options[i].feedback,
        }
        for i in shown
    ]
    return {"headline": headline, "items": items}
