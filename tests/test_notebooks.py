"""The stored notebook outputs, which the book shows and nbval compares: no warnings, errors or
local paths in them (they would differ on every machine), and no widget views (see execute.py)."""
import json

import pytest

from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_are_clean(notebook):
    for cell in json.loads(notebook.read_text())["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] in ("display_data", "execute_result"), (notebook.name, output)
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
            assert str(ROOT) not in json.dumps(output), f"{notebook.name} stores a local path"
