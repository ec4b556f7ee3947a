"""Re-run notebooks so their stored outputs are current: python -m twitchcourse.execute notebooks/*.ipynb

Widget views are removed from the stored outputs: without a running kernel they
could only show "Error displaying widget", while the static HTML beside them
reads well in JupyterLab and is what the book shows. The cells the book hides get
JupyterLab's collapsed-input metadata (lab.hide_code). Progress made while
running goes to a scratch folder, never into the learner's own file.

python -m twitchcourse.execute --metadata-only notebooks/*.ipynb applies only the
metadata step, without running anything (stored outputs are left as they are).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .lab import hide_code, strip_widget_state


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, record_timing=False, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    strip_widget_state(nb)
    hide_code(nb)
    nbformat.write(nb, path)


def apply_metadata(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    hide_code(nb)
    nbformat.write(nb, path)


def main(paths: list[str]) -> None:
    if paths[:1] == ["--metadata-only"]:
        for name in paths[1:]:
            apply_metadata(Path(name))
        return
    if not paths:
        sys.exit("usage: python -m twitchcourse.execute [--metadata-only] NOTEBOOK.ipynb [...]")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["TWITCHCOURSE_DATA_DIR"] = scratch
        os.environ["TWITCHCOURSE_EXAMPLE_DIARY"] = "1"  # the diary notebook shows the example
        for name in paths:
            print(f"executing {name}")
            execute(Path(name))


if __name__ == "__main__":
    main(sys.argv[1:])
