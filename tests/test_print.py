"""Printing: the one-page handout prints to at most two A4 pages with every red flag on it."""
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from browser_helpers import serve

from twitchcourse.levels import load_levels

# Every sign of every level of help, as the levels data words it.
RED_FLAGS = [s.short[0].upper() + s.short[1:] for s in load_levels().signs]


@pytest.mark.browser
def test_handout_prints_on_two_pages_at_most_with_every_red_flag(built_book, browser):
    html, proc = built_book
    assert proc.returncode == 0, proc.stdout[-3000:]
    with serve(html) as url:
        page = browser.new_page()
        page.goto(f"{url}/book/handout.html")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        page.close()
    # NFKC undoes the PDF's ligatures ("ﬀ" in "stiff").
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 2, f"the handout prints on {len(pdf.pages)} pages"
    for flag in RED_FLAGS:
        assert flag in " ".join(text.split()), f"'{flag}' is missing from the printed handout"
    assert "999" in text and "Search" not in text, "print shows the content only, not the site's buttons"
    assert not re.search(r"\[\d+(, \d+)*\]", text), "printed citation numbers would point to no reference list"
    assert "Sources: NHS pages on twitches" in " ".join(text.split()), "paper names its sources in words"


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_diary_sheet_prints_on_one_page_with_14_days_and_the_stop_line(site, browser, paper):
    url, _ = site
    page = browser.new_page()
    page.goto(f"{url}/book/diary-sheet.html")
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    page.close()
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text() for p in pdf.pages).split()))
    assert len(pdf.pages) == 1, f"the diary sheet prints on {len(pdf.pages)} pages of {paper}"
    assert "14" in text and "How strong" in text and "Stop the diary and get help" in text
    assert "Call an emergency number now" in text and "two weeks" in text
