"""What JupyterLab keeps in the course's notebook files.

- `pre_save` is a Jupyter server pre-save hook (jupyter_server_config.json beside this file,
  installed by `make lab` and `.binder/postBuild`). Before any save, autosave included, it
  removes the widgets' saved state and the widget views from the notebook. The state holds
  whatever a widget shows (diary entries, notes, questions for the doctor, an uploaded CSV),
  so it must never reach a notebook file, whatever JupyterLab's "save widget state" setting.
  Each output keeps its static HTML, which never holds the learner's data, so a saved notebook
  reopens showing "choose Run > Run All Cells" instead of "Error displaying widget".
- `hide_code` marks the cells the book hides (tags remove-input, remove-cell) with JupyterLab's
  own "collapsed input" metadata, so learners see prose, pictures and quizzes, not code.
"""
from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
HIDDEN_IN_BOOK = {"remove-input", "remove-cell"}
KERNEL_NAME = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def strip_widget_state(nb: dict) -> bool:
    """Remove saved widget state and widget views from a notebook (a dict or NotebookNode).
    Returns whether anything was removed."""
    removed = nb.get("metadata", {}).pop("widgets", None) is not None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            removed |= output.get("data", {}).pop(WIDGET_VIEW, None) is not None
    return removed


def pre_save(model: dict, **_) -> None:
    """Jupyter server pre-save hook: no widget state in any notebook written to disk."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_state(model["content"])


def hide_code(nb: dict) -> None:
    """Idempotent: collapse the inputs of cells the book hides; JupyterLab's kernel name, so a
    notebook is not marked changed the moment it opens (JupyterLab writes its own name in)."""
    nb.setdefault("metadata", {})["kernelspec"] = dict(KERNEL_NAME)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and HIDDEN_IN_BOOK & set(cell.get("metadata", {}).get("tags", [])):
            cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
