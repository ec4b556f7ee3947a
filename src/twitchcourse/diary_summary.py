"""The twitch diary's charts (matplotlib) and its one-page summary for an appointment.

Charts are PNGs inside captioned <figure>s with alt text that states the main numbers,
like every picture in the course. They are drawn deterministically (no timestamps in
the file), so nbval can compare the notebook's stored outputs. They use matplotlib's
Figure directly, not pyplot, so the learner's own plotting settings and backend in the
same kernel are left alone.
"""
from __future__ import annotations

import base64
import io
from collections import Counter
from datetime import date, timedelta
from html import escape

from matplotlib import rc_context
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .diary import AREAS, RED_FLAGS, to_csv
from .figures import FILLED

ORANGE = "#b35900"
# Charts are drawn 6 inches wide and shrink to the width of a phone (about 360 px), so their text
# is drawn large: 14 pt reads as about 11 px there.
STYLE = {"font.size": 14, "axes.spines.top": False, "axes.spines.right": False}
STRENGTH_SCALE = "1 = barely there, 5 = very strong"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: str) -> str:
    """An everyday date, the same in every country: "2026-10-01" -> "1 Oct 2026"."""
    d = date.fromisoformat(day[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def when_text(when: str) -> str:
    """An entry's date and time as people write it: "2026-10-01T08:15" -> "1 Oct 2026, 08:15"."""
    return f"{day_text(when)}, {when[11:16]}" if len(when) > 10 else day_text(when)


def _tick_day(value, _position) -> str:
    d = num2date(value)
    return f"{d.day} {MONTHS[d.month - 1]}"


class Chart:
    def __init__(self, fig=None, *, alt: str, caption: str):
        self.png = b""
        if fig is not None:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
            self.png = buffer.getvalue()
        self.alt, self.caption = alt, caption

    def _repr_html_(self) -> str:
        if not self.png:
            return f"<p>{escape(self.caption)}</p>"
        data = base64.b64encode(self.png).decode()
        return (f'<figure class="tc-figure"><img src="data:image/png;base64,{data}" alt="{escape(self.alt)}" '
                f'style="width:100%;max-width:36rem;height:auto"><figcaption>{escape(self.caption)}</figcaption></figure>')


NOTHING = "There is nothing to chart yet: add an entry first."


def _figure(*grid, figsize, **options):
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*grid, **options)


def _days(entries: list[dict]) -> dict[str, list[int]]:
    days: dict[str, list[int]] = {}
    for e in entries:
        days.setdefault(e["when"][:10], []).append(e["strength"])
    return days


DAY_LIMIT = 62  # up to this many days with entries, one dot per day; beyond, one per week, month or year
PERIOD_LIMIT = 120  # dots on a chart at most, so a long diary draws as fast as a short one
MOST_LABELS = 12
MANY_ENTRIES = 500  # beyond this, the scatter charts draw each distinct point once, sized by count


def _week(day: str) -> str:
    monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
    return monday.isoformat()


PERIODS = [("week", "weeks", _week, lambda p: p), ("month", "months", lambda d: d[:7], lambda p: p),
           ("year", "years", lambda d: d[:4], lambda p: p)]


def periods(entries: list[dict]) -> tuple[str, str, dict[str, int]]:
    """(unit, plural, {period: strongest twitch}) for a long diary: the shortest of week, month
    or year that gives at most PERIOD_LIMIT periods (weeks are named by their Monday)."""
    strongest = {day: max(values) for day, values in _days(entries).items()}
    for unit, plural, key, _ in PERIODS:
        grouped: dict[str, int] = {}
        for day, value in strongest.items():
            period = key(day)
            grouped[period] = max(grouped.get(period, 0), value)
        if len(grouped) <= PERIOD_LIMIT or unit == "year":
            return unit, plural, dict(sorted(grouped.items()))
    raise AssertionError("unreachable")


@rc_context(STYLE)  # the course's chart style, for this drawing only
def _long_diary_chart(entries: list[dict]) -> Chart:
    unit, plural, grouped = periods(entries)
    names, strongest = list(grouped), list(grouped.values())
    fig, ax = _figure(figsize=(6, 4))
    ax.plot(range(len(names)), strongest, marker="o", markersize=3, color=FILLED)
    step = -(-len(names) // MOST_LABELS)  # ceiling division
    ax.set_xticks(range(0, len(names), step), names[::step], rotation=60, fontsize=11)
    ax.set_yticks(range(1, 6))
    ax.set_ylim(0.5, 5.5)
    ax.set_ylabel(f"Strongest twitch\n({STRENGTH_SCALE})", fontsize=12)
    ax.set_title(f"Twitches by {unit}, and the strongest each {unit}")
    average = sum(e["strength"] for e in entries) / len(entries)
    span = f"{names[0]} to {names[-1]}"
    return Chart(fig, alt=f"Line chart: twitches in {len(names)} {plural} from {span}; "
                          f"average strength {average:.1f} out of 5.",
                 caption=f"Each dot is a {unit} in which you wrote down twitches ({len(names)} {plural} from "
                         f"{span}), at the strongest twitch of that {unit}. Higher dots mean stronger twitches.")


@rc_context(STYLE)  # the course's chart style, for this drawing only
def twitch_days_chart(entries: list[dict]) -> Chart:
    if not entries:
        return Chart(alt="", caption=NOTHING)
    days = _days(entries)
    if len(days) > DAY_LIMIT:
        return _long_diary_chart(entries)
    dates = sorted(days)
    strongest = [max(days[d]) for d in dates]
    fig, ax = _figure(figsize=(6, 4))
    # real dates on the x axis, so a gap of ten days looks ten times as long as a gap of one
    ax.plot([date.fromisoformat(d) for d in dates], strongest, marker="o", color=FILLED)
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(FuncFormatter(_tick_day))  # "1 Oct": no day-month or month-day puzzle
    ax.tick_params(axis="x", labelrotation=45, labelsize=12)
    ax.set_yticks(range(1, 6))
    ax.set_ylim(0.5, 5.5)
    ax.set_ylabel(f"Strongest twitch\n({STRENGTH_SCALE})", fontsize=12)
    ax.set_title("Days with twitches, and how strong")
    average = sum(e["strength"] for e in entries) / len(entries)
    span = f"{day_text(dates[0])} to {day_text(dates[-1])}"
    return Chart(fig, alt=f"Line chart: twitches on {len(dates)} days from {span}; "
                          f"average strength {average:.1f} out of 5.",
                 caption=f"Each dot is a day you wrote down twitches ({len(dates)} days from {span}). "
                         "Higher dots mean stronger twitches.")


@rc_context(STYLE)  # the course's chart style, for this drawing only
def body_areas_chart(entries: list[dict]) -> Chart:
    if not entries:
        return Chart(alt="", caption=NOTHING)
    counts = Counter(area for e in entries for area in e["areas"])
    areas = sorted(counts, key=lambda a: (counts[a], -AREAS.index(a)))
    fig, ax = _figure(figsize=(6, 0.8 + 0.5 * len(areas)))
    ax.barh(areas, [counts[a] for a in areas], color=FILLED)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # entries are counted: no 0.2 steps
    ax.set_xlabel("Number of entries")
    ax.set_title("Where the twitches were")
    return Chart(fig, alt="Bar chart of body areas: " + ", ".join(f"{a} {counts[a]}" for a in reversed(areas)) + ".",
                 caption=f"How many entries name each part of the body. {_most_common(counts, len(entries))}")


def _most_common(counts: Counter, total: int) -> str:
    """Honest about ties: 'The most common was the calf', or every area that shares first place."""
    top = max(counts.values())
    first = [a for a in AREAS if counts[a] == top]
    if len(first) == 1:
        return f"The most common was the {first[0]} ({top} of {total} entries)."
    names = ", ".join(first[:-1]) + f" and {first[-1]}"
    return f"No area stands out: {names} each come up in {top} of {total} entries."


def context_chart(entries: list[dict], *, stacked: bool = True) -> Chart:
    """Strength beside caffeine, sleep and stress. Stacked (one panel under another, large text) for
    the screen, where the page may be a phone; side by side for the printed summary's half-page box."""
    if not entries:
        return Chart(alt="", caption=NOTHING)
    with rc_context({**STYLE, "font.size": 16 if stacked else 11}):
        return _context_chart(entries, stacked)


def _context_chart(entries: list[dict], stacked: bool) -> Chart:
    strength = [e["strength"] for e in entries]
    panels = [("Caffeine drinks that day", [e["coffee"] + e["tea"] + e["energy_drinks"] for e in entries], "o", FILLED),
              ("Hours slept the night before", [e["sleep_hours"] for e in entries], "s", ORANGE),
              ("Stress (0 = none, 10 = the worst)", [e["stress"] for e in entries], "^", "#222832")]
    if stacked:
        fig, axes = _figure(3, 1, figsize=(6, 8.5), sharey=True, gridspec_kw={"hspace": 0.8})
    else:
        fig, axes = _figure(1, 3, figsize=(7.5, 2.8), sharey=True)
    for ax, (label, values, marker, colour) in zip(axes, panels):
        if len(entries) > MANY_ENTRIES:  # each distinct point once, bigger where there are more entries
            counts = Counter(zip(values, strength))
            most = max(counts.values())
            xs, ys = zip(*counts)
            ax.scatter(xs, ys, marker=marker, color=colour, s=[12 + 60 * counts[p] / most for p in counts])
        else:
            ax.scatter(values, strength, marker=marker, color=colour, s=50 if stacked else None)
        ax.set_xlabel(label if stacked else label.split(" (")[0].replace(" that day", "").replace(" the night before", ""))
        low, high = min(values), max(values)
        if high - low < 2:  # one value only: a readable span around it, not 2.96 to 3.04
            ax.set_xlim(max(0, low - 1.5), high + 1.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))  # drinks, hours and stress in whole steps
        ax.set_yticks(range(1, 6))
        ax.set_ylim(0.5, 5.5)
    if stacked:
        for ax in axes:
            ax.set_ylabel("How strong")
        fig.suptitle(f"Twitch strength beside caffeine, sleep and stress\n(strength: {STRENGTH_SCALE})",
                     fontsize=15)
    else:
        axes[0].set_ylabel("Strength (1-5)")
        fig.suptitle("Twitch strength beside caffeine, sleep and stress")
    return Chart(fig, alt=f"Three scatter charts of {len(entries)} entries: twitch strength against caffeine drinks, "
                          "hours slept and stress.",
                 caption="Each mark is one entry. If marks rise to the right for caffeine or stress, or to the left "
                         "for sleep, that may be a pattern worth telling your doctor about.")


def summary_html(entries: list[dict], questions: list[str], *, title: str = "My twitch diary") -> str:
    """A standalone page to print for an appointment. Every text from the diary is escaped."""
    days = _days(entries)
    if entries:
        dates = sorted(days)
        facts = (f"<p><b>{escape(day_text(dates[0]))} to {escape(day_text(dates[-1]))}</b>: {len(entries)} entries on {len(days)} days. "
                 f"Average strength {sum(e['strength'] for e in entries) / len(entries):.1f} out of 5 "
                 f"({STRENGTH_SCALE}).</p>")
    else:
        facts = "<p>No entries yet.</p>"
    flags = "".join(
        f"<li>{escape(name)}: "
        + (", ".join(escape(day_text(e["when"])) for e in entries if e[key]) or "no")
        + "</li>" for key, name in RED_FLAGS.items())
    asks = "".join(f"<li>{escape(q)}</li>" for q in questions) or "<li>(none written)</li>"
    notes = "".join(f"<li>{escape(day_text(e['when']))}: {escape(e['notes'])}</li>" for e in entries if e["notes"])
    charts = "".join(c._repr_html_() for c in (twitch_days_chart(entries), body_areas_chart(entries),
                                               context_chart(entries, stacked=False)))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            "<style>body{font-family:sans-serif;max-width:44rem;margin:1rem auto;color:#222832;line-height:1.4}"
            "figure{margin:0.5rem 0}img{max-width:100%}figcaption{font-size:0.9rem}"
            "@page{size:A4;margin:1.2cm}"
            "@media print{body{margin:0;font-size:9.5pt;line-height:1.25}h1{font-size:15pt;margin:0 0 4pt}"
            "h2{font-size:11pt;margin:8pt 0 2pt}ul{margin:2pt 0}figure{display:inline-block;width:49%;"
            "vertical-align:top;break-inside:avoid;margin:0}img{max-height:5.2cm;width:auto}"
            "figcaption{font-size:8pt}}</style>"
            f"</head><body><h1>{escape(title)}</h1>{facts}"
            f"<h2>Red flags (dates answered yes)</h2><ul>{flags}</ul>"
            f"<h2>My questions for the doctor</h2><ul>{asks}</ul>"
            f"{'<h2>Notes</h2><ul>' + notes + '</ul>' if notes else ''}"
            f"<h2>Charts</h2>{charts}"
            "<p><i>This summary was made by the learner. It is not a diagnosis.</i></p></body></html>")


def summary_csv(entries: list[dict]) -> str:
    return to_csv(entries)
