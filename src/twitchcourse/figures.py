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


class IconArray:
    """An icon array figure. `alt` states the number; `caption` says what it shows and where it is from."""

    def __init__(self, affected: int, total: int, *, alt: str, caption: str, columns: int = 10):
        self.svg = icon_array_svg(affected, total, columns)
        self.alt, self.caption = alt, caption

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.svg.encode()).decode()
        return (f'<figure class="tc-figure"><img src="data:image/svg+xml;base64,{data}" alt="{escape(self.alt)}" '
                f'style="width:100%;max-width:22rem;height:auto">'
                f"<figcaption>{escape(self.caption)}</figcaption></figure>")

    def __repr__(self) -> str:
        return f"Picture: {self.alt}"


def icon_array(affected: int, total: int, *, alt: str, caption: str, columns: int = 10) -> IconArray:
    return IconArray(affected, total, alt=alt, caption=caption, columns=columns)
