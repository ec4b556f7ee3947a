"""The diary form in Python: messages next to the wrong fields, nothing saved on bad input,
advice as soon as a red flag is ticked, edit and delete after confirming, notes shown as text."""
from datetime import datetime

from twitchcourse.diary import Diary
from support import filled
from twitchcourse.diary_widgets import DiaryWidget


def test_bad_input_shows_a_message_by_the_field_and_saves_nothing(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    filled(widget, coffee=-2, sleep_hours=40.0)
    widget.inputs["areas"].value = ()
    widget.save.click()
    assert "must be 0 or more" in widget.messages["coffee"].value
    assert "must be 16 or less" in widget.messages["sleep_hours"].value
    assert "choose at least one" in widget.messages["areas"].value
    assert "Not saved" in widget.status.value and widget.diary.entries() == []


def test_save_edit_and_delete_after_confirming(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    filled(widget, notes="<b>not bold</b>", strength=3)
    widget.save.click()
    assert "Saved" in widget.status.value and "&lt;b&gt;not bold&lt;/b&gt;" in widget.table.value
    widget.pick.value = widget.diary.entries()[0]["id"]
    widget.edit.click()
    widget.inputs["strength"].value = 5
    widget.save.click()
    assert widget.diary.entries()[0]["strength"] == 5
    widget.delete.click()
    widget.confirm.children[2].click()  # cancel keeps it
    assert len(widget.diary.entries()) == 1
    widget.delete.click()
    widget.confirm.children[1].click()
    assert widget.diary.entries() == [] and "No entries yet" in widget.table.value


def test_a_red_flag_shows_the_course_advice_at_once(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    assert widget.advice.value == ""
    widget.inputs["weakness_worse"].value = True
    assert "Level 3 of 5: See a doctor within a few days" in widget.advice.value
    assert "Level 5: Call an emergency number now" in widget.advice.value, "the faster levels are always shown"
    assert "Level 4: Get medical help today" in widget.advice.value
    assert "not a diagnosis" in widget.advice.value
    widget.inputs["weakness_worse"].value = False
    assert widget.advice.value == ""


def test_questions_for_the_doctor_are_added_and_checked(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    widget.question.value = "   "
    widget.add_question.click()
    assert "1 to 300 characters" in widget.question_list.value and widget.diary.questions() == []
    widget.question.value = "Do I need <any> tests?"
    widget.add_question.click()
    assert widget.diary.questions() == ["Do I need <any> tests?"]
    assert "Do I need &lt;any&gt; tests?" in widget.question_list.value and widget.question.value == ""


def test_import_of_an_exported_csv_adds_every_entry(tmp_path):
    from twitchcourse import import_diary_csv
    from twitchcourse.diary import example_entries, to_csv
    source = Diary(tmp_path / "a.sqlite3")
    for entry in example_entries():
        source.add(entry)
    (tmp_path / "diary.csv").write_text(to_csv(source.entries()))
    target = Diary(tmp_path / "b.sqlite3")
    import_diary_csv(target, str(tmp_path / "diary.csv"))
    assert len(target.entries()) == len(example_entries())


def test_cancel_editing_leaves_the_entry_as_it_was(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    filled(widget, strength=2)
    widget.save.click()
    widget.pick.value = widget.diary.entries()[0]["id"]
    widget.edit.click()
    assert widget.cancel_edit.layout.display == "flex"
    widget.inputs["strength"].value = 5
    widget.cancel_edit.click()
    assert "cancelled" in widget.status.value and widget.save.description == "Save entry"
    assert widget.cancel_edit.layout.display == "none" and widget.diary.entries()[0]["strength"] == 2


def test_edit_or_delete_with_nothing_picked_says_so(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    widget.edit.click()
    assert "Pick an entry first" in widget.status.value
    widget.delete.click()
    assert "Pick an entry first" in widget.status.value and widget.confirm.layout.display == "none"


def test_questions_for_the_doctor_can_be_changed_and_deleted(tmp_path):
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    for text in ("Is it ALS?", "Do I need tests?"):
        widget.question.value = text
        widget.add_question.click()
    widget.question_pick.value = widget.question_pick.options[0][1]
    widget.edit_question.click()
    assert widget.question.value == "Is it ALS?" and widget.add_question.description == "Save question"
    widget.question.value = "Could it be anything serious?"
    widget.add_question.click()
    assert widget.diary.questions() == ["Could it be anything serious?", "Do I need tests?"]
    widget.question_pick.value = widget.question_pick.options[1][1]
    widget.delete_question.click()
    assert widget.diary.questions() == ["Could it be anything serious?"]
    assert "Do I need tests?" not in widget.question_list.value


def test_csv_upload_previews_then_imports_only_new_entries(tmp_path):
    from twitchcourse.diary import example_entries, to_csv
    source = Diary(tmp_path / "a.sqlite3")
    for entry in example_entries()[:3]:
        source.add(entry)
    csv = to_csv(source.entries()).encode()
    widget = DiaryWidget(Diary(tmp_path / "b.sqlite3"))
    widget.diary.add(example_entries()[0])
    widget.upload.value = ({"name": "twitch-diary.csv", "type": "text/csv", "size": len(csv),
                            "content": memoryview(csv), "last_modified": datetime(2026, 10, 5)},)
    assert "3 entries: 2 new, 1 already in your diary" in widget.import_preview.value
    assert len(widget.diary.entries()) == 1, "nothing is added before the learner confirms"
    widget.import_button.click()
    assert len(widget.diary.entries()) == 3 and "Imported 2 entries" in widget.import_preview.value
    widget.upload.value = ({"name": "twitch-diary.csv", "type": "text/csv", "size": len(csv),
                            "content": memoryview(b"when\n" + csv), "last_modified": datetime(2026, 10, 6)},)
    assert "Nothing imported" in widget.import_preview.value and "header" in widget.import_preview.value


def test_export_writes_the_summary_and_csv_when_pressed_and_offers_downloads(tmp_path):
    from twitchcourse.diary_widgets import ExportWidget
    diary = Diary(tmp_path / "d.sqlite3")
    export = ExportWidget(diary)
    assert not (tmp_path / "twitch-diary-summary.html").exists(), "nothing is written before the button"
    from twitchcourse.diary import example_entries
    diary.add({**example_entries()[0], "notes": "tired"})
    export.button.click()
    assert "tired" in (tmp_path / "twitch-diary-summary.html").read_text()
    assert (tmp_path / "twitch-diary.csv").read_text().count("\n") == 2
    assert 'download="twitch-diary-summary.html"' in export.result.value and "Exported 1 entries" in export.result.value
    assert "<iframe" in export.preview.value


def test_the_entries_table_reads_on_a_phone_with_everyday_dates_and_labelled_scales():
    from twitchcourse.diary import example_entries
    from twitchcourse.diary_widgets import SWIPE_NOTE, entries_table_html
    table = entries_table_html(example_entries())
    assert "1 Oct 2026, 08:15" in table and "2026-10-01" not in table
    assert "Stress (0 = none, 10 = the worst)" in table and "1 = barely there, 5 = very strong" in table
    assert SWIPE_NOTE in table and table.index(SWIPE_NOTE) < table.index("<table")
    region = table[table.index('<div class="tc-table-scroll"'):table.index("<table")]
    assert 'tabindex="0"' in region and 'role="region"' in region and "aria-label=" in region
    assert "overflow-x:auto" in region


def test_the_form_names_the_ends_of_its_scales_and_lists_entries_by_everyday_date(tmp_path):
    from twitchcourse.diary import example_entries
    widget = DiaryWidget(Diary(tmp_path / "d.sqlite3"))
    assert widget.inputs["stress"].description == "Stress (0 = none, 10 = the worst)"
    assert "1 = barely there, 5 = very strong" in widget.inputs["strength"].description
    widget.diary.add(example_entries()[0])
    widget.refresh()
    assert widget.pick.options[0][0] == "1 Oct 2026, 08:15: calf"
