"""The twitch diary in JupyterLab: a form that checks each field, a table of entries with
edit (or cancel editing) and delete (after confirming), the course's advice as soon as a red flag
is ticked, questions for the doctor, a CSV import with a preview, and the summary export.

Nothing the learner writes is kept in a notebook file: the server's pre-save hook (lab.py)
removes the widgets' state before every save."""
from __future__ import annotations

import base64
from datetime import datetime
from html import escape

import ipywidgets as w

from .checklist import advice_html, advise
from .diary import AREAS, DURATIONS, RED_FLAG_SIGNS, RED_FLAGS, Diary, DiaryError, EntryGone
from .levels import html as levels_html, load_levels
from .diary import delete_question, edit_question, from_csv, new_entries, question_rows
from .diary_summary import body_areas_chart, context_chart, summary_csv, summary_html, twitch_days_chart, when_text
from .store import StoreError
from .widgets import run_again_note

LABELS = {"when": "Date and time", "areas": "Where (one or more)", "duration": "How long",
          "strength": "How strong (1 = barely there, 5 = very strong)", "coffee": "Cups of coffee", "tea": "Cups of tea",
          "energy_drinks": "Energy drinks", "sleep_hours": "Hours slept last night", "stress": "Stress (0 = none, 10 = the worst)",
          "exercise": "Hard exercise today", "new_medicines": "A new medicine", "notes": "Notes",
          **{k: f"{v}?" for k, v in RED_FLAGS.items()}}


class DiaryWidget(w.VBox):
    def __init__(self, diary: Diary):
        self.diary, self.editing = diary, None
        self.checklist = load_levels()
        style = {"description_width": "19rem"}  # wide enough for the scales' labels, never cut off
        wide = w.Layout(width="auto")
        self.inputs = {
            "when": w.NaiveDatetimePicker(value=datetime.now().replace(second=0, microsecond=0)),
            "areas": w.SelectMultiple(options=AREAS, rows=7),
            "duration": w.Dropdown(options=DURATIONS, layout=w.Layout(width="26rem")),
            # number boxes with steppers: ipywidgets' sliders lose their track beside a wide label
            "strength": w.BoundedIntText(value=2, min=1, max=5, layout=w.Layout(width="20rem")),
            "coffee": w.IntText(value=0), "tea": w.IntText(value=0), "energy_drinks": w.IntText(value=0),
            "sleep_hours": w.FloatText(value=7.0, step=0.5),
            "stress": w.BoundedIntText(value=3, min=0, max=10, layout=w.Layout(width="20rem")),
            "exercise": w.Checkbox(value=False, indent=False), "new_medicines": w.Checkbox(value=False, indent=False),
            "notes": w.Textarea(placeholder="Anything else you noticed", layout=wide),
            **{flag: w.Checkbox(value=False, indent=False) for flag in RED_FLAGS},
        }
        self.messages = {name: w.HTML() for name in self.inputs}
        rows = []
        for name, control in self.inputs.items():
            control.description, control.style = LABELS[name], style
            rows.append(w.HBox([control, self.messages[name]]))
            if name == "areas":
                rows.append(w.HTML("<p style='margin:0 0 0.5rem 19rem'><small>To choose more than one place, "
                                   "hold Ctrl (⌘ on a Mac) while you click.</small></p>"))
        for flag in RED_FLAGS:
            self.inputs[flag].observe(lambda change: self._show_advice(), names="value")
        self.advice = w.HTML()
        self.save = w.Button(description="Save entry", button_style="primary")
        self.cancel_edit = w.Button(description="Cancel editing", layout=w.Layout(display="none"))
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
        self.question_pick = w.Dropdown(description="Question", options=[], layout=w.Layout(width="30rem"))
        self.edit_question = w.Button(description="Change question")
        self.delete_question = w.Button(description="Delete question")
        self.question_status = w.HTML()
        self.editing_question = None
        self.upload = w.FileUpload(accept=".csv", multiple=False, description="Choose a CSV file",
                                   layout=w.Layout(width="14rem"))
        self.import_preview = w.HTML()
        self.import_button = w.Button(description="Import these entries", button_style="primary",
                                      layout=w.Layout(display="none"))
        self._to_import: list = []
        self.add_question.on_click(lambda _: self._add_question())
        self.edit_question.on_click(lambda _: self._load_question())
        self.delete_question.on_click(lambda _: self._delete_question())
        self.upload.observe(lambda _: self._preview_import(), names="value")
        self.import_button.on_click(lambda _: self._import())
        self.cancel_edit.on_click(lambda _: self._stop_editing("Editing cancelled. Nothing was changed."))
        self.save.on_click(lambda _: self._save())
        self.edit.on_click(lambda _: self._load_for_edit())
        self.delete.on_click(lambda _: self._ask(True))
        self.confirm.children[1].on_click(lambda _: self._delete())
        self.confirm.children[2].on_click(lambda _: self._ask(False))
        super().__init__([run_again_note(), w.HTML("<h3>Add an entry</h3>"), *rows, self.advice,
                          w.HBox([self.save, self.cancel_edit]), self.status,
                          w.HTML("<h3>Your entries</h3>"), self.table,
                          w.HBox([self.pick, self.edit, self.delete]), self.confirm,
                          w.HTML("<h3>Your charts</h3>"), self.charts,
                          w.HTML("<h3>Your questions for the doctor</h3>"), self.question_list,
                          w.HBox([self.question, self.add_question]),
                          w.HBox([self.question_pick, self.edit_question, self.delete_question]), self.question_status,
                          w.HTML("<h3>Add entries from a CSV file</h3><p>For example the <b>twitch-diary.csv</b> "
                                 "exported on another computer. You see what it holds before anything is added; "
                                 "entries already in your diary are not added twice.</p>"),
                          self.upload, self.import_preview, self.import_button])
        self.add_class("tc-widget-diary")
        self.add_class("tc-live")
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
        self._stop_editing("<b>Saved.</b>" if self.editing is None else "<b>Changes saved.</b>")
        self.refresh()

    def _stop_editing(self, status: str) -> None:
        self.editing = None
        self.save.description = "Save entry"
        self.cancel_edit.layout.display = "none"
        self.inputs["notes"].value = ""
        for flag in RED_FLAGS:
            self.inputs[flag].value = False
        self.status.value = status

    def _add_question(self) -> None:
        try:
            if self.editing_question is None:
                self.diary.add_question(self.question.value)
            else:
                edit_question(self.diary, self.editing_question, self.question.value)
        except StoreError as error:
            self._store_problem(error)
            return
        except DiaryError as error:
            self.question_list.value = f'<p role="alert">✗ {escape(error.problems["question"])}</p>' + \
                self._questions_html()
            return
        self.question_status.value = "" if self.editing_question is None else "<b>Question changed.</b>"
        self.editing_question = None
        self.add_question.description = "Add question"
        self.question.value = ""
        self._show_questions()

    def _load_question(self) -> None:
        rows = dict(question_rows(self.diary))
        if self.question_pick.value not in rows:
            self.question_status.value = "Pick a question first."
            return
        self.editing_question = self.question_pick.value
        self.question.value = rows[self.question_pick.value]
        self.add_question.description = "Save question"
        self.question_status.value = "Change the question in the box, then press <b>Save question</b>."

    def _delete_question(self) -> None:
        if self.question_pick.value is None:
            self.question_status.value = "Pick a question first."
            return
        delete_question(self.diary, self.question_pick.value)
        self.editing_question = None
        self.add_question.description = "Add question"
        self.question_status.value = "<b>Question deleted.</b>"
        self._show_questions()

    def _show_questions(self) -> None:
        rows = question_rows(self.diary)
        options = [(text if len(text) <= 60 else text[:59] + "…", qid) for qid, text in rows]
        if options != list(self.question_pick.options):  # redrawing the list would undo a choice in flight
            self.question_pick.options = options
        if rows and self.question_pick.value is None:
            self.question_pick.value = rows[-1][0]
        self.question_list.value = self._questions_html()

    def _questions_html(self) -> str:
        try:
            items = "".join(f"<li>{escape(q)}</li>" for _, q in question_rows(self.diary))
        except StoreError as error:
            return f"<p>{escape(str(error))}</p>"
        return f"<ol>{items}</ol>" if items else "<p>No questions yet. They go on your printed summary.</p>"

    def _preview_import(self) -> None:
        if not self.upload.value:
            return
        file = self.upload.value[0]
        self.upload.value = ()  # so that choosing the same file again is a new choice
        self._to_import = []
        self.import_button.layout.display = "none"
        try:
            entries = from_csv(bytes(file["content"]).decode("utf-8-sig"), file["name"])
        except (DiaryError, UnicodeDecodeError) as error:
            self.import_preview.value = f'<p role="alert">✗ Nothing imported. {escape(str(error))}</p>'
            return
        self._to_import = new_entries(self.diary, entries)
        already = len(entries) - len(self._to_import)
        rows = "".join(f"<li>{escape(when_text(e.when.isoformat(timespec='minutes')))}: "
                       f"{escape(', '.join(e.areas))}</li>" for e in self._to_import[:5])
        more = f"<li>and {len(self._to_import) - 5} more</li>" if len(self._to_import) > 5 else ""
        self.import_preview.value = (f"<p><b>{escape(file['name'])}</b> has {len(entries)} entries: "
                                     f"{len(self._to_import)} new, {already} already in your diary.</p>"
                                     + (f"<ul>{rows}{more}</ul>" if rows else ""))
        if self._to_import:
            self.import_button.description = f"Import {len(self._to_import)} new entries"
            self.import_button.layout.display = "flex"

    def _import(self) -> None:
        try:
            added = self.diary.add_entries(self._to_import)  # skips any the diary gained meanwhile
        except Exception as error:  # the learner must see it: a handler's error only reaches the log
            self.import_preview.value = f'<p role="alert">✗ Nothing imported: {escape(str(error))}</p>'
            return
        self._to_import = []
        self.import_button.layout.display = "none"
        self.import_preview.value = f"<p role='status'><b>Imported {added} entries.</b></p>"
        self.refresh()

    def _load_for_edit(self) -> None:
        try:
            entry = next((e for e in self.diary.entries() if e["id"] == self.pick.value), None)
        except StoreError as error:
            self._store_problem(error, "Your diary could not be read.")
            return
        if entry is None:
            self.status.value = "Pick an entry first (under <b>Your entries</b>)."
            return
        for name, control in self.inputs.items():
            value = entry[name]
            control.value = datetime.fromisoformat(value) if name == "when" else (
                tuple(value) if name == "areas" else value)
        self.editing = entry["id"]
        self.save.description = "Save changes"
        self.cancel_edit.layout.display = "flex"
        self.status.value = f"Editing the entry from {escape(when_text(entry['when']))}."

    def _ask(self, show: bool) -> None:
        if show and self.pick.value is None:
            self.status.value = "Pick an entry first (under <b>Your entries</b>)."
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
        self.pick.options = [(when_text(e["when"]) + ": " + ", ".join(e["areas"]), e["id"]) for e in entries]
        if entries and self.pick.value is None:
            self.pick.value = entries[-1]["id"]  # the latest, so Edit and Delete work without a hunt
        self.table.value = entries_table_html(entries)
        self._show_questions()
        self.charts.value = charts_html(entries)


class ExportWidget(w.VBox):
    """Export summary: writes the one-page summary and the CSV at the moment of the click, into the
    learner's data folder beside the diary, shows the summary, and offers both files as downloads
    (JupyterLab's file list cannot show the data folder, and the files must not go into the course)."""

    def __init__(self, diary: Diary):
        self.diary = diary
        self.button = w.Button(description="Export summary", button_style="primary",
                               tooltip="Make the summary and the CSV file from your diary as it is now")
        self.result = w.HTML()
        self.preview = w.HTML()
        self.button.on_click(lambda _: self.export())
        super().__init__([run_again_note(), self.button, self.result, self.preview])
        self.add_class("tc-widget-export")
        self.add_class("tc-live")

    def export(self) -> None:
        entries, questions = self.diary.entries(), self.diary.questions()
        files = {"twitch-diary-summary.html": ("text/html", summary_html(entries, questions)),
                 "twitch-diary.csv": ("text/csv", summary_csv(entries))}
        folder = self.diary.path.parent
        try:
            for name, (_, text) in files.items():
                (folder / name).write_text(text, encoding="utf-8")
            saved = f"Also saved in a folder on this computer: <code>{escape(str(folder))}</code>."
        except OSError as error:
            saved = (f"They could not be saved in the course's folder on this computer ({escape(str(error))}); "
                     "download them instead.")
        links = "".join(f'<li><a download="{name}" href="data:{kind};charset=utf-8;base64,'
                        f'{base64.b64encode(text.encode()).decode()}">Download {name}</a></li>'
                        for name, (kind, text) in files.items())
        self.result.value = (f'<div role="status"><p><b>Exported {len(entries)} entries and {len(questions)} '
                             f'questions</b> ({datetime.now():%Y-%m-%d %H:%M}).</p><ul>{links}</ul>'
                             "<p>Open the summary file in your browser and print it. " + saved + "</p></div>")
        self.preview.value = (f'<iframe title="Your diary summary, as it prints" srcdoc="{escape(files["twitch-diary-summary.html"][1])}" '
                              'style="width:100%;height:40rem;border:1px solid #767676"></iframe>')


TABLE_HEADINGS = ("When", "Where", "How strong (1 = barely there, 5 = very strong)", "Caffeine drinks",
                  "Sleep", "Stress (0 = none, 10 = the worst)", "Red flags", "Notes")
SWIPE_NOTE = "Swipe the table sideways to see every column."


def entries_table_html(entries: list[dict]) -> str:
    """The entries as a table with everyday dates. Its 8 columns are wider than a phone, so it scrolls
    sideways in its own region (reachable by keyboard, named for screen readers) under a note that says so."""
    if not entries:
        return "<p>No entries yet.</p>"
    head = "".join(f"<th scope='col'>{h}</th>" for h in TABLE_HEADINGS)
    rows = "".join(
        f"<tr><td style='white-space:nowrap'>{escape(when_text(e['when']))}</td><td>{escape(', '.join(e['areas']))}</td>"
        f"<td>{e['strength']}</td><td>{e['coffee'] + e['tea'] + e['energy_drinks']}</td>"
        f"<td>{e['sleep_hours']:g} h</td><td>{e['stress']}</td>"
        f"<td>{escape(', '.join(RED_FLAGS[f] for f in RED_FLAGS if e[f])) or 'none'}</td>"
        f"<td>{escape(e['notes'])}</td></tr>" for e in entries)
    return (f'<p class="tc-swipe-note"><small>{SWIPE_NOTE}</small></p>'
            f'<div class="tc-table-scroll" role="region" aria-label="Diary entries: the table scrolls sideways" '
            f'tabindex="0" style="overflow-x:auto"><table style="min-width:46rem"><caption>{len(entries)} entries</caption>'
            f"<tr>{head}</tr>{rows}</table></div>")


def charts_html(entries: list[dict]) -> str:
    return "".join(chart._repr_html_() for chart in (twitch_days_chart(entries), body_areas_chart(entries),
                                                      context_chart(entries)))
