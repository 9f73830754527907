"""A teacher reviews the keys proposed for an exercise on their own articles, in JupyterLab: removes a
wrong mark, adds a missing one, changes a source's type, ticks an article the claim matching missed, saves; the gold file, ``check()`` and
``medialit grade`` then use the reviewed key."""
from __future__ import annotations

import json
import secrets
import shutil

import nbformat

from medialit.grading import keys
from medialit.widgets import word_tokens

from conftest import grade_rows, run_cli, write_set

from .conftest import OUTPUT
from .lab_server import ROOT, open_notebook
from .test_marker_grading import _shut_down_kernels


def test_a_review_in_the_browser_becomes_the_key_that_grades(browser, lab, tmp_path):
    folder = ROOT / "test-output" / "browser" / f"review-{secrets.token_hex(4)}"  # inside the lab's root
    articles = write_set(folder / "bus-lane-vote")
    run = run_cli(["assign", "--set", str(articles)], timeout=300)
    assert run.returncode == 0, run.stderr
    from medialit.grading.review import review_tasks

    task = next(t for t in review_tasks(articles) if t["kinds"] == ["attribution"])
    text = task["text"]
    tokens = word_tokens(text)
    index = {text[s:e]: i for i, (s, e, _w, _g) in enumerate(tokens)}
    assert [s["text"] for s in task["spans"]] == ["insisted", "claim"]

    page = open_notebook(browser, *lab, (articles / "review-keys.ipynb").relative_to(ROOT).as_posix())
    try:
        box = page.locator(f".ml-review-{task['article']}-{task['paragraph']}").first
        box.locator(".ml-word.ml-marked").first.wait_for(timeout=90_000)
        assert box.locator(".ml-word.ml-marked").count() == 2
        box.locator(f'.ml-word[data-i="{index["claim"]}"]').click()     # a mark to remove: click it
        box.locator(f'.ml-word[data-i="{index["would"]}"]').click()     # a mark the teacher adds
        box.get_by_text("2 marked").wait_for(timeout=15_000)
        box.locator("select").first.select_option("role")               # Mayor Dana Ortiz: a role
        box.get_by_role("button", name="Save").click()
        box.get_by_text("✓ reviewed").wait_for(timeout=15_000)
        OUTPUT.mkdir(parents=True, exist_ok=True)
        box.screenshot(path=str(OUTPUT / "key-review.png"))
        claim = page.locator(".ml-review-claim-bus-lane-vote-6").first
        claim.scroll_into_view_if_needed()
        claim.get_by_text("radio-summary gives it too").click()          # the matching missed it
        claim.get_by_role("button", name="Save").click()
        claim.get_by_text("✓ reviewed").wait_for(timeout=15_000)
    finally:
        page.close()
        _shut_down_kernels(*lab, folder.relative_to(ROOT).as_posix())

    gold = json.loads((articles / "annotations" / f"{task['article']}.json").read_text(encoding="utf-8"))
    assert {"paragraph": task["paragraph"], "kinds": ["attribution"]} in gold["reviewed"]
    p_spans = [s for s in gold["spans"] if s["kind"] == "attribution" and s["text"] in ("insisted", "claim", "would")]
    assert [(s["text"], s["source_type"]) for s in p_spans] == [("insisted", "role"), ("would", "none")]
    assert next(s for s in p_spans if s["text"] == "insisted")["source"]["text"] == "Mayor Dana Ortiz"

    # The exercise graded with the reviewed key: "insisted" and "would" are full marks, and the mayor a role.
    exercise = nbformat.read(articles / "exercises" / "bus-lane-vote.ipynb", as_version=4)
    for cell in exercise.cells:
        meta = cell.metadata.get("medialit") or {}
        answer = {"bus-lane-vote.1": ["insisted", "would"], "bus-lane-vote.2": {"Mayor Dana Ortiz": "role"},
                  "bus-lane-vote.6": ["council-blog"]}.get(meta.get("id"))
        if answer is not None:
            variable = keys.answer_variable(meta["id"])
            cell.source = f"{variable} = {answer!r}"
    submitted = tmp_path / "cara.ipynb"
    nbformat.write(exercise, submitted)
    shutil.rmtree(folder / "bus-lane-vote" / "exercises")
    (row,) = grade_rows([submitted], tmp_path / "grades.csv")
    assert row["status"] == "ok", row
    assert float(row["qbus-lane-vote.1"]) == 3 and float(row["qbus-lane-vote.2"]) == 2
    assert float(row["qbus-lane-vote.6"]) == 2 and "bus-lane-vote.6: key proposed" not in row["flags"]
    assert "bus-lane-vote.1: key proposed" not in row["flags"] and "bus-lane-vote.4: key proposed" in row["flags"]
    shutil.rmtree(folder)
