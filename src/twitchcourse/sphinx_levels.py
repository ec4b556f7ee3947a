"""The `levels-of-help` directive: a book page shows the course's advice on when to get
help from its one data file (see levels.py), never from copied prose.

    ```{levels-of-help} emergency
    ```

The argument is the block: levels (the default), emergency or after-exam. Notebooks
need no directive: show_levels() gives the same MyST as a text/markdown output.
"""
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .levels import BLOCKS, CHECKLIST_DIR, DATA_NAME, myst


class LevelsOfHelp(SphinxDirective):
    optional_arguments = 1

    def run(self):
        block = directives.choice(self.arguments[0] if self.arguments else "levels", BLOCKS)
        self.env.note_dependency(str(CHECKLIST_DIR / f"{DATA_NAME}.yml"))  # rebuild when the data changes
        return self.parse_text_to_nodes(myst(block))


def setup(app):
    app.add_directive("levels-of-help", LevelsOfHelp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
