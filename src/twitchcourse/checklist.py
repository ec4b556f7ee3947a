"""The red-flag checklist: tick the signs you have, read which kind of help fits and why.

It is for learning, not diagnosis. The data is YAML (notebooks/checklists/), the
rule is one function, advise(), mirrored by advise() in book/_static/twitchcourse.js;
a browser test compares the two on every combination of ticks.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Annotated

import ipywidgets as w
from pydantic import StringConstraints, model_validator

from .quizbank import NOTEBOOK_DIR, QuizDataError, Slug, Text, _display_path, _Strict, read_data_file, read_yaml, \
    validated

CHECKLIST_DIR = NOTEBOOK_DIR / "checklists"
NOTE = ("This checklist is for learning. It cannot diagnose you. If you are worried, "
        "talk to a doctor, whatever the checklist says.")


class Tier(_Strict):
    id: Slug
    label: Text
    advice: Text


class Sign(_Strict):
    id: Slug
    text: Text
    tier: Slug
    reason: Text


class Checklist(_Strict):
    checklist: Slug
    title: Text
    none_ticked: Annotated[str, StringConstraints(min_length=1)]  # the reason shown when no sign is ticked
    tiers: list[Tier]  # from least to most urgent
    signs: list[Sign]

    @model_validator(mode="after")
    def _signs_name_real_tiers(self) -> "Checklist":
        tiers = [t.id for t in self.tiers]
        if len(set(tiers)) != len(tiers):
            raise ValueError("field 'tiers': tier ids must be unique")
        ids = [s.id for s in self.signs]
        if len(set(ids)) != len(ids):
            raise ValueError("field 'signs': sign ids must be unique")
        for sign in self.signs:
            if sign.tier not in tiers:
                raise ValueError(f"sign '{sign.id}', field 'tier': '{sign.tier}' is not one of {tiers}")
        return self

    def as_json(self) -> str:
        return json.dumps(self.model_dump(), ensure_ascii=False, separators=(",", ":"))


def load_checklist(name: str, folder: Path = CHECKLIST_DIR) -> Checklist:
    path = folder / f"{name}.yml"
    where = _display_path(path)
    if not path.is_file():
        raise QuizDataError(f"{where}: no such checklist file")
    return validated(Checklist, read_yaml(read_data_file(path), where), where)


def advise(checklist: Checklist, ticked: list[str]) -> dict:
    """The most urgent tier among the ticked signs (the first tier if none), with the reasons."""
    chosen = [s for s in checklist.signs if s.id in ticked]
    rank = {t.id: i for i, t in enumerate(checklist.tiers)}
    tier = checklist.tiers[max((rank[s.tier] for s in chosen), default=0)]
    reasons = [s.reason for s in chosen] or [checklist.none_ticked]
    return {"tier": tier.id, "label": tier.label, "advice": tier.advice, "reasons": reasons}


def advice_html(result: dict) -> str:
    reasons = "".join(f"<li>{escape(r)}</li>" for r in result["reasons"])
    return (f"<p><strong>{escape(result['label'])}.</strong> {escape(result['advice'])}</p>"
            f"<p>Why:</p><ul>{reasons}</ul><p><em>{escape(NOTE)}</em></p>")


def checklist_html(checklist: Checklist) -> str:
    base = f"tc-checklist-{checklist.checklist}"  # apart from quiz ids, which may share a name
    boxes = "".join(
        f'<div class="tc-option"><input type="checkbox" id="{base}--{s.id}" value="{s.id}">'
        f'<label for="{base}--{s.id}">{escape(s.text)}</label></div>'
        for s in checklist.signs
    )
    return (
        f'<section class="tc-checklist" id="{base}" data-checklist="{escape(checklist.as_json())}">'
        f'<p class="tc-static-note">To use this checklist in JupyterLab, choose <b>Run &gt; Run All Cells</b>.</p>'
        f'<fieldset><legend>{escape(checklist.title)} <span class="tc-hint">(Tick every sign you have.)</span>'
        f'</legend><div class="tc-options">{boxes}</div></fieldset>'
        f'<button type="button" class="tc-check" hidden>Show what to do</button>'
        f'<div class="tc-feedback" role="status" aria-live="polite"></div>'
        f'<p class="tc-note">{escape(NOTE)}</p></section>'
    )


class ChecklistWidget(w.VBox):
    def __init__(self, checklist: Checklist):
        self.checklist = checklist
        self.boxes = {s.id: w.Checkbox(value=False, description=s.text, indent=False, layout=w.Layout(width="auto"))
                      for s in checklist.signs}
        self.show = w.Button(description="Show what to do", button_style="primary")
        self.result = w.HTML()
        self.show.on_click(lambda _: self.update())
        super().__init__([w.HTML(f"<p><b>{escape(checklist.title)}</b> (Tick every sign you have.)</p>"),
                          *self.boxes.values(), self.show, self.result])
        self.add_class("tc-widget-checklist")

    def update(self) -> None:
        ticked = [sign_id for sign_id, box in self.boxes.items() if box.value]
        self.result.value = advice_html(advise(self.checklist, ticked))
