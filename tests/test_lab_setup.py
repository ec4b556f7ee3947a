"""What JupyterLab may keep in a notebook file: the pre-save hook and the collapsed-code step."""
import copy
import json

import pytest

from support import ROOT
from twitchcourse.lab import WIDGET_VIEW, hide_code, pre_save

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def saved_with_widget_state() -> dict:
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    return {"cells": [{"cell_type": "code", "metadata": {"tags": ["remove-input"]}, "source": "show_diary(diary)",
                       "outputs": [{"output_type": "display_data", "metadata": {},
                                    "data": {WIDGET_VIEW: view, "text/html": "<p>note</p>", "text/plain": "x"}}]}],
            "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {
                "state": {"abc": {"state": {"value": "<td>my private note</td>"}}}}}}}


def test_the_pre_save_hook_removes_widget_state_and_views_but_keeps_the_static_html():
    model = {"type": "notebook", "content": saved_with_widget_state()}
    pre_save(model=model, path="08-twitch-diary.ipynb", contents_manager=None)
    saved = json.dumps(model["content"])
    assert "private note" not in saved and WIDGET_VIEW not in saved
    assert model["content"]["cells"][0]["outputs"][0]["data"] == {"text/html": "<p>note</p>", "text/plain": "x"}
    other = {"type": "file", "content": "widgets"}
    pre_save(model=other, path="a.txt", contents_manager=None)
    assert other == {"type": "file", "content": "widgets"}


def test_the_server_config_installs_the_hook_and_hides_conftest():
    config = json.loads((ROOT / "src" / "twitchcourse" / "jupyter_server_config.json").read_text())
    assert config["ContentsManager"]["pre_save_hook"] == "twitchcourse.lab.pre_save"
    assert "conftest.py" in config["ContentsManager"]["hide_globs"]


def test_hide_code_is_idempotent():
    nb = saved_with_widget_state()
    hide_code(nb)
    once = copy.deepcopy(nb)
    hide_code(nb)
    assert nb == once and nb["cells"][0]["metadata"]["jupyter"] == {"source_hidden": True}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_open_with_code_collapsed_and_unchanged(notebook):
    """`python -m twitchcourse.execute --metadata-only notebooks/*.ipynb` fixes a failure here."""
    nb = json.loads(notebook.read_text())
    fixed = copy.deepcopy(nb)
    hide_code(fixed)
    assert nb == fixed, f"{notebook.name}: run python -m twitchcourse.execute --metadata-only {notebook.name}"
