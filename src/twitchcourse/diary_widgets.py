"""The twitch diary in JupyterLab: a form that checks each field, a table of entries with
edit and delete (after confirming), and the course's advice as soon as a red flag is ticked."""
from __future__ import annotations

from datetime import datetime
from html import escape

import ipywidgets as w

from .checklist import advice_html, advise, load_checklist
from .diary import AREAS, DURATIONS, RED_FLAG_SIGNS, RED_FLAGS, Diary, DiaryError, EntryGone
from .levels import html as levels_html
from .store import StoreError
from .diary_summary import body_areas_chart, context_chart, twitch_days_chart

LABELS = {"when": "Date and time", "areas": "Where (choose one or more)", "duration": "How long",
          "strength": "How strong (1 to 5)", "coffee": "Cups of coffee", "tea": "Cups of tea",
          "energy_drinks": "Energy drinks", "sleep_hours": "Hours slept last night", "stress": "Stress (0 to 10)",
          "exercise": "Hard exercise today", "new_medicines": "A new medicine", "notes": "Notes",
          **{k: f"{v}?" for k, v in RED_FLAGS.items()}}


class DiaryWidget(w.VBox):
    def __init__(self, diary: Diary):
        self.diary, self.editing = diary, None
        self.checklist = load_checklist("red-flags")
        style = {"description_width": "14rem"}
        wide = w.Layout(width="auto")
        self.inputs = {
            "when": w.NaiveDatetimePicker(value=datetime.now().replace(second=0, microsecond=0)),
            "areas": w.SelectMultiple(options=AREAS, rows=6),
            "duration": w.Dropdown(options=DURATIONS),
            "strength": w.IntSlider(value=2, min=1, max=5),
            "coffee": w.IntText(value=0), "tea": w.IntText(value=0), "energy_drinks": w.IntText(value=0),
            "sleep_hours": w.FloatText(value=7.0), "stress": w.IntSlider(value=3, min=0, max=10),
            "exercise": w.Checkbox(value=False, indent=False), "new_medicines": w.Checkbox(value=False, indent=False),
            "notes": w.Textarea(placeholder="Anything else you noticed", layout=wide),
            **{flag: w.Checkbox(value=False, indent=False) for flag in RED_FLAGS},
        }
        self.messages = {name: w.HTML() for name in self.inputs}
        rows = []
        for name, control in self.inputs.items():
            control.description, control.style = LABELS[name], style
            rows.append(w.HBox([control, self.messages[name]]))
        for flag in RED_FLAGS:
            self.inputs[flag].observe(lambda change: self._show_advice(), names="value")
        self.advice = w.HTML()
        self.save = w.Button(description="Save entry", button_style="primary")
        self.status = w.HTML()
        self.table = w.HTML()
        self.charts = w.HTML()
        self.pick = w.Dropdown(description="Entry", options=[])
        self.edit = w.Button(description="Edit")
        self.delete = w.Button(description="Delete")
        self.confirm = w.HBox([w.HTML("Delete this entry for good?"), w.Button(description="Yes, delete",
                               button_style="danger"), w.Button(description="Cancel")],
                              layout=w.Layout(display="none"))
        self.question = w.Text(placeholder="A question for your doctor", layout=w.Layout(width="30rem"))
        self.add_question = w.Button(description="Add question")
        self.question_list = w.HTML()
        self.add_question.on_click(lambda _: self._add_question())
        self.save.on_click(lambda _: self._save())
        self.edit.on_click(lambda _: self._load_for_edit())
        self.delete.on_click(lambda _: self._ask(True))
        self.confirm.children[1].on_click(lambda _: self._delete())
        self.confirm.children[2].on_click(lambda _: self._ask(False))
        super().__init__([w.HTML("<h3>Add an entry</h3>"), *rows, self.advice, self.save, self.status,
                          w.HTML("<h3>Your entries</h3>"), self.table,
                          w.HBox([self.pick, self.edit, self.delete]), self.confirm,
                          w.HTML("<h3>Your charts</h3>"), self.charts,
                          w.HTML("<h3>Your questions for the doctor</h3>"), self.question_list,
                          w.HBox([self.question, self.add_question])])
        self.add_class("tc-widget-diary")
        self.refresh()
        if diary.notice and not self.status.value:  # e.g. a damaged diary was set aside
            self.status.value = f'<p role="alert"><b>Note:</b> {escape(diary.notice)}</p>'

    def _store_problem(self, error: StoreError, what: str = "Not saved.") -> None:
        """A store problem (read-only, busy, deleted elsewhere, newer diary) in words, in the form."""
        self.status.value = f'<p role="alert"><b>{what}</b> {escape(str(error))}</p>'

    def values(self) -> dict:
        data = {name: control.value for name, control in self.inputs.items()}
        data["areas"] = list(data["areas"])
        return data

    def _show_advice(self) -> None:
        """The course's advice for the ticked red flags, and always the signs that need help
        today or now, since a diary cannot tell a fast change from a slow one."""
        ticked = [RED_FLAG_SIGNS[f] for f in RED_FLAGS if self.inputs[f].value]
        if not ticked:
            self.advice.value = ""
            return
        self.advice.value = (f'<div role="status">{advice_html(advise(self.checklist, ticked))}'
                             f'{levels_html("urgent-levels")}<p><i>This is the course\'s general advice, not a '
                             f"diagnosis. See chapter 5, When to get help.</i></p></div>")

    def _save(self) -> None:
        for message in self.messages.values():
            message.value = ""
        try:
            if self.editing is None:
                self.diary.add(self.values())
            else:
                self.diary.edit(self.editing, self.values())
        except DiaryError as error:
            for field, problem in error.problems.items():
                if field in self.messages:
                    self.messages[field].value = f'<span role="alert">✗ {escape(problem)}</span>'
            self.status.value = "<b>Not saved.</b> Please fix the fields marked ✗."
            return
        except StoreError as error:
            self._store_problem(error)
            if isinstance(error, EntryGone):  # what was typed stays, and Save now adds it as new
                self.editing = None
                self.save.description = "Save entry"
                self.refresh()
            return
        self.status.value = "<b>Saved.</b>" if self.editing is None else "<b>Changes saved.</b>"
        self.editing = None
        self.save.description = "Save entry"
        self.inputs["notes"].value = ""
        self.refresh()

    def _add_question(self) -> None:
        try:
            self.diary.add_question(self.question.value)
        except StoreError as error:
            self._store_problem(error)
            return
        except DiaryError as error:
            self.question_list.value = f'<p role="alert">✗ {escape(error.problems["question"])}</p>' + \
                self._questions_html()
            return
        self.question.value = ""
        self.question_list.value = self._questions_html()

    def _questions_html(self) -> str:
        try:
            items = "".join(f"<li>{escape(q)}</li>" for q in self.diary.questions())
        except StoreError as error:
            return f"<p>{escape(str(error))}</p>"
        return f"<ol>{items}</ol>" if items else "<p>No questions yet. They go on your printed summary.</p>"

    def _load_for_edit(self) -> None:
        try:
            entry = next((e for e in self.diary.entries() if e["id"] == self.pick.value), None)
        except StoreError as error:
            self._store_problem(error, "Your diary could not be read.")
            return
        if entry is None:
            return
        for name, control in self.inputs.items():
            value = entry[name]
            control.value = datetime.fromisoformat(value) if name == "when" else (
                tuple(value) if name == "areas" else value)
        self.editing = entry["id"]
        self.save.description = "Save changes"
        self.status.value = f"Editing the entry from {escape(entry['when'].replace('T', ' '))}."

    def _ask(self, show: bool) -> None:
        self.confirm.layout.display = "flex" if show and self.pick.value is not None else "none"

    def _delete(self) -> None:
        self._ask(False)
        try:
            self.diary.delete(self.pick.value)
            self.status.value = "<b>Entry deleted.</b>"
        except StoreError as error:
            self._store_problem(error, "Not deleted.")
        self.refresh()

    def refresh(self) -> None:
        try:
            entries = self.diary.entries()
        except StoreError as error:
            self._store_problem(error, "Your diary could not be read.")
            return
        self.pick.options = [(e["when"].replace("T", " ") + ", " + ", ".join(e["areas"]), e["id"]) for e in entries]
        self.table.value = entries_table_html(entries)
        self.question_list.value = self._questions_html()
        self.charts.value = charts_html(entries)


def entries_table_html(entries: list[dict]) -> str:
    if not entries:
        return "<p>No entries yet.</p>"
    head = "".join(f"<th scope='col'>{h}</th>" for h in ("When", "Where", "Strength", "Caffeine drinks",
                                                         "Sleep", "Stress", "Red flags", "Notes"))
    rows = "".join(
        f"<tr><td>{escape(e['when'].replace('T', ' '))}</td><td>{escape(', '.join(e['areas']))}</td>"
        f"<td>{e['strength']}</td><td>{e['coffee'] + e['tea'] + e['energy_drinks']}</td>"
        f"<td>{e['sleep_hours']:g} h</td><td>{e['stress']}</td>"
        f"<td>{escape(', '.join(RED_FLAGS[f] for f in RED_FLAGS if e[f])) or 'none'}</td>"
        f"<td>{escape(e['notes'])}</td></tr>" for e in entries)
    return (f'<div class="tc-table-scroll" role="region" aria-label="Diary entries" tabindex="0" style="overflow-x:auto"><table><caption>{len(entries)} entries</caption>'
            f"<tr>{head}</tr>{rows}</table></div>")


def charts_html(entries: list[dict]) -> str:
    return "".join(chart._repr_html_() for chart in (twitch_days_chart(entries), body_areas_chart(entries),
                                                      context_chart(entries)))
