"""Printing: the one-page handout prints to at most two A4 pages with every red flag on it."""
import io
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
