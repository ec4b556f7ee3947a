"""The diary form in Python: messages next to the wrong fields, nothing saved on bad input,
advice as soon as a red flag is ticked, edit and delete after confirming, notes shown as text."""
from datetime import datetime

from twitchcourse.diary import Diary
from twitchcourse.diary_widgets import DiaryWidget


def filled(widget, **changes):
    widget.inputs["when"].value = datetime(2026, 10, 5, 8, 30)
    widget.inputs["areas"].value = ("calf",)
    for name, value in changes.items():
        widget.inputs[name].value = value


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
