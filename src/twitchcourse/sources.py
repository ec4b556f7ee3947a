"""Sources and glossary words in the chapters, written so that both forms of the course can follow them.

JupyterLab (jupyterlab-myst) cannot run the book's {cite} and {term} roles: it cannot read
references.bib and it has no glossary, so it showed "Citation Not Found" and links that went
nowhere. The chapters therefore write both as plain Markdown links to the chapter's own
"Words and sources" section at its end:

    ... are almost never ALS ([Blexrud 1993](#cite-blexrud1993); [NHS twitching](#cite-nhs2023)).
    ... twitches without [weakness](#term-weakness) ...

- In JupyterLab the links scroll to that section, which words_and_sources_html() renders from
  references.bib and book/glossary.md (the book hides it: tag remove-cell).
- The book turns the same links back into its numbered {cite} and {term} roles as it reads a
  chapter (book_roles(), run by sphinx_ext), so it keeps its references page and glossary.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from docutils.nodes import make_id

from .quizbank import COURSE_ROOT

BIBLIOGRAPHY = COURSE_ROOT / "references.bib"
GLOSSARY = COURSE_ROOT / "book" / "glossary.md"
HEADING = "Words and sources"

_CITE_LINK = r"\[[^\]\n]+\]\(#cite-([\w.-]+)\)"
CITE_GROUP = re.compile(rf"\({_CITE_LINK}(?:; {_CITE_LINK})*\)")  # ([A](#cite-a); [B](#cite-b))
TERM_LINK = re.compile(r"\[([^\]\n]+)\]\(#term-([\w-]+)\)")  # [weak](#term-weakness)
ROLE_CITE = re.compile(r"\{cite\}`([^`]+)`")


def term_id(name: str) -> str:
    """The id Sphinx gives a glossary term ("term-" and docutils' id of the name)."""
    return "term-" + make_id(name)


@dataclass(frozen=True)
class Word:
    names: tuple[str, ...]  # the term and its other names ("ALS", "amyotrophic lateral sclerosis")
    meaning: str  # MyST, with {cite} roles


@lru_cache(maxsize=None)
def glossary(path: Path = GLOSSARY) -> dict[str, Word]:
    """book/glossary.md's {glossary} block, by term id: the one source of the words' meanings."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", path.read_text(encoding="utf-8"), flags=re.S)
    if not block:
        raise ValueError(f"{path}: no {{glossary}} block")
    words, names, meaning = {}, [], []

    def close():
        if names:
            word = Word(tuple(names), " ".join(meaning))
            words.update({term_id(name): word for name in names})

    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            meaning.append(line.strip())
        else:
            if meaning:
                close()
                names, meaning = [], []
            names.append(line.strip())
    close()
    return words


@lru_cache(maxsize=None)
def _bibliography():
    from pybtex.database import parse_file  # comes with sphinxcontrib-bibtex
    return parse_file(str(BIBLIOGRAPHY)).entries


@lru_cache(maxsize=None)
def source_labels() -> dict[str, str]:
    """A short name for each source: the entry's `shorthand` field (a standard biblatex field)
    if it has one, else the first author's surname and the year ("Blexrud 1993")."""
    labels = {}
    for key, entry in _bibliography().items():
        if "shorthand" in entry.fields:
            labels[key] = entry.fields["shorthand"]
        else:
            person = entry.persons["author"][0]
            surname = " ".join([*person.prelast_names, *person.last_names])
            labels[key] = f"{surname} {entry.fields['year']}"
    return labels


def named(keys) -> str:
    """Sources as readable text: "Blexrud 1993; NHS twitching"."""
    labels = source_labels()
    return "; ".join(labels[k] for k in keys)


def book_roles(text: str) -> str:
    """The chapters' source and word links as the book's {cite} and {term} roles."""
    def cite(match):
        return "{cite}`" + ",".join(re.findall(r"\(#cite-([\w.-]+)\)", match.group(0))) + "`"

    def term(match):
        text, target = match.groups()
        word = glossary().get("term-" + target)
        if word is None:
            raise ValueError(f"the link [{text}](#term-{target}) names no word in {GLOSSARY.name}")
        name = next((n for n in word.names if term_id(n) == "term-" + target), word.names[0])
        return f"{{term}}`{text}`" if text.lower() == name.lower() else f"{{term}}`{text} <{name}>`"

    return TERM_LINK.sub(term, CITE_GROUP.sub(cite, text))


def _in_order(found) -> list[str]:
    return list(dict.fromkeys(found))


def words_and_sources_html(notebook: str | Path) -> str:
    """The section JupyterLab shows at the end of a chapter: every word and source the chapter's
    text links to, in order of first use, with the ids its links point at."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    words = glossary()
    ids = _in_order(f"term-{t}" for _, t in TERM_LINK.findall(text))
    entries = _in_order(words[i] for i in ids)
    keys = _in_order([*(k for group in CITE_GROUP.finditer(text) for k in re.findall(r"#cite-([\w.-]+)", group.group(0))),
                      *(k.strip() for w in entries for role in ROLE_CITE.findall(w.meaning) for k in role.split(","))])

    def meaning(word: Word) -> str:
        return ROLE_CITE.sub(lambda m: f"({named(k.strip() for k in m.group(1).split(','))})", word.meaning)

    out = []
    if entries:
        # Paragraphs, not <dl>: JupyterLab lays a <dl> out as a two-column grid that a word with two
        # names breaks.
        out.append("<h3>Words</h3>")
        out.extend("<p>" + ", ".join(f'<strong id="{term_id(n)}">{escape(n)}</strong>' for n in word.names)
                   + f": {escape(meaning(word))}</p>" for word in entries)
    if keys:
        from pybtex.plugin import find_plugin
        style = find_plugin("pybtex.style.formatting", "unsrt")()
        backend = find_plugin("pybtex.backends", "html")()
        bib = _bibliography()
        formatted = {e.key: e.text.render(backend) for e in style.format_entries([bib[k] for k in keys])}
        out.append("<h3>Sources</h3><ul>")
        out.extend(f'<li id="cite-{k}"><strong>{escape(source_labels()[k])}.</strong> {formatted[k]}</li>'
                   for k in keys)
        out.append("</ul>")
    return "".join(out)
