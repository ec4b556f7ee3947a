"""Icon arrays: the right number of filled figures, alt text and caption, the same output every time."""
import base64
import re

import pytest

from twitchcourse.figures import FILLED, icon_array, icon_array_svg


@pytest.mark.parametrize("affected, total, columns", [(70, 100, 10), (0, 121, 11), (93, 100, 10), (1, 1, 10)])
def test_draws_one_figure_per_person_and_fills_the_affected(affected, total, columns):
    svg = icon_array_svg(affected, total, columns)
    assert svg.count("<circle") == total
    assert svg.count(f'fill="{FILLED}"') == 2 * affected  # head and body of each affected person


def test_rejects_impossible_numbers():
    with pytest.raises(ValueError, match="0 <= affected <= total"):
        icon_array_svg(5, 3)


def test_figure_has_alt_text_and_caption_and_is_deterministic():
    make = lambda: icon_array(70, 100, alt="70 of 100 <people>", caption="About 70 in every 100 & more")  # noqa: E731
    html = make()._repr_html_()
    assert html == make()._repr_html_()
    assert 'alt="70 of 100 &lt;people&gt;"' in html and "<figcaption>About 70 in every 100 &amp; more</figcaption>" in html
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()
    assert svg == icon_array_svg(70, 100)


def test_dot_field_marks_each_affected_person_in_a_small_file():
    from twitchcourse.figures import dot_field_svg
    svg = dot_field_svg(2, 100000)
    assert svg.count('r="30"') == 2 and "<pattern" in svg
    assert len(svg) < 2000, "one pattern, not 100,000 circles"
    with pytest.raises(ValueError):
        dot_field_svg(1, 1001, columns=500)


def test_motor_unit_diagram_has_alt_text():
    from twitchcourse.figures import motor_unit
    html = motor_unit(alt="A motor unit", caption="One nerve cell")._repr_html_()
    assert 'alt="A motor unit"' in html and "<figcaption>One nerve cell</figcaption>" in html


def test_tile_groups_fill_only_the_counted_kind_and_carry_a_legend():
    from twitchcourse.figures import tile_groups
    make = lambda: tile_groups([("Everyday things", ["Caffeine", "Stress or worry", "Alcohol"], True),  # noqa: E731
                                ("Less often", ["An overactive thyroid & more"], False)],
                               alt="Everyday causes <filled>", caption="Most twitches come from everyday things")
    html = make()._repr_html_()
    assert html == make()._repr_html_()
    assert 'alt="Everyday causes &lt;filled&gt;"' in html and "<figcaption>Most twitches" in html
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()
    # One legend sample per group and one tile per label: filled for the counted kind only.
    assert svg.count(f'fill="{FILLED}"') == 1 + 3 and svg.count('fill="none"') == 1 + 1
    assert "Everyday things" in svg
    assert ">An overactive</text>" in svg and ">thyroid &amp; more</text>" in svg, "long labels wrap, escaped"
    assert 'viewBox="0 0 360 ' in svg, "drawn at phone width, so its words stay readable at 390 px"
