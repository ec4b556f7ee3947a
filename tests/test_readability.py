"""Plain language, measured: every built page at Flesch-Kincaid grade 8 or lower and SMOG 10 or
lower, and the course on average at grade 7 or lower (targets from shared/plain-language.md).

Only the reader's prose is measured: code, citations, the reference list and quiz data are left out.
The table of pages and grades is printed on every run.
"""
import re

import textstat

from support import ROOT
from bs4 import BeautifulSoup

MAX_GRADE, MAX_SMOG, MAX_AVERAGE_GRADE = 8.0, 10.0, 7.0
# Blocks of prose: each becomes at least one sentence, so a heading or a list item
# without a full stop is not glued to the next one.
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "th", "td", "caption", "figcaption"]
LEFT_OUT = [".cell_input", "pre", "code", ".tc-quiz", ".tc-progress", '[role="doc-bibliography"]',
            ".citation", ".bibliography", ".headerlink", "script", "style"]


def prose(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
    for node in article.select(", ".join(LEFT_OUT)):
        node.decompose()
    sentences = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS):  # only innermost blocks, so no text counts twice
            continue
        text = re.sub(r"\[\d+(?:,\s*\d+)*\]", "", block.get_text(" ", strip=True))  # citation numbers
        text = re.sub(r"\s+([.,;:?!])", r"\1", re.sub(r"\s+", " ", text)).strip()
        if text:
            sentences.append(text if text[-1] in ".?!:" else text + ".")
    return " ".join(sentences)


def measure(html):
    """(page, words, FK grade, SMOG, words per sentence) for every page of the built book."""
    pages = sorted(p for p in html.rglob("*.html") if p.parent.name in ("book", "notebooks"))
    assert pages, "no pages were built"
    rows = []
    for page in pages:
        text = prose(page.read_text(encoding="utf-8"))
        rows.append((page.relative_to(html).as_posix(), textstat.lexicon_count(text),
                     textstat.flesch_kincaid_grade(text), textstat.smog_index(text),
                     textstat.avg_sentence_length(text)))
    return rows


def test_every_page_reads_at_grade_8_or_lower(built_book, capsys):
    html, proc = built_book
    assert proc.returncode == 0, proc.stdout[-3000:]
    rows = measure(html)
    average = sum(r[2] for r in rows) / len(rows)
    with capsys.disabled():
        print("\n\nReadability of each page (textstat)")
        print(f"{'page':48} {'words':>6} {'FK grade':>9} {'SMOG':>6} {'words/sentence':>15}")
        for name, words, grade, smog, length in rows:
            print(f"{name:48} {words:6d} {grade:9.1f} {smog:6.1f} {length:15.1f}")
        print(f"{'course average':48} {'':6} {average:9.1f}\n")
    too_hard = [r for r in rows if r[2] > MAX_GRADE or r[3] > MAX_SMOG]
    assert not too_hard, f"pages above grade {MAX_GRADE} or SMOG {MAX_SMOG}: {too_hard}"
    assert average <= MAX_AVERAGE_GRADE, f"course average grade {average:.1f} is above {MAX_AVERAGE_GRADE}"
    # Guards the extraction itself: a chapter with almost no prose means the selectors broke.
    assert all(words >= 500 for name, words, *_ in rows if name.startswith("notebooks/")), rows


def test_prose_leaves_out_code_citations_and_quizzes():
    html = ('<article class="bd-article"><h2>Heading</h2><p>Plain words [1, 2].</p>'
            '<div class="cell_input"><pre>import x</pre></div><section class="tc-quiz"><p>Quiz text</p></section>'
            '<ul><li>One item</li><li>Two items</li></ul><div role="doc-bibliography"><p>Ref</p></div></article>')
    assert prose(html) == "Heading. Plain words. One item. Two items."


def test_the_about_page_states_each_pages_measured_grade(built_book):
    """book/about.md lists every page's reading grade; it must match what this test measures
    (within half a grade, since the table itself changes the About page's own grade)."""
    html, _ = built_book
    about = (ROOT / "book" / "about.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| \[[^\]]+\]\(([^)]+)\) \| ([\d.]+) \|", about, flags=re.M))

    def link(name):  # a built page's source, as a link from book/about.md
        folder, stem = name[:-len(".html")].split("/")
        return f"../notebooks/{stem}.ipynb" if folder == "notebooks" else f"{stem}.md"

    measured = {link(name): grade for name, _, grade, *_ in measure(html)}
    table = "\n".join(f"| [{target.split('/')[-1].split('.')[0]}]({target}) | {grade:.1f} |"
                       for target, grade in measured.items())
    for target, grade in measured.items():
        assert target in stated, f"book/about.md has no reading grade for {target}; the measured rows are:\n{table}"
        assert abs(float(stated[target]) - grade) <= 0.5, (
            f"book/about.md states grade {stated[target]} for {target}, measured {grade:.1f}; the rows are:\n{table}")
