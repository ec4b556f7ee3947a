"""Our copies of theme templates (book/_templates) must come from the theme version installed:
a theme upgrade fails here, naming the file to copy again, instead of silently mixing versions."""
import re
from importlib.metadata import version
from pathlib import Path

from support import ROOT

COPIED = re.compile(r"\{# Copied from ([\w-]+) ([\d.]+), (\S+?\.html)")


def test_every_template_copy_names_its_theme_version_and_that_version_is_installed():
    # Templates that extend the theme's ({% extends "!layout.html" %}) are not copies.
    copies = [p for p in sorted((ROOT / "book" / "_templates").rglob("*.html"))
              if '{% extends "!' not in p.read_text(encoding="utf-8")]
    assert copies
    for copy in copies:
        found = COPIED.match(copy.read_text(encoding="utf-8"))
        assert found, f"{copy.relative_to(ROOT)}: say where it was copied from ({{# Copied from THEME VERSION, PATH)"
        theme, copied_from, original = found.groups()
        assert version(theme) == copied_from, (
            f"{copy.relative_to(ROOT)} is a copy of {theme} {copied_from}'s {original}, but {theme} {version(theme)} "
            f"is installed: copy its {original} again, re-apply our change, and update the version in the comment")
        package = Path(__import__(theme.replace("-", "_")).__file__).parent
        assert list(package.rglob(original)), f"{theme} {version(theme)} has no {original} any more"


def test_the_theme_packages_are_pinned():
    pins = dict(re.findall(r"^([\w-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), flags=re.M))
    for theme in ("pydata-sphinx-theme", "sphinx-book-theme"):
        assert pins.get(theme) == version(theme), f"requirements.txt must pin {theme}=={version(theme)}"
