"""A reader's way around the built book in Chromium, on a phone (390x844, touch) and a desktop
(1280x900): the site menu, the page's contents, search, the colour mode, then a quiz still works.
Also: the header has only the buttons a reader needs, and no placeholder host."""
import re

import pytest

from browser_helpers import only_loopback, tab_to

pytestmark = pytest.mark.browser

CHAPTER_1 = "notebooks/01-what-are-fasciculations.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def book_pages(html):
    return sorted(p.relative_to(html).as_posix() for p in [*html.glob("book/*.html"), *html.glob("notebooks/*.html")])


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def reader(request, browser):
    context = browser.new_context(**request.param)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.phone = request.param is PHONE
    page.outside, page.errors = [], []
    only_loopback(page, page.outside)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    yield page
    assert not page.errors, f"JavaScript errors: {page.errors}"
    assert not page.outside, f"requests to other sites: {page.outside}"
    context.close()


def press(page, locator):
    """Tap on the phone, click on the desktop."""
    locator.tap() if page.phone else locator.click()


def test_a_reader_gets_around_the_book_then_answers_a_quiz(site, reader):
    url, html = site
    page = reader
    page.goto(f"{url}/{CHAPTER_1}")

    # The site menu lists every chapter and page, and takes the reader to chapter 5.
    menu_button = page.get_by_role("button", name="Toggle primary sidebar")
    assert menu_button.count() == 1 and menu_button.is_visible()
    if page.phone:
        press(page, menu_button)
        menu = page.locator("#pst-primary-sidebar-modal")
        assert menu.evaluate("d => d.open"), "the menu did not open"
    else:
        # On a desktop the menu is shown beside the page; the button hides it and shows it again.
        menu = page.locator("#pst-primary-sidebar")
        press(page, menu_button)
        page.wait_for_function("!document.querySelector('#pst-primary-sidebar').checkVisibility({visibilityProperty: true})")
        press(page, menu_button)
        page.wait_for_function("document.querySelector('#pst-primary-sidebar').checkVisibility({visibilityProperty: true})")
    nav = menu.get_by_role("navigation", name="Main")
    listed = {href.split("#")[0] for href in nav.locator("a").evaluate_all("as => as.map(a => a.href)")}
    assert {f"{url}/{p}" for p in book_pages(html)} <= listed | {page.url.split("#")[0]}, listed
    press(page, nav.get_by_role("link", name="5. When to get help"))
    page.wait_for_url(re.compile(r"05-when-to-get-help\.html$"))

    # The page's contents: open them (on a phone) and jump to a section.
    contents = page.get_by_role("navigation", name="Contents")
    if page.phone:
        assert not contents.is_visible()
        press(page, page.get_by_role("button", name="Toggle secondary sidebar"))
        assert page.locator("#pst-secondary-sidebar-modal").evaluate("d => d.open"), "the contents did not open"
        contents = page.locator("#pst-secondary-sidebar-modal").get_by_role("navigation", name="Contents")
    section = contents.get_by_role("link", name=re.compile("What happens at the appointment"))
    target = section.get_attribute("href")
    press(page, section)
    page.wait_for_function("h => location.hash === h", arg=target)
    page.wait_for_function("h => document.querySelector(h).getBoundingClientRect().top < innerHeight / 2", arg=target)
    assert not page.locator("#pst-secondary-sidebar-modal[open]").count(), "the contents stayed open over the page"

    # Search for "caffeine" and open a result.
    search_button = page.get_by_role("button", name="Search").locator("visible=true")
    assert search_button.count() == 1, "one search control at a time"
    press(page, search_button)
    box = page.locator("#pst-search-dialog").get_by_role("searchbox")
    box.fill("caffeine")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=caffeine"))
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    assert results.count() >= 3
    name = results.first.inner_text()
    press(page, results.first)
    page.wait_for_function("n => document.title.startsWith(n)", arg=name.strip())

    # Dark mode and back.
    theme = page.get_by_role("button", name="Color mode")
    for wanted in ("dark", "light"):
        for _ in range(3):
            if page.evaluate("document.documentElement.dataset.mode") == wanted:
                break
            press(page, theme)
        assert page.evaluate("document.documentElement.dataset.theme") == wanted

    # After all this, a quiz still works.
    if not page.locator(".tc-quiz").count():
        page.goto(f"{url}/{CHAPTER_1}")
    question = page.locator(".tc-quiz .tc-question").first
    press(page, question.locator(".tc-option label").first)
    press(page, question.get_by_role("button", name="Check answer"))
    assert question.locator(".tc-feedback").inner_text().strip()


def test_menus_work_from_the_keyboard(site, browser):
    url, _ = site
    page = browser.new_page(**PHONE)
    page.set_default_timeout(10_000)
    page.goto(f"{url}/{CHAPTER_1}")
    # The launch menu: Enter opens it, Escape closes it and leaves the focus on its button.
    tab_to(page, ".dropdown-launch-buttons button")
    page.keyboard.press("Enter")
    binder = page.locator(".bd-header-article").get_by_role("link", name="Binder")
    binder.wait_for()
    page.keyboard.press("Escape")
    binder.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Launch interactive content"
    for name, dialog in (("primary", "#pst-primary-sidebar-modal"), ("secondary", "#pst-secondary-sidebar-modal")):
        tab_to(page, f".bd-header-article .{name}-toggle")
        page.keyboard.press("Enter")
        assert page.locator(dialog).evaluate("d => d.open"), f"{name}: Enter did not open it"
        assert page.evaluate("d => document.querySelector(d).contains(document.activeElement)", dialog), \
            f"{name}: the keyboard focus did not move into the panel"
        page.keyboard.press("Escape")
        assert not page.locator(dialog).evaluate("d => d.open"), f"{name}: Escape did not close it"
    page.close()


def test_the_phone_header_has_only_the_buttons_a_reader_needs(site, browser):
    url, html = site
    page = browser.new_page(**PHONE)
    page.set_default_timeout(10_000)
    page.goto(f"{url}/{CHAPTER_1}")
    header = page.locator(".bd-header-article")
    names = header.locator("button:visible").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label') || b.title || b.innerText.trim())")
    assert sorted(names) == sorted(["Toggle primary sidebar", "Launch interactive content", "Color mode", "Search",
                                    "Toggle secondary sidebar"]), names
    # The launch menu opens on the screen; a tap elsewhere closes it.
    launch = header.get_by_role("button", name="Launch interactive content")
    launch.tap()
    binder = header.get_by_role("link", name="Binder")
    assert binder.is_visible() and launch.get_attribute("aria-expanded") == "true"
    box = binder.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the launch menu runs off the screen: {box}"
    page.get_by_role("heading", level=1).tap()
    binder.wait_for(state="hidden")
    page.close()
    for path in book_pages(html):
        text = (html / path).read_text(encoding="utf-8")
        assert "example.org" not in text and "example.com" not in text, f"{path} links to a placeholder host"
        assert text.count("primary-toggle") == 1 and text.count("secondary-toggle") <= 1, \
            f"{path}: a second, hidden menu or contents button is back (pydata-sphinx-theme issue 2451)"


# A short "use it in JupyterLab" note is fine on these pages; about.html says where data is kept.
MAY_MENTION_JUPYTERLAB = {"book/intro.html", "book/about.html", "notebooks/08-twitch-diary.html"}


def test_the_books_reading_path_has_no_jupyterlab_instructions(site, browser):
    """What a phone reader sees on each page (the article's visible text) never tells them to run
    cells or names a notebook file: that is JupyterLab's business."""
    url, html = site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for path in book_pages(html):
        page.goto(f"{url}/{path}")
        page.wait_for_load_state("load")
        text = page.locator("article").inner_text()
        assert ".ipynb" not in text and "Run All Cells" not in text and "Run > Run" not in text, path
        if path not in MAY_MENTION_JUPYTERLAB:
            assert "JupyterLab" not in text and "notebook" not in text.lower(), path
    context.close()


# Chapter 5 is the one exception (argued in issue 9's note): its red-flag checklist, a tool of 21
# audited signs, is 3.3 screens by itself; the rest of the page fits in 8.5.
SCREEN_LIMIT = {"notebooks/05-when-to-get-help.html": 12.5}


def test_each_chapter_is_short_on_a_phone_and_says_what_to_do_early(site, browser):
    """A worried reader at night: with its dropdowns closed, a chapter is at most ten phone screens
    long, and its first section (what to do now) starts within the first two screens."""
    url, html = site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for path in sorted(p.relative_to(html).as_posix() for p in html.glob("notebooks/0[1-7]*.html")):
        page.goto(f"{url}/{path}")
        screens, first = page.evaluate("""() => {
            document.querySelectorAll('details[open]').forEach(d => d.open = false);
            const article = document.querySelector('article.bd-article'), top = article.getBoundingClientRect().top;
            const h2 = article.querySelector('h2');
            return [article.getBoundingClientRect().height / innerHeight, (h2.getBoundingClientRect().top - top) / innerHeight]; }""")
        assert screens <= SCREEN_LIMIT.get(path, 10), f"{path} is {screens:.1f} phone screens long"
        assert first < 2, f"{path}: its first section starts {first:.1f} screens down"
        assert page.locator("article h2").first.inner_text().split(". ", 1)[-1].startswith("What"), path
    context.close()
