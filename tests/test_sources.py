"""Sources and words in the chapters: links JupyterLab can follow, roles in the book (sources.py)."""
import json
import re

import pytest

from support import ROOT
from twitchcourse.sources import (CITE_GROUP, TERM_LINK, book_roles, glossary, source_labels, term_id,
                                  words_and_sources_html)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))


def markdown(path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_links_become_the_books_roles():
    text = ("Rare ([Blexrud 1993](#cite-blexrud1993); [NHS twitching](#cite-nhs2023)). "
            "[Weakness](#term-weakness), [ALS](#term-als), [BFS](#term-bfs).")
    assert book_roles(text) == ("Rare {cite}`blexrud1993,nhs2023`. {term}`Weakness`, "
                                "{term}`ALS`, {term}`BFS`.")
    assert book_roles("[fibres](#term-muscle-fibre)") == "{term}`fibres <muscle fibre>`"


def test_a_link_to_a_word_the_glossary_lacks_is_refused_by_name():
    with pytest.raises(ValueError, match=r"\[wobble\]\(#term-wobble\) names no word in glossary.md"):
        book_roles("[wobble](#term-wobble)")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapters_write_sources_and_words_as_links_with_the_sources_own_names(notebook):
    text = markdown(notebook)
    assert not re.search(r"\{(cite|term)[^}]*\}", text), "a role JupyterLab cannot show"
    labels, words = source_labels(), glossary()
    for group in CITE_GROUP.finditer(text):
        for name, key in re.findall(r"\[([^\]]+)\]\(#cite-([\w.-]+)\)", group.group(0)):
            assert key in labels, f"{notebook.name}: no source {key} in references.bib"
            assert name == labels[key], f"{notebook.name}: [{name}] should be named [{labels[key]}]"
    # Every #cite- link is inside a group the book can turn into {cite}.
    assert text.count("(#cite-") == sum(g.group(0).count("(#cite-") for g in CITE_GROUP.finditer(text))
    for _, target in TERM_LINK.findall(text):
        assert f"term-{target}" in words, f"{notebook.name}: no word #term-{target} in the glossary"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_chapter_ends_with_its_words_and_sources_which_the_book_hides(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    heading, code = cells[-2:]
    assert "".join(heading["source"]) == "## Words and sources"
    assert "".join(code["source"]) == f'show_words_and_sources("{notebook.name}")'
    assert heading["metadata"]["tags"] == code["metadata"]["tags"] == ["remove-cell"]
    html = words_and_sources_html(notebook)
    text = markdown(notebook)
    for key in {k for g in CITE_GROUP.finditer(text) for k in re.findall(r"#cite-([\w.-]+)", g.group(0))}:
        assert f'id="cite-{key}"' in html, f"{notebook.name}: the link to {key} lands nowhere"
    for _, target in TERM_LINK.findall(text):
        assert f'id="term-{target}"' in html, f"{notebook.name}: the link to the word {target} lands nowhere"
    assert "{cite}" not in html


def test_words_keep_every_name_and_their_sources_by_name():
    word = glossary()[term_id("BFS")]
    assert word.names == ("benign fasciculation syndrome", "BFS")
    assert glossary()[term_id("benign fasciculation syndrome")] is word
    html = words_and_sources_html(ROOT / "notebooks" / "01-what-are-fasciculations.ipynb")
    assert "(Wijesekera 2009)" in html and 'id="cite-wijesekera2009"' in html
