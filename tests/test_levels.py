"""The levels of help: one data file, its rule (Python and the book's JavaScript agree on
every vignette), the checklist as a learner uses it, and the same advice on every page."""
import random
import re

import pytest
import yaml

from browser_helpers import script_page, serve
from support import ROOT
from twitchcourse.checklist import ChecklistWidget, advise, checklist_html
from twitchcourse.levels import EXAMINED, html, load_levels, myst
from twitchcourse.quizbank import QuizDataError

VIGNETTES = yaml.safe_load((ROOT / "tests/vignettes.yml").read_text(encoding="utf-8"))
LEVELS = load_levels()


def some_tickings(count=400):
    """Random sets of ticks (fixed seed), as well as none and all."""
    ids = [s.id for s in LEVELS.signs] + [EXAMINED]
    rng = random.Random(7)
    return [[], ids] + [rng.sample(ids, rng.randint(1, 6)) for _ in range(count)]


def test_there_are_enough_vignettes_and_they_name_real_signs():
    assert len(VIGNETTES) >= 30
    known = {s.id for s in LEVELS.signs} | {EXAMINED}
    for case in VIGNETTES:
        assert set(case["ticks"]) <= known, case["person"]
        assert case["level"] in [level.id for level in LEVELS.levels] and case["source"], case["person"]
    assert {case["level"] for case in VIGNETTES} == {level.id for level in LEVELS.levels}


@pytest.mark.parametrize("case", VIGNETTES, ids=lambda case: case["person"][:40])
def test_each_vignette_gets_the_level_the_guidance_gives(case):
    assert advise(LEVELS, case["ticks"])["level"] == case["level"]


def test_every_level_has_a_time_frame_signs_and_sources():
    for level in LEVELS.levels:
        assert level.when and level.action and level.cite
        assert level.id == "home" or LEVELS.signs_of(level.id), f"level '{level.id}' has no signs"
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    for key in {k for item in [*LEVELS.levels, *LEVELS.signs, LEVELS.after_exam] for k in item.cite}:
        assert re.search(r"@\w+\{" + re.escape(key) + ",", bib), f"{key} is not in references.bib"
    # Triage comes from guidance for patients and doctors, never from research papers alone.
    guidance = {"nhs2023", "nhsmnd", "nhsgbs", "nhsstroke", "nhspoisoning", "nhshealthanxiety", "nice2019"}
    for item in [*LEVELS.levels, *LEVELS.signs]:
        assert guidance & set(item.cite), f"{item.id} cites no guidance: {item.cite}"


def test_the_most_urgent_reason_comes_first_and_an_exam_answers_the_twitch_signs():
    result = advise(LEVELS, ["longer-than-two-weeks", "weakness-getting-worse", "stroke-signs"])
    assert (result["level"], result["number"], result["of"]) == ("emergency", 5, 5)
    assert result["reasons"][0].startswith("These sudden changes can be a stroke")
    assert result["reasons"][-1].startswith("Twitching for more than 2 weeks")
    examined = advise(LEVELS, ["longer-than-two-weeks", EXAMINED])
    assert examined["level"] == "home" and "found no weakness" in examined["reasons"][-1]
    assert LEVELS.none_ticked not in examined["reasons"], "the exam is the reason, not \"you ticked none\""
    assert advise(LEVELS, [EXAMINED])["reasons"] == [examined["reasons"][-1]]


def test_a_sign_naming_an_unknown_level_fails_clearly(tmp_path):
    text = (ROOT / "notebooks/checklists/red-flags.yml").read_text().replace("level: days", "level: later", 1)
    (tmp_path / "red-flags.yml").write_text(text)
    with pytest.raises(QuizDataError, match=r"red-flags.yml: .*sign 'weakness-getting-worse', field 'level': 'later'"):
        load_levels("red-flags", tmp_path)


def test_a_level_without_a_time_frame_is_refused(tmp_path):
    text = (ROOT / "notebooks/checklists/red-flags.yml").read_text()
    (tmp_path / "red-flags.yml").write_text(text.replace('    when: "Today."\n', "", 1))
    with pytest.raises(QuizDataError, match=r"red-flags.yml: field 'levels\[3\]\.when': Field required"):
        load_levels("red-flags", tmp_path)


def test_the_blocks_say_what_the_data_says_in_both_renderings():
    for block in ("levels", "levels-folded", "levels-collapsed", "urgent-levels", "emergency", "after-exam", "stop-line"):
        text_md, text_html = myst(block), html(block)
        assert "{cite}`" in text_md and "{cite}" not in text_html, block
    from twitchcourse.levels import picture_html
    assert myst("picture").strip() == picture_html() and html("picture") == picture_html(inline=True)
    assert 'width="24" height="24"' in html("picture"), "icons keep their size without the book's stylesheet"
    for level in LEVELS.levels:
        assert f"{level.name}</span><span class=\"tc-step-time\">{level.timeframe}<" in picture_html()
    for sign in LEVELS.signs:
        assert sign.short[1:] in myst("levels") and sign.short[1:] in html("levels")
    for sign in LEVELS.signs_of("emergency"):
        assert sign.short[1:] in myst("emergency") and sign.short[1:] in html("emergency")
    for level in LEVELS.levels:
        assert f"Level {LEVELS.number(level.id)}: {level.name}" in html("levels")


def test_the_checklist_widget_updates_as_ticks_change(scratch_progress):
    widget = ChecklistWidget(LEVELS)
    assert "Level 1 of 5: Look after yourself at home" in widget.result.value
    widget.boxes["thinner-muscle"].value = True
    assert "Level 3 of 5: See a doctor within a few days" in widget.result.value
    widget.boxes["stroke-signs"].value = True
    assert "Level 5 of 5: Call an emergency number now" in widget.result.value
    widget.boxes["stroke-signs"].value = False
    assert "Level 3 of 5" in widget.result.value, "advice is never stale after unticking"
    assert 'aria-live="polite"' in widget.result.value


@pytest.mark.browser
def test_the_book_script_agrees_with_python_on_vignettes_and_random_ticks(browser, tmp_path):
    script_page(tmp_path, checklist_html(LEVELS))
    page = browser.new_page()
    with serve(tmp_path) as url:
        page.goto(url)
        data = page.evaluate("JSON.parse(document.querySelector('.tc-checklist').dataset.checklist)")
        tickings = [case["ticks"] for case in VIGNETTES] + some_tickings()
        in_browser = page.evaluate("([d, all]) => all.map(t => TwitchQuiz.advise(d, t))", [data, tickings])
        assert in_browser == [advise(LEVELS, t) for t in tickings]
        assert [r["level"] for r in in_browser[:len(VIGNETTES)]] == [case["level"] for case in VIGNETTES]
    page.close()


def advice(page):
    return page.locator("#tc-checklist-red-flags .tc-feedback").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
                         ids=["phone", "desktop"])
def test_a_reader_ticks_and_unticks_and_the_advice_follows(site, browser, viewport):
    url, _ = site
    context = browser.new_context(viewport=viewport, has_touch=viewport["width"] < 500)
    page = context.new_page()
    page.goto(f"{url}/notebooks/05-when-to-get-help.html")
    checklist = page.get_by_role("region", name=re.compile("What do you notice"))
    assert advice(page).startswith("Level 1 of 5: Look after yourself at home")
    checklist.get_by_label(re.compile("^A muscle looks thinner")).check()
    assert advice(page).startswith("Level 3 of 5: See a doctor within a few days")
    checklist.get_by_label(re.compile("^Suddenly, one side of your face droops")).check()
    text = advice(page)
    assert text.startswith("Level 5 of 5: Call an emergency number now")
    assert text.index("can be a stroke") < text.index("getting smaller"), "the most urgent reason comes first"
    checklist.get_by_label(re.compile("^Suddenly, one side of your face droops")).uncheck()
    assert advice(page).startswith("Level 3 of 5"), "the advice is never stale after unticking"
    checklist.get_by_label(re.compile("^A muscle looks thinner")).uncheck()
    assert advice(page).startswith("Level 1 of 5")
    live = page.locator("#tc-checklist-red-flags .tc-feedback")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    context.close()


@pytest.mark.browser
def test_the_checklist_in_the_book_works_with_the_keyboard(site, browser):
    from browser_helpers import tab_to
    url, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{url}/notebooks/05-when-to-get-help.html")
    tab_to(page, "#tc-checklist-red-flags--breathing-or-swallowing-now")
    page.keyboard.press("Space")
    assert advice(page).startswith("Level 5 of 5: Call an emergency number now")
    page.keyboard.press("Space")
    assert advice(page).startswith("Level 1 of 5")
    page.close()


# --- The built book states the levels only as rendered from the data. ---

BLOCK_CLASSES = ["tc-levels-picture", "tc-levels", "tc-urgent-levels", "tc-stop-line", "tc-emergency", "tc-after-exam", "tc-checklist", "tc-quiz"]
CITATION = re.compile(r"\s*\[\s*\d+(?:\s*,\s*\d+)*\s*\]")


def clean(element) -> str:
    return re.sub(r"\s+", " ", CITATION.sub("", element.get_text(" "))).strip()


def book_pages(html_dir):
    from bs4 import BeautifulSoup
    for page in sorted([*html_dir.glob("notebooks/*.html"), *html_dir.glob("book/*.html"), html_dir / "index.html"]):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.bd-article")
        if article is not None:  # index.html only redirects to the intro
            yield page.relative_to(html_dir).as_posix(), article


def test_every_statement_of_the_levels_in_the_book_comes_from_the_data(built_book):
    html_dir, _ = built_book
    expected_signs = {level.id: [s.short[0].upper() + s.short[1:] for s in LEVELS.signs_of(level.id)]
                      for level in LEVELS.levels}
    # Words that state a level: its name, its time frame, the emergency numbers, old names.
    stating = [level.name.lower() for level in LEVELS.levels] + [
        "999", "911", "112", "see a doctor soon", "get urgent help now", "routine appointment if",
        "emergency number now", "within a few days", "the same day"]
    seen = {"levels": 0, "emergency": 0}
    for name, article in book_pages(html_dir):
        for block in article.select(".tc-levels"):
            seen["levels"] += 1
            steps = block.select(".tc-level")
            assert len(steps) == len(LEVELS.levels), name
            for step, level in zip(steps, reversed(LEVELS.levels)):
                text = clean(step)
                number = LEVELS.number(level.id)
                assert text.startswith(f"Level {number}: {level.name}. {level.when} {level.action}"), (name, text)
                assert [clean(li) for li in step.select("li")] == expected_signs[level.id], (name, level.id)
        for block in article.select(".tc-emergency"):
            seen["emergency"] += 1
            assert [clean(li) for li in block.select("li")] == expected_signs[LEVELS.emergency.id], name
            assert LEVELS.emergency.action in clean(block), name
        for block in article.select(".tc-levels-picture"):
            seen["picture"] = seen.get("picture", 0) + 1
            steps = [clean(li) for li in block.select("li")]
            assert steps == [f"Level {LEVELS.number(level.id)} {level.name} {level.timeframe}"
                             for level in reversed(LEVELS.levels)], (name, steps)
        for block in article.select(".tc-stop-line"):
            for level in LEVELS.levels[2:]:
                shorts = "; ".join(s.short for s in LEVELS.signs_of(level.id))
                assert f"{level.name}: {shorts}." in clean(block), (name, level.id)
        for block in article.select(", ".join("." + c for c in BLOCK_CLASSES)):
            block.decompose()
        prose = clean(article).lower()
        for words in stating:
            assert words not in prose, f"{name} states a level in its own words: '{words}' (render it from the data)"
    assert seen["levels"] >= 8 and seen["emergency"] >= 9, seen
    assert seen["picture"] >= 9, "the levels picture is on every chapter and the handout"


def test_quizzes_use_the_levels_names_not_old_ones():
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in (ROOT / "notebooks/quizzes").glob("*.yml"))
    for old in ["see a doctor soon", "get urgent help now", "four levels", "contact his doctor soon",
                "contact your doctor soon", '"numbness or tingling"']:
        assert old not in text, old
