"""Marks clicked in a question's Marker count: click the right words in JupyterLab, save with Ctrl+S,
and ``medialit grade`` gives the question's points."""
from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request

import nbformat

from medialit.grading.keys import all_questions
from medialit.grading.marks import MIME
from medialit.widgets import word_tokens

from conftest import grade_rows

from .conftest import OUTPUT
from .lab_server import ROOT, open_notebook

QUESTION = "02.1"


def _shut_down_kernels(base: str, token: str, folder: str) -> None:
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as answer:
        sessions = json.load(answer)
    for session in sessions:
        if session.get("path", "").startswith(folder):
            request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()


def test_marks_clicked_in_the_browser_are_saved_and_graded(browser, lab, tmp_path):
    question = all_questions()[QUESTION]
    folder = ROOT / "test-output" / "browser" / f"marker-{secrets.token_hex(4)}"   # inside the lab's root
    folder.mkdir(parents=True)
    notebook = folder / "02-who-says-so.ipynb"
    nb = nbformat.read(ROOT / "exercises" / "02-who-says-so.ipynb", as_version=4)
    nbformat.write(nb, notebook)
    relative = notebook.relative_to(ROOT).as_posix()
    page = open_notebook(browser, *lab, relative)
    try:
        marker = page.locator(".jp-OutputArea", has=page.locator(".ml-marker-text")).first
        marker.locator(".ml-word").first.wait_for(timeout=90_000)
        # Click the words of every key span, as a student who gets it right does (shift-click stretches).
        tokens = word_tokens(question["text"])
        for span in question["key"]:
            inside = [i for i, (s, e, _w, _g) in enumerate(tokens) if e > s and span["start"] <= s and e <= span["end"]]
            marker.locator(f'.ml-word[data-i="{inside[0]}"]').click()
            if len(inside) > 1:
                marker.locator(f'.ml-word[data-i="{inside[-1]}"]').click(modifiers=["Shift"])
        n = len(question["key"])
        marker.get_by_text(f"Marks for {QUESTION} — {n} marked:").wait_for(timeout=15_000)
        assert marker.locator(".ml-word.ml-marked").count() == sum(
            len(span["text"].split()) for span in question["key"])
        marker.get_by_role("button", name="Check").click()
        feedback = marker.locator(".ml-feedback")
        feedback.wait_for(timeout=15_000)
        assert "Correct!" in feedback.inner_text()

        # Save with the keyboard, as a student does; the saved file carries the marks in an output.
        marker.locator(".ml-word").first.click()                           # a stray click marks a word…
        marker.locator(".ml-word").first.click()                           # …and a second click unmarks it
        marker.get_by_text(f"Marks for {QUESTION} — {n} marked:").wait_for(timeout=15_000)
        page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        page.keyboard.press("Control+s")
        deadline, saved = time.time() + 30, []
        while time.time() < deadline and not saved:
            time.sleep(0.5)
            data = nbformat.read(notebook, as_version=4)
            saved = [o["data"][MIME] for c in data.cells if c.cell_type == "code" for o in c.outputs
                     if MIME in o.get("data", {})]
        assert saved, "Ctrl+S did not save the notebook with the Marker's output"
        assert sorted(saved[-1]["marks"]) == sorted([k["start"], k["end"], k["kind"]] for k in question["key"])
        OUTPUT.mkdir(parents=True, exist_ok=True)
        marker.screenshot(path=str(OUTPUT / "exercise-02-marker.png"))
    finally:
        page.close()
        _shut_down_kernels(*lab, folder.relative_to(ROOT).as_posix())

    submitted = tmp_path / "02-who-says-so.ipynb"
    shutil.copy(notebook, submitted)
    shutil.rmtree(folder)
    (row,) = grade_rows([submitted], tmp_path / "grades.csv")
    assert row["status"] == "ok", row
    assert float(row[f"q{QUESTION}"]) == question["points"]
