"""The red-flag checklist: its rule, its data, both renderings, and the same advice in the browser."""
from itertools import combinations

import pytest

from browser_helpers import serve
from support import ROOT
from twitchcourse.checklist import ChecklistWidget, advise, checklist_html, load_checklist
from twitchcourse.quizbank import QuizDataError


def every_ticking(checklist):
    ids = [s.id for s in checklist.signs]
    return [list(c) for n in range(len(ids) + 1) for c in combinations(ids, n)]


def test_no_sign_means_self_care_and_the_most_urgent_sign_wins():
    checklist = load_checklist("red-flags")
    assert advise(checklist, [])["tier"] == "self-care"
    assert advise(checklist, [])["reasons"] == [checklist.none_ticked]
    assert advise(checklist, ["longer-than-two-weeks"])["tier"] == "routine"
    result = advise(checklist, ["stiffness", "weakness-getting-worse", "sudden-change"])
    assert result["tier"] == "urgent"
    assert len(result["reasons"]) == 3, "every ticked sign gives its reason"
    order = [t.id for t in checklist.tiers]
    for ticked in every_ticking(checklist):
        tiers = [s.tier for s in checklist.signs if s.id in ticked]
        expected = max((order.index(t) for t in tiers), default=0)
        assert advise(checklist, ticked)["tier"] == order[expected]


def test_a_sign_naming_an_unknown_tier_fails_clearly(tmp_path):
    text = (ROOT / "notebooks/checklists/red-flags.yml").read_text().replace("tier: soon", "tier: later", 1)
    (tmp_path / "red-flags.yml").write_text(text)
    with pytest.raises(QuizDataError, match=r"red-flags.yml: .*sign 'weakness-getting-worse', field 'tier': 'later'"):
        load_checklist("red-flags", tmp_path)


def test_static_html_and_widget(scratch_progress):
    checklist = load_checklist("red-flags")
    html = checklist_html(checklist)
    assert html.count('type="checkbox"') == len(checklist.signs) and "<fieldset>" in html and "<script" not in html
    assert html == checklist_html(checklist)
    widget = ChecklistWidget(checklist)
    widget.boxes["thinner-muscle"].value = True
    widget.show.click()
    assert "See a doctor soon" in widget.result.value and "cannot diagnose you" in widget.result.value


@pytest.mark.browser
def test_the_book_gives_the_same_advice_for_every_ticking(browser, tmp_path):
    checklist = load_checklist("red-flags")
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title></head><body>"
        f"{checklist_html(checklist)}<script src='twitchcourse.js'></script></body></html>", encoding="utf-8")
    (tmp_path / "twitchcourse.js").write_bytes((ROOT / "book/_static/twitchcourse.js").read_bytes())
    page = browser.new_page()
    with serve(tmp_path) as url:
        page.goto(url)
        tickings = every_ticking(checklist)
        in_browser = page.evaluate("([c, all]) => all.map(t => TwitchQuiz.advise(c, t))",
                                   [checklist.model_dump(), tickings])
        assert in_browser == [advise(checklist, t) for t in tickings]
        page.locator('label[for="tc-checklist-red-flags--thinner-muscle"]').click()
        page.get_by_role("button", name="Show what to do").click()
        text = page.locator("#tc-checklist-red-flags .tc-feedback").inner_text()
        assert text.startswith("See a doctor soon.") and "A muscle that is getting smaller" in text
    page.close()


@pytest.mark.browser
def test_the_checklist_in_the_book_works_with_the_keyboard(built_book, browser):
    from browser_helpers import tab_to
    html, _ = built_book
    page = browser.new_page(viewport={"width": 375, "height": 800})
    with serve(html) as url:
        page.goto(f"{url}/notebooks/05-when-to-get-help.html")
        tab_to(page, "#tc-checklist-red-flags--sudden-change")
        page.keyboard.press("Space")
        tab_to(page, "#tc-checklist-red-flags .tc-check")
        page.keyboard.press("Enter")
        text = page.locator("#tc-checklist-red-flags .tc-feedback").inner_text()
        assert text.startswith("Get urgent help now.")
    page.close()
