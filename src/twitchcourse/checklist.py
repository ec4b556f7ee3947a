"""The red-flag checklist: tick what you notice, and the advice updates at once.

It is for learning, not diagnosis. Its signs, levels and rule live in levels.py (one
source for all the course's advice on when to get help); advise() there is mirrored
by advise() in book/_static/twitchcourse.js, and the vignette tests run both.
"""
from __future__ import annotations

from html import escape

import ipywidgets as w

from .levels import EXAMINED, Levels, advise

NOTE = ("This checklist is for learning. It cannot diagnose you. If you are worried, "
        "talk to a doctor, whatever the checklist says.")
EXAMINED_TEXT = "A doctor has examined you for these twitches and found no weakness."
__all__ = ["advise", "advice_html", "checklist_html", "ChecklistWidget", "groups"]


def groups(levels: Levels) -> list[tuple[str, list[tuple[str, str]]]]:
    """The checkboxes in groups, most urgent first, each headed by when the change came."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for level in reversed(levels.levels):
        boxes = [(s.id, s.ask) for s in levels.signs_of(level.id)]
        if out and out[-1][0] == level.asks:
            out[-1][1].extend(boxes)
        elif boxes:
            out.append((level.asks, boxes))
    out.append(("About you", [(EXAMINED, EXAMINED_TEXT)]))
    return out


def advice_html(result: dict) -> str:
    """The advice as the book's script writes it (same elements, same words)."""
    reasons = "".join(f"<li>{escape(r)}</li>" for r in result["reasons"])
    return (f'<p class="tc-advice tc-level-{escape(result["level"])}"><strong>Level {result["number"]} of '
            f'{result["of"]}: {escape(result["name"])}.</strong> {escape(result["when"])} '
            f'{escape(result["action"])}</p><p>Why:</p><ul>{reasons}</ul>')


def checklist_html(levels: Levels) -> str:
    base = f"tc-checklist-{levels.checklist}"  # apart from quiz ids, which may share a name
    fieldsets = "".join(
        f'<fieldset><legend>{escape(heading)}</legend><div class="tc-options">'
        + "".join(f'<div class="tc-option"><input type="checkbox" id="{base}--{sid}" value="{sid}">'
                  f'<label for="{base}--{sid}">{escape(text)}</label></div>' for sid, text in boxes)
        + "</div></fieldset>"
        for heading, boxes in groups(levels))
    return (
        f'<section class="tc-checklist" id="{base}" aria-labelledby="{base}-title" '
        f'data-checklist="{escape(levels.as_json())}">'
        f'<p class="tc-static-note">To use this checklist in JupyterLab, choose <b>Run &gt; Run All Cells</b>.</p>'
        f'<h3 class="tc-checklist-title" id="{base}-title">{escape(levels.title)} '
        f'<span class="tc-hint">(Tick everything that fits. The advice below changes as you tick.)</span></h3>'
        f"{fieldsets}"
        f'<div class="tc-feedback" role="status" aria-live="polite" aria-atomic="true">'
        f"{advice_html(advise(levels, []))}</div>"
        f'<p class="tc-note">{escape(NOTE)}</p></section>'
    )


# ipywidgets cuts long checkbox labels with "..."; these labels must wrap instead.
_WRAP = ("<style>.tc-widget-checklist .widget-checkbox, .tc-widget-checklist .widget-checkbox label "
         "{white-space: normal; height: auto; overflow: visible; text-overflow: clip}</style>")


class ChecklistWidget(w.VBox):
    def __init__(self, levels: Levels):
        self.levels = levels
        self.boxes: dict[str, w.Checkbox] = {}
        parts = [w.HTML(f"{_WRAP}<p><b>{escape(levels.title)}</b> (Tick everything that fits. "
                        f"The advice below changes as you tick.)</p>")]
        for heading, boxes in groups(levels):
            parts.append(w.HTML(f"<p><b>{escape(heading)}</b></p>"))
            for sid, text in boxes:
                box = w.Checkbox(value=False, description=text, indent=False, layout=w.Layout(width="100%"))
                box.observe(lambda _change: self.update(), names="value")
                self.boxes[sid] = box
                parts.append(box)
        self.result = w.HTML()
        self.result.add_class("tc-feedback")
        parts += [self.result, w.HTML(f"<p><i>{escape(NOTE)}</i></p>")]
        super().__init__(parts)
        self.add_class("tc-widget-checklist")
        self.update()

    def update(self) -> None:
        ticked = [sid for sid, box in self.boxes.items() if box.value]
        self.result.value = f'<div role="status" aria-live="polite">{advice_html(advise(self.levels, ticked))}</div>'
