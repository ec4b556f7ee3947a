"""Dark mode in the built book, in Chromium on a phone: quizzes, the checklist, the progress panel
and the diary's table are dark like the page (not light slabs), pictures keep a light backing
(they are drawn for one), and a chosen answer looks clearly different from the others."""
import pytest

pytestmark = pytest.mark.browser

# Colour helpers run in the page: relative luminance (WCAG) of an element's text and of the
# first non-transparent background behind it.
COLOURS = """el => {
  const lum = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') { bg = c; break; }
    node = node.parentElement;
  }
  return {text: lum(getComputedStyle(el).color), background: lum(bg || 'rgb(255,255,255)')};
}"""

TEXT_PARTS = [
    ("notebooks/01-what-are-fasciculations.html", ".tc-quiz .tc-question legend"),
    ("notebooks/07-review.html", ".tc-progress caption"),
    ("notebooks/05-when-to-get-help.html", ".tc-level p"),
    ("notebooks/01-what-are-fasciculations.html", ".tc-emergency p"),
    ("notebooks/05-when-to-get-help.html", ".tc-checklist legend"),
    ("notebooks/05-when-to-get-help.html", ".tc-levels li"),
    ("notebooks/08-twitch-diary.html", ".cell_output table td"),
]
PICTURES = [
    ("notebooks/01-what-are-fasciculations.html", ".tc-figure img"),  # motor-unit diagram, icon arrays
    ("notebooks/04-als-explained.html", ".tc-figure img"),
    ("notebooks/08-twitch-diary.html", ".tc-figure img"),  # diary charts
]


@pytest.fixture
def dark_phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  color_scheme="dark")
    page = context.new_page()
    yield page
    context.close()


def test_course_parts_are_dark_and_pictures_keep_a_light_backing(site, dark_phone):
    url, _ = site
    page = dark_phone
    problems = []
    for path, selector in TEXT_PARTS:
        page.goto(f"{url}/{path}")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        part = page.locator(selector).first
        c = part.evaluate(COLOURS)
        contrast = (c["text"] + 0.05) / (c["background"] + 0.05)
        if not (c["background"] < 0.05 and contrast >= 4.5):
            problems.append(f"{path} {selector}: not light text on a dark background in dark mode "
                            f"(luminance: text {c['text']:.2f}, background {c['background']:.2f})")
    for path, selector in PICTURES:
        page.goto(f"{url}/{path}")
        pictures = page.locator(selector)
        assert pictures.count()
        for i in range(pictures.count()):
            if pictures.nth(i).evaluate(COLOURS)["background"] < 0.5:
                problems.append(f"{path} {selector} #{i}: a picture drawn for a light page sits on the dark page")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chosen_answer_looks_different_from_the_others(site, browser, scheme):
    url, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{url}/notebooks/01-what-are-fasciculations.html")
    options = page.locator(".tc-quiz .tc-question").first.locator(".tc-option")
    options.nth(1).locator("label").click()
    look = ("o => { const s = getComputedStyle(o), l = getComputedStyle(o.querySelector('label'));"
            " return [s.backgroundColor, s.borderLeftColor, l.fontWeight]; }")
    chosen, other = options.nth(1).evaluate(look), options.nth(0).evaluate(look)
    assert all(a != b for a, b in zip(chosen, other)), (scheme, chosen, other)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_levels_picture_draws_what_its_caption_says(site, browser, scheme):
    """The caption says "the thicker the bar, the more urgent": the bars must get thicker toward the top,
    and the emergency step is drawn in red, in both colour modes."""
    url, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{url}/notebooks/05-when-to-get-help.html")
    picture = page.locator(".tc-levels-picture").first
    assert "the thicker the bar, the more urgent" in picture.inner_text()
    widths = picture.locator(".tc-step").evaluate_all("s => s.map(e => parseFloat(getComputedStyle(e).borderLeftWidth))")
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == len(widths), widths
    red = picture.locator(".tc-step").first.evaluate("e => getComputedStyle(e).borderLeftColor")
    blue = picture.locator(".tc-step").last.evaluate("e => getComputedStyle(e).borderLeftColor")
    r, g, b = map(int, red[red.index("(") + 1:-1].split(",")[:3])
    assert r > g and r > b and red != blue, (red, blue)
    context.close()
