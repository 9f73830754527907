"""Fixtures: a JupyterLab server on loopback, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest

from .lab_server import CHROMIUM, CHROMIUM_ARGS, ROOT, start_lab, stop_lab

OUTPUT = ROOT / "test-output" / "browser"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """(base_url, token) of a JupyterLab server started for the tests and stopped after them."""
    server, base, token = start_lab(tmp_path_factory.mktemp("jupyter"))
    yield base, token
    stop_lab(server)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def with_marker_cells(nb, question_id: str):
    """The exercise notebook with the question's Marker cell and an answer cell that reads its marks
    (the cells ``medialit.marks.marker_cells`` gives); left as it is if its answer cell already reads a Marker."""
    import nbformat

    from medialit.marks import marker_cells

    marker_source, answer_source = marker_cells(question_id)
    answer = next(c for c in nb.cells if c.get("metadata", {}).get("medialit", {}).get("id") == question_id)
    if ".value" in answer.source:
        return nb
    at = nb.cells.index(answer)
    before = nb.cells[at - 1]
    if before.cell_type == "code" and question_id in before.source and "question" in before.source:
        before.source = marker_source
    else:
        nb.cells.insert(at, nbformat.v4.new_code_cell(marker_source))
    answer.source = answer_source
    return nb
