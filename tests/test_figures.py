"""Pictures: the right number of filled figures, a legend in every picture, alt text and caption,
drawn at phone size, the same output every time."""
import base64
import re

import pytest

from twitchcourse.figures import FILLED, OUTLINE, WIDTH, dot_field, dot_field_svg, icon_array, icon_array_svg, \
    motor_unit, strength_over_time


def svg_of(html: str) -> str:
    return base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()


def texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("affected, total, columns", [(70, 100, 10), (0, 121, 11), (93, 100, 10), (1, 1, 10),
                                                      (1, 385, 35)])
def test_draws_one_figure_per_person_and_fills_the_affected(affected, total, columns):
    svg = icon_array_svg(affected, total, columns)
    # one figure per person, plus one filled and one outlined figure in the legend
    assert svg.count("<circle") == total + 2
    assert svg.count(f'fill="{FILLED}"') == 2 * (affected + 1)  # head and body of each filled figure


def test_every_icon_array_has_a_legend_for_filled_and_outlined():
    svg = icon_array_svg(70, 100, filled="70 people who noticed twitches", outlined="30 people who did not")
    assert texts(svg) == ["= 70 people who noticed twitches", "= 30 people who did not"]
    # without labels the legend still says what the marks are
    assert texts(icon_array_svg(3, 20)) == ["= 3 people the caption counts", "= the other 17 people"]
    assert " ".join(texts(icon_array_svg(0, 121, 11))[:2]) == "= a person the caption counts (none here)"


def test_pictures_are_drawn_at_phone_size_so_the_legend_reads_at_15_px():
    for svg in (icon_array_svg(70, 100), icon_array_svg(1, 385, 35), icon_array_svg(0, 121, 11),
                dot_field_svg(2, 100000, filled="a", outlined="b")):
        assert f'viewBox="0 0 {WIDTH} ' in svg and WIDTH <= 358, "wider than a 390-px phone's text column"
        assert re.findall(r'font-size="(\d+)"', svg) and all(int(s) >= 13 for s in re.findall(r'font-size="(\d+)"', svg))
    html = icon_array(1, 2, alt="a", caption="b")._repr_html_()
    assert f"max-width:{WIDTH}px" in html
    # a long legend wraps rather than running off the picture
    long = texts(icon_array_svg(1, 2, filled="word " * 30, outlined="b"))
    assert len(long) > 2 and all(len(line) * 0.6 * 15 <= WIDTH - 34 for line in long)


def test_people_in_a_big_array_stay_large_enough_to_see():
    svg = icon_array_svg(1, 385, 35)
    scale = float(re.search(r"scale\(([\d.]+)\)", svg).group(1))
    assert 35 * 12 * scale <= WIDTH and 12 * scale >= 9, "each person at least 9 px wide"


def test_rejects_impossible_numbers():
    with pytest.raises(ValueError, match="0 <= affected <= total"):
        icon_array_svg(5, 3)


def test_figure_has_alt_text_and_caption_and_is_deterministic():
    make = lambda: icon_array(70, 100, alt="70 of 100 <people>", caption="About 70 in every 100 & more")  # noqa: E731
    html = make()._repr_html_()
    assert html == make()._repr_html_()
    assert 'alt="70 of 100 &lt;people&gt;"' in html and "<figcaption>About 70 in every 100 &amp; more</figcaption>" in html
    assert svg_of(html) == icon_array_svg(70, 100)


def test_dot_field_shows_a_block_of_10000_visible_dots_and_the_blocks_that_make_the_total():
    svg = dot_field_svg(2, 100000, filled="1 person who gets ALS that year", outlined="1 person who does not")
    # one pattern for the 10,000 dots (a 100 x 100 square), each dot on a pitch of at least 2.5 px
    pitch = float(re.search(r'<pattern id="one" width="([\d.]+)"', svg).group(1))
    assert pitch >= 2.5 and 100 * pitch <= WIDTH
    assert "This square is 10,000 people: one dot each" in texts(svg)
    assert "10 squares like it make 100,000 people" in texts(svg)
    # the 2 people are 2 filled dots (plus the legend's), never a dot standing for hundreds of people
    filled = re.findall(rf'<circle [^>]*r="([\d.]+)" fill="{FILLED}"', svg)
    assert len(filled) == 3 and all(float(r) <= 6 for r in filled)
    assert texts(svg)[-2:] == ["= 1 person who gets ALS that year", "= 1 person who does not"]
    assert len(svg) < 6000, "one pattern, not 10,000 circles"
    with pytest.raises(ValueError):
        dot_field_svg(1, 1001, filled="a", outlined="b")
    html = dot_field(2, 100000, alt="2 in 100,000", caption="c", filled="a", outlined="b")._repr_html_()
    assert 'alt="2 in 100,000"' in html


def test_strength_picture_fills_the_strength_and_outlines_what_is_lost():
    html = strength_over_time(alt="Strength over time", caption="c")._repr_html_()
    svg = svg_of(html)
    assert 'alt="Strength over time"' in html
    assert "Twitches on their own" in " ".join(texts(svg)) and "Weakness that gets worse" in " ".join(texts(svg))
    assert texts(svg)[-2:] == ["= strength it has", "= strength lost"]
    bars = re.findall(rf'<rect x="[\d.]+" y="[\d.]+" width="30" height="([\d.]+)" fill="{FILLED}"/>', svg)
    assert [float(h) for h in bars] == [60, 60, 60, 60, 39, 18], "steady strength, then strength that falls"


def test_motor_unit_diagram_has_alt_text_and_a_legend():
    html = motor_unit(alt="A motor unit", caption="One nerve cell")._repr_html_()
    assert 'alt="A motor unit"' in html and "<figcaption>One nerve cell</figcaption>" in html
    svg = svg_of(html)
    assert "= fibres this nerve cell moves" in svg and "= fibres other nerve cells move" in svg
    assert f'stroke="{OUTLINE}"' in svg


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
