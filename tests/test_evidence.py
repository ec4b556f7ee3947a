"""The course against its brief (shared/content-brief.md): every seed point covered where the map
says, every citation known, nothing from the DO NOT USE list, a disclaimer atop every chapter."""
import json
import re
from pathlib import Path

import pytest
from docutils.nodes import make_id

from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# Seed point (numbered as at the end of the brief) -> (chapter, section anchor, a word the section must use).
SEED_MAP = {
    1: ("01-what-are-fasciculations", "twitches-on-their-own-are-almost-never-als", "ALS"),
    2: ("02-common-causes", "stress-and-anxiety", "stress"),
    3: ("02-common-causes", "tired-muscles-and-exercise", "tired"),
    4: ("02-common-causes", "minerals-in-your-blood-electrolytes", "potassium"),
    5: ("02-common-causes", "caffeine-and-other-stimulants", "caffeine"),
    6: ("02-common-causes", "irritated-or-pinched-nerves", "pinched"),
    7: ("02-common-causes", "medicines-that-can-cause-twitches", "medicine"),
    8: ("03-red-flags", "red-flag-1-weakness-that-gets-worse", "weak"),
    9: ("03-red-flags", "red-flag-2-trouble-speaking-or-swallowing", "swallow"),
    10: ("03-red-flags", "red-flag-3-a-muscle-that-gets-smaller", "muscle"),
    11: ("03-red-flags", "red-flag-4-numbness-or-tingling", "tingling"),
    12: ("01-what-are-fasciculations", "how-common-are-twitches", "healthy"),
    13: ("01-what-are-fasciculations", "what-doctors-look-for", "alone"),
    14: ("05-when-to-get-help", "what-happens-at-the-appointment", "exam"),
    15: ("06-faq", "are-twitches-always-a-sign-of-als", "ALS"),
    16: ("06-faq", "can-twitches-be-the-only-symptom-of-als", "weak"),
    17: ("06-faq", "how-long-do-twitches-last-in-als", "months"),
    18: ("06-faq", "do-twitches-in-als-happen-only-in-certain-muscles", "muscle"),
    19: ("06-faq", "should-i-see-a-doctor-about-my-twitches", "urgent"),
    20: ("07-review", "key-takeaways", "ALS"),
}
# From the brief's DO NOT USE list: claims that could not be confirmed.
DO_NOT_USE = {
    "a share of ALS patients whose first or only symptom was twitching":
        # one sentence with a number, "first/only sign/symptom" and twitching
        r"(?=[^.\n]*\d)(?=[^.\n]*\b(first|only) (sign|symptom))(?=[^.\n]*(twitch|fascicul))[^.\n]+",
    "6-14% of over-45s with isolated twitches develop MND": r"\b6\s*(-|–|to)\s*14\b",
    "a median 4.7-year follow-up study": r"4\.7",
    "salbutamol as a cause of twitches": r"salbutamol|albuterol",
    "dehydration as a direct cause": r"dehydrat",
    "under-40s reassured without EMG": r"under(-| )40",
}


def sections(notebook: Path) -> dict[str, str]:
    """Each heading's anchor -> the Markdown text under it, up to the next heading."""
    text = "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]
                     if c["cell_type"] == "markdown")
    parts = re.split(r"^#{1,6}\s+(.+)$", text, flags=re.M)
    return {make_id(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def course_text() -> dict[str, str]:
    files = [*NOTEBOOKS, *(ROOT / "notebooks/quizzes").glob("*.yml"), *(ROOT / "notebooks/checklists").glob("*.yml"),
             *(ROOT / "book").glob("*.md")]
    texts = {}
    for path in files:
        if path.suffix == ".ipynb":  # sources only: outputs repeat the quiz text
            cells = json.loads(path.read_text())["cells"]
            texts[path.name] = "\n".join("".join(c["source"]) for c in cells)
        else:
            texts[path.name] = path.read_text()
    return texts


@pytest.mark.parametrize("point", sorted(SEED_MAP))
def test_every_seed_point_is_covered_where_the_map_says(point):
    chapter, anchor, word = SEED_MAP[point]
    path = ROOT / "notebooks" / f"{chapter}.ipynb"
    assert path.is_file(), f"seed point {point}: chapter {chapter} does not exist"
    found = sections(path)
    assert anchor in found, f"seed point {point}: no section #{anchor} in {chapter} (has: {', '.join(found)})"
    assert word.lower() in found[anchor].lower(), f"seed point {point}: #{anchor} never says '{word}'"


def test_every_citation_is_in_the_bibliography():
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), flags=re.M))
    for name, text in course_text().items():
        for role in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text):
            for key in role.split(","):
                assert key.strip() in keys, f"{name}: cites '{key.strip()}', which is not in references.bib"


@pytest.mark.parametrize("claim", sorted(DO_NOT_USE))
def test_nothing_from_the_do_not_use_list(claim):
    for name, text in course_text().items():
        match = re.search(DO_NOT_USE[claim], text, flags=re.I)
        assert not match, f"{name} says '{match.group(0)}': {claim} is on the brief's DO NOT USE list"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_opens_with_the_run_all_tip_and_the_disclaimer(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    tip, first = "".join(cells[0]["source"]), "".join(cells[1]["source"])
    # The tip is for JupyterLab only: the book hides it (remove-cell), so it is not the page's description.
    assert "Run > Run All Cells" in tip and cells[0]["metadata"].get("tags") == ["remove-cell"]
    assert first.startswith("# ")
    # The emergency box comes from the levels data (show_levels), never from prose.
    assert "emergency number" not in first and "999" not in first
    assert any(c["cell_type"] == "code" and "".join(c["source"]) == 'show_levels("emergency")' for c in cells[2:5])
