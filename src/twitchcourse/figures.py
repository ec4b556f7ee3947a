"""Pictures for numbers: icon arrays and dot pictures drawn as SVG, shown as a captioned figure with alt text.

SVG drawn from code is deterministic (so nbval can compare it), sharp on any
screen, and small. The figure is plain HTML (<figure>, <img alt>, <figcaption>),
so it reads the same in JupyterLab and in the book.

One visual language in every picture:
- filled (dark blue) marks are the people who have what the caption counts
  (noticed twitches, got ALS, still twitched...); outlined (grey) marks are everyone else;
- every icon array and dot picture carries its own legend ("= ..." next to a filled and an
  outlined mark), so nothing depends on the caption or on seeing colour.

Pictures are drawn at the size they show on a phone: one SVG unit is one CSS pixel and
the picture is WIDTH px wide, which fits the text column of a 390-px screen, so the
legend's 15-px text stays 15 px there (narrower screens scale the whole picture down).
"""
from __future__ import annotations

import base64
from html import escape
from math import isqrt

FILLED = "#0a4f8f"   # dark blue: 8.6:1 contrast on white
OUTLINE = "#595959"  # grey outline: 7:1 contrast on white
INK = "#222832"      # text
CELL_W, CELL_H = 12, 22
WIDTH = 340          # px: the text column of a 390-px phone is 358 px
TEXT, LINE = 15, 20  # legend text size and line height, px


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _wrap(text: str, width: float, size: int = TEXT) -> list[str]:
    """Split text into lines that fit width px (a generous estimate of sans-serif letter widths)."""
    per_line, lines, line = max(8, int(width / (0.6 * size))), [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def _text(x: float, y: float, lines: list[str], *, size: int = TEXT, bold: bool = False,
          anchor: str = "start", fill: str = INK) -> str:
    """Lines of text, the first baseline at y."""
    weight = ' font-weight="bold"' if bold else ""
    return "".join(f'<text x="{_num(x)}" y="{_num(y + i * (size + 5))}" font-family="sans-serif" font-size="{size}" '
                   f'fill="{fill}" text-anchor="{anchor}"{weight}>{escape(line)}</text>' for i, line in enumerate(lines))


def _person(x: float, y: float, filled: bool) -> str:
    fill = FILLED if filled else "none"
    stroke = FILLED if filled else OUTLINE
    return (f'<circle cx="{x + 6}" cy="{y + 4.5}" r="3.5" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'
            f'<rect x="{x + 1.5}" y="{y + 9.5}" width="9" height="10" rx="3.5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.2"/>')


def _dot(x: float, y: float, filled: bool, r: float = 6) -> str:
    return (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{FILLED if filled else "none"}" '
            f'stroke="{FILLED if filled else OUTLINE}" stroke-width="1.5"/>')


def _legend(y: float, filled_text: str, outlined_text: str, mark) -> tuple[str, float]:
    """Two legend rows at y, each a mark (mark(x, y, filled) draws it in a 24 x 24 box) and "= text".
    Returns the SVG and the height used."""
    parts, top = [], y
    for filled, words in ((True, filled_text), (False, outlined_text)):
        lines = _wrap(f"= {words}", WIDTH - 34)
        parts.append(mark(4, top, filled))
        parts.append(_text(34, top + 17, lines))
        top += max(28, len(lines) * LINE + 8)
    return "".join(parts), top - y


def _person_mark(x: float, y: float, filled: bool) -> str:
    return f'<g transform="translate({_num(x + 4)} {_num(y + 1)})">{_person(0, 0, filled)}</g>'


def _dot_mark(x: float, y: float, filled: bool) -> str:
    return _dot(x + 10, y + 12, filled)


def _svg(height: float, body: str, width: float = WIDTH) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}">'
            f'<rect width="100%" height="100%" fill="#ffffff"/>{body}</svg>')


def _people(n: int) -> str:
    return f"{n:,} person" if n == 1 else f"{n:,} people"


def icon_array_svg(affected: int, total: int, columns: int = 10, *, filled: str | None = None,
                   outlined: str | None = None) -> str:
    """`total` figures of people, the first `affected` filled, and a legend underneath.

    filled / outlined: what a filled and an outlined figure stand for ("70 people who noticed
    twitches"). Without them the legend says the filled figures are the people the caption counts."""
    if not 0 <= affected <= total or total < 1:
        raise ValueError(f"icon array needs 0 <= affected <= total, got {affected} of {total}")
    rows = -(-total // columns)
    scale = min(1.25, (WIDTH - 10) / (columns * CELL_W))  # people as large as the column allows, up to 15 px wide
    grid_w, grid_h = columns * CELL_W * scale, rows * CELL_H * scale
    people = "".join(_person((i % columns) * CELL_W, (i // columns) * CELL_H, i < affected) for i in range(total))
    grid = (f'<g transform="translate({_num((WIDTH - grid_w) / 2)} 2) scale({_num(scale)})">{people}</g>')
    if filled is None:
        filled = f"{_people(affected)} the caption counts" if affected else "a person the caption counts (none here)"
    if outlined is None:
        outlined = f"the other {_people(total - affected)}"
    legend, legend_h = _legend(grid_h + 14, filled, outlined, _person_mark)
    return _svg(grid_h + 14 + legend_h, grid + legend)


def dot_field_svg(affected: int, total: int, *, filled: str, outlined: str, block: int = 10_000) -> str:
    """For numbers too large for figures of people (such as 2 in 100,000): one square of `block` people,
    one dot each, large enough to see on a phone; under it a row of squares like it that together make
    `total`, with one filled dot for each affected person; and a legend."""
    side = isqrt(block)
    if side * side != block or total % block or not 0 <= affected <= total:
        raise ValueError(f"dot field needs a square block, total a multiple of it and 0 <= affected <= total, "
                         f"got {affected} of {total} in blocks of {block}")
    squares, pitch = total // block, 2.6
    big, x0 = side * pitch, (WIDTH - side * pitch) / 2
    parts = [_text(WIDTH / 2, 16, [f"This square is {block:,} people: one dot each"], bold=True, anchor="middle"),
             f'<defs><pattern id="one" width="{pitch}" height="{pitch}" patternUnits="userSpaceOnUse" '
             f'x="{_num(x0)}" y="26"><circle cx="{pitch / 2}" cy="{pitch / 2}" r="0.85" fill="none" '
             f'stroke="{OUTLINE}" stroke-width="0.5"/></pattern></defs>',
             f'<rect x="{_num(x0)}" y="26" width="{_num(big)}" height="{_num(big)}" fill="url(#one)" '
             f'stroke="{OUTLINE}" stroke-width="1"/>']
    y = 26 + big + 24
    parts.append(_text(WIDTH / 2, y, [f"{squares} squares like it make {total:,} people"], bold=True,
                       anchor="middle"))
    gap = 4
    size = min(30, (WIDTH - gap * (squares - 1)) / squares) if squares > 1 else 30
    row_w = squares * size + (squares - 1) * gap
    top = y + 10
    # Spread the filled dots over the squares: the dot for person i sits in square (i + 0.5) * squares / affected.
    homes = [int((i + 0.5) * squares / affected) for i in range(affected)] if affected else []
    for s in range(squares):
        sx = (WIDTH - row_w) / 2 + s * (size + gap)
        parts.append(f'<rect x="{_num(sx)}" y="{_num(top)}" width="{_num(size)}" height="{_num(size)}" '
                     f'fill="#eceef1" stroke="{OUTLINE}" stroke-width="{2 if s == 0 else 1}"/>')
        here = homes.count(s)
        for k in range(here):
            parts.append(_dot(sx + size * (k + 1) / (here + 1), top + size / 2, True, r=4.5))
    legend, legend_h = _legend(top + size + 14, filled, outlined, _dot_mark)
    return _svg(top + size + 14 + legend_h, "".join(parts) + legend)


def strength_svg() -> str:
    """The course's key message as a picture: strength over time with twitches alone (it stays the same)
    and with weakness that gets worse (it keeps falling). Filled = the strength a muscle has; outlined = lost."""
    panel, bar = (WIDTH - 20) / 2, 60
    base = 16 + 2 * (TEXT + 5) + bar  # two lines of title, then the bars
    parts = []
    for p, (title, heights, note) in enumerate((
            ("Twitches on their own", (1, 1, 1), "Strength stays the same"),
            ("Weakness that gets worse", (1, 0.65, 0.3), "Strength keeps falling"))):
        left = p * (panel + 20)
        middle = left + panel / 2
        parts.append(_text(middle, 16, _wrap(title, panel, 15), bold=True, anchor="middle"))
        for b, h in enumerate(heights):
            bx = left + 22 + b * 44
            parts.append(f'<rect x="{_num(bx)}" y="{_num(base - bar)}" width="30" height="{bar}" fill="none" '
                         f'stroke="{OUTLINE}" stroke-width="1.5"/>')
            parts.append(f'<rect x="{_num(bx)}" y="{_num(base - bar * h)}" width="30" height="{_num(bar * h)}" '
                         f'fill="{FILLED}"/>')
            if p == 0:  # a twitch: two small arcs beside the top of each bar
                parts.append(f'<path d="M{_num(bx + 33)} {_num(base - bar + 6)} q4 4 0 8 M{_num(bx + 37)} '
                             f'{_num(base - bar + 3)} q6 7 0 14" fill="none" stroke="{INK}" stroke-width="1.5"/>')
        parts.append(f'<line x1="{_num(left + 14)}" y1="{_num(base)}" x2="{_num(left + panel - 6)}" '
                     f'y2="{_num(base)}" stroke="{INK}" stroke-width="1.5"/>')
        parts.append(_text(middle, base + 20, [f"{note} →"], size=13, anchor="middle"))
    # legend on one row: a filled and an outlined square
    top = base + 34
    for x, filled, words in ((4, True, "= strength it has"), (176, False, "= strength lost")):
        parts.append(f'<rect x="{x + 2}" y="{top + 4}" width="16" height="16" fill="{FILLED if filled else "none"}" '
                     f'stroke="{FILLED if filled else OUTLINE}" stroke-width="1.5"/>')
        parts.append(_text(x + 26, top + 17, [words]))
    return _svg(top + 28, "".join(parts))


class Figure:
    """An SVG picture shown as <figure> with alt text (which states the number) and a caption."""

    def __init__(self, svg: str, *, alt: str, caption: str, max_width: str = f"{WIDTH}px"):
        self.svg, self.alt, self.caption, self.max_width = svg, alt, caption, max_width

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.svg.encode()).decode()
        return (f'<figure class="tc-figure"><img src="data:image/svg+xml;base64,{data}" alt="{escape(self.alt)}" '
                f'style="width:100%;max-width:{self.max_width};height:auto">'
                f"<figcaption>{escape(self.caption)}</figcaption></figure>")

    def __repr__(self) -> str:
        return f"Picture: {self.alt}"


def icon_array(affected: int, total: int, *, alt: str, caption: str, columns: int = 10,
               filled: str | None = None, outlined: str | None = None) -> Figure:
    return Figure(icon_array_svg(affected, total, columns, filled=filled, outlined=outlined), alt=alt, caption=caption)


def dot_field(affected: int, total: int, *, alt: str, caption: str, filled: str, outlined: str,
              block: int = 10_000) -> Figure:
    return Figure(dot_field_svg(affected, total, filled=filled, outlined=outlined, block=block), alt=alt,
                  caption=caption)


def strength_over_time(*, alt: str, caption: str) -> Figure:
    return Figure(strength_svg(), alt=alt, caption=caption)


def motor_unit(*, alt: str, caption: str) -> Figure:
    """A nerve cell in the spinal cord, its nerve fibre branching to the muscle fibres it moves."""
    fibres = []
    for i in range(8):
        y = 40 + i * 22
        ours = i % 2 == 0  # every other fibre belongs to this motor unit
        fibres.append(f'<rect x="250" y="{y}" width="220" height="14" rx="7" '
                      f'fill="{FILLED if ours else "none"}" stroke="{FILLED if ours else OUTLINE}" stroke-width="2"/>')
        if ours:
            fibres.append(f'<path d="M150 120 C 200 120, 200 {y + 7}, 250 {y + 7}" fill="none" stroke="{FILLED}" '
                          f'stroke-width="3"/>')
    # The legend, drawn at 20 units: the picture shows about 3/4 size on a phone, so 15 px there.
    legend = "".join(
        f'<rect x="10" y="{y}" width="60" height="14" rx="7" fill="{FILLED if ours else "none"}" '
        f'stroke="{FILLED if ours else OUTLINE}" stroke-width="2"/>{_text(82, y + 13, [words], size=20)}'
        for y, ours, words in ((240, True, "= fibres this nerve cell moves"),
                               (272, False, "= fibres other nerve cells move")))
    body = (f'<rect x="10" y="60" width="100" height="120" rx="12" fill="none" stroke="{OUTLINE}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>{_text(60, 45, ["Spinal cord"], size=20, anchor="middle")}'
            f'<circle cx="60" cy="120" r="18" fill="{FILLED}"/><line x1="78" y1="120" x2="150" y2="120" '
            f'stroke="{FILLED}" stroke-width="3"/>{"".join(fibres)}'
            f'{_text(60, 210, ["Nerve cell"], size=20, anchor="middle")}{legend}')
    return Figure(_svg(300, body, 480), alt=alt, caption=caption, max_width="30rem")


def tile_groups(groups: list[tuple[str, list[str], bool]], *, alt: str, caption: str) -> Figure:
    """For a message that is a list rather than a number (the everyday causes of twitches): groups of
    labelled tiles, two to a row, drawn 360 units wide so 1 unit is about 1 px on a phone. Each group is
    (title, labels, filled). Filled tiles are the kind the caption counts. Each group's title starts
    with a filled or outlined sample tile, so the picture carries its own legend."""
    width, gap, tile_w = 360, 10, 175
    parts, y = [], 0
    for title, labels, filled in groups:
        fill, stroke = (FILLED, FILLED) if filled else ("none", OUTLINE)
        parts.append(f'<rect x="1" y="{y + 3}" width="18" height="18" rx="3" fill="{fill}" stroke="{stroke}" '
                     f'stroke-width="2"/>{_text(28, y + 18, [title], bold=True)}')
        y += 30
        wrapped = [_wrap(label, tile_w - 13) for label in labels]  # 18 letters at 15 px
        for row in range(0, len(labels), 2):
            tile_h = 20 + LINE * max(len(w) for w in wrapped[row:row + 2])
            for col, lines in enumerate(wrapped[row:row + 2]):
                x = 1 + col * (tile_w + gap)
                parts.append(f'<rect x="{x}" y="{y}" width="{tile_w - 2}" height="{tile_h}" rx="8" fill="{fill}" '
                             f'stroke="{stroke}" stroke-width="2"/>')
                first = y + tile_h / 2 - LINE * (len(lines) - 1) / 2 + 5
                parts.append(_text(x + tile_w / 2 - 1, first, lines, anchor="middle",
                                   fill="#ffffff" if filled else INK))
            y += tile_h + gap
        y += 12
    return Figure(_svg(y - 20, "".join(parts), width), alt=alt, caption=caption)
