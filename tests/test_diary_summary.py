"""The diary's charts and printable summary: deterministic, numbers in the alt text, text escaped."""
from twitchcourse.diary import RED_FLAGS, example_entries, to_csv
from twitchcourse.diary_summary import NOTHING, body_areas_chart, context_chart, summary_csv, summary_html, \
    twitch_days_chart

CHARTS = (twitch_days_chart, body_areas_chart, context_chart)


def test_charts_are_the_same_every_time_and_state_their_numbers():
    entries = example_entries()
    for chart in CHARTS:
        assert chart(entries)._repr_html_() == chart(entries)._repr_html_()
    assert "twitches on 12 days from 1 Oct 2026 to 20 Oct 2026" in twitch_days_chart(entries).alt
    assert "calf 9, eyelid 3, thigh 2, hand 1" in body_areas_chart(entries).alt


def test_no_entries_gives_a_message_not_an_empty_chart():
    for chart in CHARTS:
        assert chart([])._repr_html_() == f"<p>{NOTHING}</p>"


def test_summary_escapes_the_learners_text_and_has_every_part():
    entries = example_entries()
    entries[0] = {**entries[0], "notes": "<script>alert(1)</script>", "weakness_worse": True}
    page = summary_html(entries, ["<b>Is it ALS?</b>"])
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Is it ALS?&lt;/b&gt;" in page
    assert "1 Oct 2026 to 20 Oct 2026" in page and "12 entries on 12 days" in page
    assert all(name in page for name in RED_FLAGS.values())
    assert f"{RED_FLAGS['weakness_worse']}: 1 Oct 2026" in page
    assert page.count("<figure") == 3 and "http" not in page.replace("http-equiv", "")
    assert summary_csv(entries) == to_csv(entries)


def long_diary(n, step_hours):
    from datetime import datetime, timedelta
    base = example_entries()[0]
    start = datetime(1905, 1, 1, 8)
    return [{**base, "when": (start + timedelta(hours=step_hours * i)).isoformat(timespec="minutes"),
             "strength": 1 + i % 5, "coffee": i % 4} for i in range(n)]


def test_a_long_diary_is_charted_by_week_month_or_year_never_by_thousands_of_days():
    from twitchcourse.diary_summary import PERIOD_LIMIT, periods
    assert periods(long_diary(100, 24))[:2] == ("week", "weeks")
    three_years = long_diary(1095, 24)
    unit, _, grouped = periods(three_years)
    assert unit == "month" and len(grouped) == 36 and set(grouped.values()) == {5}
    assert "twitches in 36 months from 1905-01 to 1907-12" in twitch_days_chart(three_years).alt
    huge = long_diary(100_000, 10)  # about 114 years: one dot a year
    unit, _, grouped = periods(huge)
    assert unit == "year" and len(grouped) <= PERIOD_LIMIT
    page = summary_html(huge, [])
    assert page.count("<figure") == 3 and "100000 entries" in page


def test_ties_are_reported_as_ties_and_counts_have_whole_number_ticks():
    from twitchcourse.diary import example_entries
    e = example_entries()
    tie = [{**e[0], "areas": ["eyelid"]}, {**e[1], "areas": ["calf", "face"]}, {**e[2], "areas": ["hand"]}]
    caption = body_areas_chart(tie).caption
    assert "most common" not in caption and "eyelid, face, hand and calf each come up in 1 of 3 entries" in caption
    assert "The most common was the calf (9 of 12 entries)." in body_areas_chart(e).caption


def test_chart_axes_count_in_whole_numbers_and_days_are_spaced_by_date(monkeypatch):
    import matplotlib.figure
    from twitchcourse.diary import example_entries
    drawn = []
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", lambda fig, *a, **k: drawn.append(fig))
    e = example_entries()
    body_areas_chart([{**e[0], "areas": ["eyelid"]}, {**e[1], "areas": ["face"]}])
    ticks = drawn[-1].axes[0].get_xticks()
    assert all(float(t).is_integer() for t in ticks)
    context_chart([{**e[0], "stress": 3}, {**e[1], "stress": 3}])
    assert all(float(t).is_integer() for ax in drawn[-1].axes for t in ax.get_xticks())
    twitch_days_chart([{**e[0], "when": "2026-10-10T08:00"}, {**e[1], "when": "2026-10-20T08:00"},
                       {**e[2], "when": "2026-10-22T08:00"}])
    x = drawn[-1].axes[0].lines[0].get_xdata()
    gaps = [(b - a).days for a, b in zip(x, x[1:])]
    assert gaps == [10, 2]


def test_dates_read_as_everyday_dates_and_the_scales_say_what_their_ends_mean(monkeypatch):
    """"1 Oct 2026, 08:15", not "2026-10-01 08:15"; chart ticks "1 Oct" (never 10-01, which reads
    as 10 January in much of the world); the strength and stress scales name their ends."""
    import matplotlib.figure
    from twitchcourse.diary_summary import day_text, when_text
    assert when_text("2026-10-01T08:15") == "1 Oct 2026, 08:15" and day_text("2026-12-25") == "25 Dec 2026"
    drawn = []
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", lambda fig, *a, **k: drawn.append(fig))
    twitch_days_chart(example_entries())
    fig = drawn[-1]
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(t.split()[1] == "Oct" and t.split()[0].isdigit() for t in ticks), ticks
    assert "1 = barely there, 5 = very strong" in fig.axes[0].get_ylabel()
    context_chart(example_entries())
    assert any("0 = none, 10 = the worst" in ax.get_xlabel() for ax in drawn[-1].axes)


def test_the_scatter_charts_are_stacked_for_a_phone_and_side_by_side_on_paper(monkeypatch):
    import matplotlib.figure
    drawn = []
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", lambda fig, *a, **k: drawn.append(fig))
    context_chart(example_entries())
    boxes = [ax.get_position() for ax in drawn[-1].axes]
    assert len({round(b.x0, 2) for b in boxes}) == 1 and len({round(b.y0, 2) for b in boxes}) == 3, "one above another"
    assert all(label.get_fontsize() >= 14 for ax in drawn[-1].axes for label in ax.get_yticklabels())
    context_chart(example_entries(), stacked=False)
    assert len({round(ax.get_position().y0, 2) for ax in drawn[-1].axes}) == 1, "in a row on the printed summary"
