"""Pictures for numbers: icon arrays drawn as SVG, shown as a captioned figure with alt text.

SVG drawn from code is deterministic (so nbval can compare it), sharp on any
screen, and small. The figure is plain HTML (<figure>, <img alt>, <figcaption>),
so it reads the same in JupyterLab and in the book. Filled versus outlined
figures carry the meaning, so nothing depends on seeing colour.
"""
from __future__ import annotations

import base64
from html import escape

FILLED = "#0a4f8f"   # dark blue: 8.6:1 contrast on white
OUTLINE = "#595959"  # grey outline: 7:1 contrast on white
CELL_W, CELL_H = 12, 22


def _person(x: float, y: float, filled: bool) -> str:
    fill = FILLED if filled else "none"
    stroke = FILLED if filled else OUTLINE
    return (f'<circle cx="{x + 6}" cy="{y + 4.5}" r="3.5" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'
            f'<rect x="{x + 1.5}" y="{y + 9.5}" width="9" height="10" rx="3.5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.2"/>')


def icon_array_svg(affected: int, total: int, columns: int = 10) -> str:
    if not 0 <= affected <= total or total < 1:
        raise ValueError(f"icon array needs 0 <= affected <= total, got {affected} of {total}")
    rows = -(-total // columns)
    people = "".join(_person((i % columns) * CELL_W, (i // columns) * CELL_H, i < affected) for i in range(total))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 {columns * CELL_W + 2} {rows * CELL_H + 2}">'
            f"{people}</svg>")


def dot_field_svg(affected: int, total: int, columns: int = 500) -> str:
    """For numbers too large for figures of people: one tiny dot per person (a repeating
    pattern, so the file stays small) and a large filled dot for each affected person."""
    if not 0 <= affected <= total or total % columns:
        raise ValueError(f"dot field needs 0 <= affected <= total and total a multiple of columns, "
                         f"got {affected} of {total} in {columns} columns")
    rows, cell = total // columns, 2
    width, height = columns * cell, rows * cell
    marks = "".join(
        f'<circle cx="{(i + 1) * width // (affected + 1)}" cy="{height // 2}" r="30" fill="{FILLED}" '
        f'stroke="#ffffff" stroke-width="5"/>' for i in range(affected))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<defs><pattern id="p" width="{cell}" height="{cell}" patternUnits="userSpaceOnUse">'
            f'<circle cx="1" cy="1" r="0.7" fill="{OUTLINE}"/></pattern></defs>'
            f'<rect width="{width}" height="{height}" fill="url(#p)"/>{marks}</svg>')


class Figure:
    """An SVG picture shown as <figure> with alt text (which states the number) and a caption."""

    def __init__(self, svg: str, *, alt: str, caption: str, max_width: str = "22rem"):
        self.svg, self.alt, self.caption, self.max_width = svg, alt, caption, max_width

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.svg.encode()).decode()
        return (f'<figure class="tc-figure"><img src="data:image/svg+xml;base64,{data}" alt="{escape(self.alt)}" '
                f'style="width:100%;max-width:{self.max_width};height:auto">'
                f"<figcaption>{escape(self.caption)}</figcaption></figure>")

    def __repr__(self) -> str:
        return f"Picture: {self.alt}"


def icon_array(affected: int, total: int, *, alt: str, caption: str, columns: int = 10) -> Figure:
    return Figure(icon_array_svg(affected, total, columns), alt=alt, caption=caption)


def dot_field(affected: int, total: int, *, alt: str, caption: str, columns: int = 500) -> Figure:
    return Figure(dot_field_svg(affected, total, columns), alt=alt, caption=caption, max_width="40rem")


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
    text = 'font-family="sans-serif" font-size="20" fill="#222832"'
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 225">'
           f'<rect x="10" y="60" width="100" height="120" rx="12" fill="none" stroke="{OUTLINE}" stroke-width="2" '
           f'stroke-dasharray="6 4"/><text x="60" y="45" text-anchor="middle" {text}>Spinal cord</text>'
           f'<circle cx="60" cy="120" r="18" fill="{FILLED}"/><line x1="78" y1="120" x2="150" y2="120" '
           f'stroke="{FILLED}" stroke-width="3"/>{"".join(fibres)}'
           f'<text x="60" y="210" text-anchor="middle" {text}>Nerve cell</text>'
           f"</svg>")
    return Figure(svg, alt=alt, caption=caption, max_width="30rem")


def _wrap(label: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def tile_groups(groups: list[tuple[str, list[str], bool]], *, alt: str, caption: str) -> Figure:
    """For a message that is a list rather than a number (the everyday causes of twitches): groups of
    labelled tiles, two to a row, drawn 360 units wide so 1 unit is about 1 px on a phone. Each group is
    (title, labels, filled). Filled tiles are the kind the caption counts. Each group's title starts
    with a filled or outlined sample tile, so the picture carries its own legend."""
    width, gap, tile_w, per_line = 360, 10, 175, 18
    font = 'font-family="sans-serif" font-size="15"'
    parts, y = [], 0
    for title, labels, filled in groups:
        fill, stroke = (FILLED, FILLED) if filled else ("none", OUTLINE)
        parts.append(f'<rect x="1" y="{y + 3}" width="18" height="18" rx="3" fill="{fill}" stroke="{stroke}" '
                     f'stroke-width="2"/><text x="28" y="{y + 18}" {font} font-weight="bold" fill="#222832">'
                     f"{escape(title)}</text>")
        y += 30
        wrapped = [_wrap(label, per_line) for label in labels]
        for row in range(0, len(labels), 2):
            lines_in_row = max(len(w) for w in wrapped[row:row + 2])
            tile_h = 20 + 19 * lines_in_row
            for col, lines in enumerate(wrapped[row:row + 2]):
                x = 1 + col * (tile_w + gap)
                parts.append(f'<rect x="{x}" y="{y}" width="{tile_w - 2}" height="{tile_h}" rx="8" fill="{fill}" '
                             f'stroke="{stroke}" stroke-width="2"/>')
                first = y + tile_h / 2 - 19 * (len(lines) - 1) / 2 + 5
                for i, line in enumerate(lines):
                    parts.append(f'<text x="{x + tile_w / 2 - 1}" y="{first + 19 * i:g}" text-anchor="middle" {font} '
                                 f'fill="{"#ffffff" if filled else "#222832"}">{escape(line)}</text>')
            y += tile_h + gap
        y += 12
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y - 20}">'
           f'{"".join(parts)}</svg>')
    return Figure(svg, alt=alt, caption=caption)
