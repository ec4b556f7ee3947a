"""The diary's printable summary fits on one A4 page for a typical three weeks of entries."""
import io

import pytest
from pypdf import PdfReader

from browser_helpers import serve
from twitchcourse.diary import example_entries
from twitchcourse.diary_summary import summary_html


@pytest.mark.browser
def test_summary_prints_on_one_page(browser, tmp_path):
    (tmp_path / "index.html").write_text(summary_html(example_entries(), ["Do I need any tests?"]), encoding="utf-8")
    with serve(tmp_path) as url:
        page = browser.new_page()
        page.goto(url)
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        page.close()
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) == 1, f"the summary prints on {len(pdf.pages)} pages"
    assert "Do I need any tests?" in text and "not a diagnosis" in text
