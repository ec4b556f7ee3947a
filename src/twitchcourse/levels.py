"""The levels of help: the one source of the course's advice on when to get help.

The data is notebooks/checklists/red-flags.yml: each level (its name, how fast, what
to do), its signs with their sources, and the rule for people a doctor has already
examined. Every page renders the advice from it, never from copied prose:

- advise() is the checklist's rule, mirrored by advise() in book/_static/twitchcourse.js;
- myst() writes a block as MyST (with {cite} roles) for the book: notebooks show it
  as a text/markdown output, book pages through the `levels-of-help` directive;
- html() writes the same block as HTML for JupyterLab, which cannot run Sphinx roles
  and has no course stylesheet (so its bars are drawn inline).
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Annotated, Optional

from pydantic import Field, StringConstraints, model_validator

from .quizbank import NOTEBOOK_DIR, QuizDataError, Slug, Text, _display_path, _Strict, read_data_file, read_yaml, validated
from .sources import named

CHECKLIST_DIR = NOTEBOOK_DIR / "checklists"
DATA_NAME = "red-flags"
EXAMINED = "examined-no-weakness"  # the checklist's "a doctor found no weakness" box
Cites = Annotated[list[Slug], Field(min_length=1)]
DETAILS = "Which signs go with each level, and what to do"
BLOCKS = ("picture", "levels", "levels-folded", "levels-collapsed", "urgent-levels", "emergency", "after-exam",
          "stop-line")


class Level(_Strict):
    id: Slug
    timeframe: Text  # two or three words for the picture: "Today", "Within days"
    asks: Text      # the checklist's heading for this level's signs: when the change came
    name: Text
    when: Text      # how fast: a real time frame
    action: Text    # what to do
    cite: Cites
    judgement: Optional[Text] = None  # set where the level is the course's own judgement


class Sign(_Strict):
    id: Slug
    level: Slug
    ask: Text       # the checklist's words: what the person notices
    short: Text     # the words every list of the level's signs uses
    reason: Text    # why the sign needs this level
    cite: Cites


class AfterExam(_Strict):
    title: Text
    text: Text
    judgement: Text
    cite: Cites
    covers: list[Slug]  # the signs a doctor's exam has already answered (they no longer send you back)


class Levels(_Strict):
    checklist: Slug
    title: Text
    none_ticked: Annotated[str, StringConstraints(min_length=1)]
    levels: Annotated[list[Level], Field(min_length=2)]  # from least to most urgent
    signs: list[Sign]
    after_exam: AfterExam

    @model_validator(mode="after")
    def _consistent(self) -> "Levels":
        levels = [level.id for level in self.levels]
        for field, ids in (("levels", levels), ("signs", [s.id for s in self.signs])):
            if len(set(ids)) != len(ids):
                raise ValueError(f"field '{field}': ids must be unique")
        if EXAMINED in {s.id for s in self.signs}:
            raise ValueError(f"field 'signs': the id '{EXAMINED}' is kept for the doctor-examined box")
        for sign in self.signs:
            if sign.level not in levels:
                raise ValueError(f"sign '{sign.id}', field 'level': '{sign.level}' is not one of {levels}")
        unknown = set(self.after_exam.covers) - {s.id for s in self.signs}
        if unknown:
            raise ValueError(f"field 'after_exam.covers': no sign has the id {sorted(unknown)}")
        return self

    def number(self, level_id: str) -> int:
        return [level.id for level in self.levels].index(level_id) + 1

    def signs_of(self, level_id: str) -> list[Sign]:
        return [s for s in self.signs if s.level == level_id]

    @property
    def emergency(self) -> Level:
        return self.levels[-1]

    @property
    def examined_covers(self) -> list[str]:
        return self.after_exam.covers

    def as_json(self) -> str:
        data = self.model_dump()
        data["examined"] = {"id": EXAMINED, "covers": self.examined_covers}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def load_levels(name: str = DATA_NAME, folder: Path = CHECKLIST_DIR) -> Levels:
    path = folder / f"{name}.yml"
    where = _display_path(path)
    if not path.is_file():
        raise QuizDataError(f"{where}: no such checklist file")
    return validated(Levels, read_yaml(read_data_file(path), where), where)


def advise(levels: Levels, ticked: list[str]) -> dict:
    """The most urgent level among the ticked signs (level 1 if none), with the reasons,
    most urgent first. If a doctor has examined the person and found no weakness, the
    signs that exam answered no longer send them back."""
    examined = EXAMINED in ticked
    ignored = set(levels.examined_covers) if examined else set()
    chosen = [s for s in levels.signs if s.id in ticked and s.id not in ignored]
    chosen.sort(key=lambda s: -levels.number(s.level))  # stable: file order within a level
    top = max((levels.number(s.level) for s in chosen), default=1)
    level = levels.levels[top - 1]
    # After a normal exam the exam is the reason, even for signs it set aside: never "you ticked none".
    reasons = [s.reason for s in chosen] or ([] if examined else [levels.none_ticked])
    if examined:
        reasons.append(f"{levels.after_exam.title}: {levels.after_exam.text}")
    return {"level": level.id, "number": top, "of": len(levels.levels), "name": level.name,
            "when": level.when, "action": level.action, "reasons": reasons}


def sign_label(sign_id: str) -> str:
    """A sign's short words as a label, for the diary's questions."""
    sign = next((s for s in load_levels().signs if s.id == sign_id), None)
    if sign is None:
        raise QuizDataError(f"{_display_path(CHECKLIST_DIR / (DATA_NAME + '.yml'))}: no sign '{sign_id}'")
    return _sentence(sign.short)


# JupyterLab hides a summary's disclosure triangle and, in a notebook not yet run, strips the styles that
# would bring it back: the summary is drawn as a button and says what it does.
_SUMMARY = ('style="cursor:pointer;font-weight:600;border:1px solid #767676;border-radius:0.4rem;'
            'padding:0.3rem 0.6rem;margin:0.3rem 0"')


def _block_class(block: str) -> str:
    return "tc-urgent-levels" if block == "urgent-levels" else "tc-levels"  # folded or not, the same levels


def _signs_title(signs) -> str:
    """levels-folded: the closed list of a level's signs (chapter 5, where the checklist lists them too)."""
    return f"The {len(signs)} signs for this level"


# --- Rendering: one plan, written as MyST for the book or as HTML for JupyterLab. ---

def _plan(levels: Levels, block: str) -> dict:
    """What a block says, as data: a heading, paragraphs and lists of (text, sources)."""
    if block in ("levels", "levels-folded", "urgent-levels"):
        shown = list(enumerate(levels.levels, 1))[-2 if block == "urgent-levels" else 0:]
        steps = []
        for number, level in reversed(shown):  # most urgent first
            signs = [(_sentence(s.short), s.cite) for s in levels.signs_of(level.id)]
            steps.append({"heading": f"Level {number}: {level.name}", "level": level.id,
                          "when": level.when, "action": (level.action, level.cite),
                          "signs": signs, "judgement": level.judgement})
        if block == "urgent-levels":
            return {"title": "Get help faster", "steps": steps,
                    "note": "If a sign came on quickly, these levels come first."}
        return {"title": "The levels of help", "steps": steps,
                "note": "Find the highest level that matches any of your signs, and do what it says."}
    if block == "emergency":
        # Short enough for the top of every page: the signs' sources are named once, with the title.
        level = levels.emergency
        signs = levels.signs_of(level.id)
        return {"title": (f"{level.name} if you have", list(dict.fromkeys(k for s in signs for k in s.cite))),
                "signs": [_sentence(s.short) for s in signs],
                "action": (level.action, level.cite),
                "note": "This course is for learning. It cannot diagnose you."}
    if block == "stop-line":  # one paragraph for a printed diary: the levels above home and routine
        return {"title": "Stop the diary and get help if you notice",
                "parts": [(level.name, "; ".join(s.short for s in levels.signs_of(level.id)), level.cite)
                          for level in reversed(levels.levels[2:])]}
    if block == "after-exam":
        after = levels.after_exam
        return {"title": after.title, "text": (after.text, after.cite), "judgement": after.judgement}
    raise ValueError(f"unknown block '{block}': choose one of {', '.join(BLOCKS)}")


# Small icons for the picture, one per level (drawn, so nothing loads from another site).
ICONS = {
    "home": '<path d="M4 13 12 5l8 8M6 11v8h4v-5h4v5h4v-8"/>',
    "routine": '<rect x="4" y="6" width="16" height="14" rx="1"/><path d="M4 10h16M8 4v4M16 4v4"/>',
    "days": '<rect x="4" y="6" width="16" height="14" rx="1"/><path d="M4 10h16M8 4v4M16 4v4M8 14h3v3H8z"/>',
    "same-day": '<circle cx="12" cy="12" r="8"/><path d="M12 7v5l3 3"/>',
    "emergency": '<path d="M6 4h4l1 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 1v4a2 2 0 0 1-2 2A15 15 0 0 1 4 6a2 2 0 0 1 2-2z"/>',
}


def _bar(levels: Levels, level_id: str) -> str:
    """JupyterLab has no course stylesheet, so its HTML carries the bar inline: thicker when
    more urgent, red for an emergency (the book's stylesheet draws the same from the classes)."""
    number = levels.number(level_id)
    colour = "#a51d2d" if level_id == levels.emergency.id else "#0a4f8f"
    return (f"border:1px solid #767676;border-left:{1 + 3 * number}px solid {colour};border-radius:0.4rem;"
            f"padding:0.35rem 0.6rem;margin:0 0 0.4rem")


def picture_html(levels: Levels | None = None, inline: bool = False) -> str:
    """The levels of help as one picture: a ladder of five steps, most urgent at the top,
    each with its icon, name and time frame. inline=True adds the styles JupyterLab needs."""
    levels = levels or load_levels()

    def style(css):
        return f' style="{css}"' if inline else ""

    steps = "".join(
        f'<li class="tc-step tc-level-{level.id}"{style("display:flex;align-items:center;gap:0.6rem;list-style:none;" + _bar(levels, level.id))}>'
        f'<svg class="tc-step-icon" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" '
        f'fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">'
        f'{ICONS.get(level.id, "")}</svg><span class="tc-step-name"{style("flex:1;font-weight:600")}>'
        f'<span class="tc-step-number"{style("display:block;font-weight:400;font-size:0.85em")}>Level {number}</span> '
        f'{escape(level.name)}</span><span class="tc-step-time"{style("font-weight:700;white-space:nowrap")}>'
        f'{escape(level.timeframe)}</span></li>'
        for number, level in reversed(list(enumerate(levels.levels, 1))))
    return (f'<figure class="tc-levels-picture"><ol class="tc-steps"{style("padding:0;margin:0")}>{steps}</ol>'
            f"<figcaption>The {len(levels.levels)} levels of help, most urgent at the top: the thicker the bar, "
            f"the more urgent. Find the highest level that fits any of your signs.</figcaption></figure>")


def myst(block: str, levels: Levels | None = None) -> str:
    """The block as MyST Markdown for the book: sources as {cite} roles."""
    if block == "picture":
        return picture_html(levels) + "\n"
    if block == "levels-collapsed":
        # A sphinx-design dropdown, like the chapters' own dropdowns (the levels use up to five colons).
        return f"::::::{{dropdown}} {DETAILS}\n{myst('levels', levels)}\n::::::\n"
    plan = _plan(levels or load_levels(), block)

    def cited(item):
        text, keys = item
        return f"{text} {{cite}}`{','.join(keys)}`"

    out = []
    if block in ("levels", "levels-folded", "urgent-levels"):
        folded = block == "levels-folded"
        out.append(f":::::{{container}} {_block_class(block)}\n**{plan['title']}.** {plan['note']}\n")
        for step in plan["steps"]:
            out.append(f"::::{{container}} tc-level tc-level-{step['level']}\n**{step['heading']}.** "
                       f"*{step['when']}* {cited(step['action'])}\n")
            if folded:
                out.append(f":::{{dropdown}} {_signs_title(step['signs'])}")
            out.extend(f"- {cited(sign)}" for sign in step["signs"])
            if step["judgement"]:
                out.append(f"\n{step['judgement']}")
            out.append(":::\n::::\n" if folded else "::::\n")
        out.append(":::::")
    elif block == "emergency":
        title, keys = plan["title"]
        out.append(f":::{{container}} tc-emergency\n**{title}:** {{cite}}`{','.join(keys)}`\n")
        out.extend(f"- {sign}" for sign in plan["signs"])
        out.append(f"\n**{cited(plan['action'])}** {plan['note']}\n:::")
    elif block == "stop-line":
        parts = " ".join(f"**{name}:** {signs}. {{cite}}`{','.join(keys)}`" for name, signs, keys in plan["parts"])
        out.append(f":::{{container}} tc-stop-line\n**{plan['title']}:** {parts}\n:::")
    else:
        out.append(f":::{{container}} tc-after-exam\n**{plan['title']}.** {cited(plan['text'])} "
                   f"{plan['judgement']}\n:::")
    return "\n".join(out) + "\n"


def html(block: str, levels: Levels | None = None) -> str:
    """The block as HTML for JupyterLab: the same plan, sources named in brackets."""
    if block == "picture":
        return picture_html(levels, inline=True)
    if block == "levels-collapsed":
        return (f'<details class="tc-details"><summary {_SUMMARY}>{DETAILS} (select to open or close)</summary>'
                f'{html("levels", levels)}</details>')
    levels = levels or load_levels()
    plan = _plan(levels, block)

    def cited(item):
        text, keys = item
        return f"{escape(text)} <small>({escape(named(keys))})</small>"

    def items(signs):
        return "<ul>" + "".join(f"<li>{cited(sign)}</li>" for sign in signs) + "</ul>"

    if block in ("levels", "levels-folded", "urgent-levels"):
        # JupyterLab shows levels-folded unfolded: a page's length matters on a phone, not in JupyterLab.
        def signs(step):
            return items(step["signs"]) + (f"<p>{escape(step['judgement'])}</p>" if step["judgement"] else "")

        steps = "".join(
            f'<div class="tc-level tc-level-{step["level"]}" style="{_bar(levels, step["level"])}"><p><strong>{escape(step["heading"])}.</strong> '
            f'<em>{escape(step["when"])}</em> {cited(step["action"])}</p>{signs(step)}</div>'
            for step in plan["steps"])
        return (f'<div class="{_block_class(block)}"><p><strong>{escape(plan["title"])}.</strong> {escape(plan["note"])}</p>'
                f"{steps}</div>")
    if block == "emergency":
        return (f'<div class="tc-emergency" role="note" style="border:3px solid #a51d2d;border-radius:0.5rem;'
                f'padding:0.5rem 0.8rem"><p><strong>{escape(plan["title"][0])}:</strong> '
                f'<small>({escape(named(plan["title"][1]))})</small></p>'
                f'<ul>{"".join(f"<li>{escape(sign)}</li>" for sign in plan["signs"])}</ul><p><strong>{cited(plan["action"])}</strong> {escape(plan["note"])}</p></div>')
    if block == "stop-line":
        parts = " ".join(f"<strong>{escape(name)}:</strong> {cited((signs + '.', keys))}" for name, signs, keys in plan["parts"])
        return f'<div class="tc-stop-line"><p><strong>{escape(plan["title"])}:</strong> {parts}</p></div>'
    return (f'<div class="tc-after-exam"><p><strong>{escape(plan["title"])}.</strong> {cited(plan["text"])} '
            f'{escape(plan["judgement"])}</p></div>')


class LevelsBlock:
    """A notebook output with two renderings: MyST for the book, HTML for JupyterLab."""

    def __init__(self, block: str):
        self.block = block
        if block not in ("picture", "levels-collapsed"):
            _plan(load_levels(), block)  # fail at once on an unknown block

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": myst(self.block), "text/html": html(self.block),
                "text/plain": f"The course's advice on when to get help ({self.block})"}
