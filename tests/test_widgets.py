"""Widgets driven from Python, as a test drives them: set values, press buttons, read the outputs."""
import csv
import json
import re
import subprocess
import sys
from html import unescape
from itertools import combinations
from pathlib import Path

import nbformat
import pytest

import medialit
from medialit.analysis.annotation import annotate
from medialit.display import format_annotated, format_feedback
from medialit.exercises import question_marker
from medialit.grading.keys import all_questions
from medialit.grading.scoring import score_answer
from medialit.grading.marks import ENV, MIME, SavedMarker, grading_env, marker_cells, saved_marks
from medialit.analysis.practice_text import practice
from medialit.cli import build_report as format_report
from conftest import run_cli
from medialit.widgets import (ArticleViewer, CompareView, Marker, QuestionMarker, Quiz, Rewrite, quiz, quiz_bank,
                              word_tokens)

ROOT = Path(__file__).resolve().parents[1]


def marks_in(html, kind):
    return len(re.findall(rf'class="ml ml-{kind}"', html))


def test_article_viewer_toggles_change_highlights_and_counts(seed_set):
    viewer = ArticleViewer(seed_set["opinion-site"])
    total = len(viewer.spans)
    assert viewer.summary.value == f"Showing {total} of {total} marks."
    loaded = marks_in(viewer.text_view.value, "loaded")
    assert loaded == sum(1 for s in viewer.spans if s.kind == "loaded") > 0
    viewer.toggles.buttons["loaded"].value = False
    assert marks_in(viewer.text_view.value, "loaded") == 0
    assert viewer.summary.value == f"Showing {total - loaded} of {total} marks."
    assert viewer.toggles.buttons["loaded"].icon == ""
    named = viewer.toggles.buttons["attribution: named person"]
    by_name = sum(1 for s in viewer.spans if s.kind == "attribution" and s.source and s.source.label == "named person")
    assert by_name > 5 and named.description == f"source: named person ({by_name})"
    named.value = False
    assert "source: vague" in viewer.toggles.buttons["attribution: vague"].description
    assert all(s.source is None or s.source.label != "named person" for s in viewer.visible_spans()
               if s.kind == "attribution")
    viewer.toggles.buttons["loaded"].value = True
    assert marks_in(viewer.text_view.value, "loaded") == loaded


def test_viewer_shows_quoted_voice_and_tooltips(seed_set):
    html = ArticleViewer(seed_set["bbc-repost"]).text_view.value
    assert 'class="ml-quote"' in html                      # quoted words look different
    assert "Neutral alternative: firm; (leave it out)" in html   # the tooltip of "staunch"
    assert "[LOADED]" in html and "[SAYS]" in html              # readable without colour


def test_compare_view_claims_highlight_and_omissions(seed_set):
    view = CompareView(seed_set)
    assert view.claim_status.value.startswith("Choose a claim")
    claim = next(c for c in view.claims if len(c.members) == 2)
    view.select_claim(claim.id)
    left_out = [i for i in seed_set.ids if i not in claim.members][0]
    assert f"<b>Left out by:</b> {left_out}." in view.claim_status.value
    for article_id in seed_set.ids:
        highlighted = marks_in(view.panels[article_id].value, "claim")
        assert (highlighted > 0) == (article_id in claim.members)
    view.toggles.buttons["hedge"].value = False
    assert all(marks_in(panel.value, "hedge") == 0 for panel in view.panels.values())


def test_marker_marks_extends_unmarks_and_checks():
    text = "Head\n\nOfficials claimed the plan may fail, according to reports."
    key = [{"start": 16, "end": 23, "kind": "attribution"}, {"start": 43, "end": 55, "kind": "attribution"}]
    marker = Marker(text, kinds=("attribution", "hedge"), key=key)
    assert marker.check().status == "not answered"
    assert "Not answered yet" in marker.feedback.value
    marker.mark_text("claimed")
    marker.mark_text("may", "hedge")
    assert [(s.text, s.kind) for s in marker.value] == [("claimed", "attribution"), ("may", "hedge")]
    assert "2 marked" in marker.count.value
    result = marker.check()
    assert result.status == "partial" and "“may” is not an attribution cue" not in marker.feedback.value
    assert "Still to find: an attribution cue in sentence 1" in marker.feedback.value
    marker.mark_text("according to")
    marker.area.marks = [m for m in marker.area.marks if m[2] != "hedge"]  # unmark "may"
    assert marker.check().status == "correct" and "Correct!" in marker.feedback.value
    marker.clear_button.click()
    assert marker.value == [] and marker.feedback.value == ""


def test_marker_check_button_and_kind_picker_reach_the_front_end():
    marker = Marker("Head\n\nIt may rain.", kinds=("hedge", "booster"), key=[{"start": 9, "end": 12, "kind": "hedge"}])
    marker.kind_picker.value = "booster"
    assert marker.area.kind == "booster"
    marker.area.marks = [[9, 12, "hedge"]]     # what a click in the browser sends
    marker.check_button.click()
    assert "Correct!" in marker.feedback.value
    assert word_tokens("It may.")[1] == [3, 6, "may", "."]


def test_marker_on_a_lesson_paragraph_uses_the_gold_key(seed_set):
    text, key, origin = practice(seed_set["aggregator"], 2, kinds=("attribution",))
    assert origin == "gold" and [text[k["start"]:k["end"]] for k in key] == ["stressed", "allegations", "added"]
    marker = Marker(text, kinds=("attribution",), key=key)
    marker.mark_text("stressed")
    assert marker.check().score == 0.5


def test_quiz_single_and_multiple_choice():
    quiz = Quiz("Which word is a hedge?", ["reportedly", "said", "clearly"], "reportedly",
                explanation="'Reportedly' means it is not confirmed.",
                explanations={"clearly": "'Clearly' is a booster: the opposite of a hedge."})
    assert quiz.check().status == "not answered"
    quiz.choose("clearly")
    quiz.check_button.click()
    assert "booster: the opposite" in quiz.feedback.value and "Not yet" in quiz.feedback.value
    quiz.choose("reportedly")
    assert quiz.check().status == "correct" and "not confirmed" in quiz.feedback.value
    many = Quiz("Which are hedges?", ["may", "said", "allegedly", "never"], ["may", "allegedly"])
    many.choose("may")
    assert many.check().score == 0.5
    many.choose("may", "allegedly", "never")
    assert many.check().score == 0.5
    many.choose("may", "allegedly")
    assert many.check().status == "correct"


def test_rewrite_gives_live_feedback():
    box = Rewrite("The Belarusian strongman parroted Moscow’s claims on 17 February.")
    assert "Start typing" in box.feedback.value
    box.value = "The strongman repeated Moscow’s claims."
    assert "Still loaded: <b>strongman</b>" in box.feedback.value
    assert "Lost a key fact: <b>17</b>" in box.feedback.value and "Belarusian" in box.feedback.value
    box.value = "The Belarusian president repeated Moscow’s claims on 17 February."
    assert "Well done" in box.feedback.value


def test_static_views_work_without_widgets(seed_set):
    html = format_annotated(seed_set["aggregator"].text, annotate(seed_set["aggregator"]))
    cues = sum(1 for s in annotate(seed_set["aggregator"].text) if s.kind == "attribution")
    assert cues >= 9 and html.count("[SAYS]") == cues + 1 and "ml-legend" in html  # every cue and the legend
    page = format_report(seed_set)
    assert page.count("<img") == 4 and "opinion-site" in page and "— leaves it out" in page
    from medialit.grading.feedback import Feedback
    assert 'role="status"' in format_feedback(Feedback(1.0, "correct"))


def test_cli_report_writes_a_self_contained_page(tmp_path, other_set_dir):
    from medialit.cli import main

    out = tmp_path / "report.html"
    assert main(["report", str(other_set_dir), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "council-blog" in page and "data:image/png;base64," in page
    assert not re.search(r'src="(?!data:)', page) and "<link" not in page  # nothing loaded from elsewhere


# --- a question's Marker: its marks are the answer, saved with the notebook, graded -------------------


def key_marks(question_id):
    """The marks a student who gets the question right makes: the key's spans, as the Marker sends them."""
    return [[k["start"], k["end"], k["kind"]] for k in all_questions()[question_id]["key"]]


@pytest.mark.parametrize("question_id", ["02.1", "03.1", "04.1"])
def test_exercise_mark_questions_use_the_marker_cells(question_id):
    """Every *mark* question's Marker cell and answer cell in exercises/ are the cells marks.marker_cells gives."""
    marker_source, answer_source = marker_cells(question_id)
    path = next((ROOT / "exercises").glob(f"{question_id[:2]}-*.ipynb"))
    sources = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert marker_source in sources and answer_source in sources


def grade_with_cli(path, out):
    run = run_cli(["grade", str(path), "--out", str(out), "--workers", "1", "--timeout", "60"])
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_question_marker_keeps_its_marks_in_a_file_and_brings_them_back(tmp_path):
    question = all_questions()["02.1"]
    file = tmp_path / ".medialit" / "marks.json"
    marker = QuestionMarker("02.1", question["text"], kinds=("attribution",), marks_file=file)
    assert not file.exists()                                   # nothing written until the student clicks
    marker.area.marks = key_marks("02.1")[:2]                  # what two clicks in the browser send
    assert json.loads(file.read_text())["02.1"]["marks"] == key_marks("02.1")[:2]
    line = marker.marks_bundle()["text/plain"]
    assert line == "Marks for 02.1 — 2 marked: “parroted”, “claims”. Save the notebook to keep them."
    again = QuestionMarker("02.1", question["text"], kinds=("attribution",), marks_file=file)
    assert [(s.start, s.end, s.kind) for s in again.value] == [tuple(m) for m in key_marks("02.1")[:2]]
    other = QuestionMarker("02.1", "Head\n\nA different paragraph said so.", marks_file=file)
    assert other.value == []                                   # offsets of another text are not reused
    again.clear_button.click()
    assert json.loads(file.read_text())["02.1"]["marks"] == []


def test_grading_kernel_question_marker_holds_the_saved_marks(tmp_path, monkeypatch):
    output = {"output_type": "display_data", "metadata": {},
              "data": {"text/plain": "…", MIME: {"question": "02.1", "text_sha1": "?", "marks": []}}}
    nb = {"cells": [{"cell_type": "code", "source": "", "outputs": [output]}]}
    newer = json.loads(json.dumps(output))
    newer["data"][MIME] = QuestionMarker("02.1", all_questions()["02.1"]["text"]).marks_bundle()[MIME]
    newer["data"][MIME]["marks"] = key_marks("02.1")
    nb["cells"].append({"cell_type": "code", "source": "", "outputs": [newer, {"output_type": "stream"}]})
    assert saved_marks(nb)["02.1"]["marks"] == key_marks("02.1")
    env = grading_env(nb, tmp_path)
    monkeypatch.setenv("MEDIALIT_GRADING", "1")
    monkeypatch.setenv(ENV, env[ENV])
    marker = question_marker("02.1")
    assert isinstance(marker, SavedMarker) and marker.check().status == "not checked"
    assert score_answer(all_questions()["02.1"], marker.value).status == "correct"
    monkeypatch.setenv(ENV, str(tmp_path / "missing.json"))
    assert question_marker("02.1").value == []


def test_marker_answers_are_scored_with_their_kinds():
    question = all_questions()["03.1"]
    right = SavedMarker("03.1", question["text"], key_marks("03.1"), kinds=question["kinds"])
    assert score_answer(question, right.value).status == "correct"
    wrong_kind = [[s, e, "booster" if k == "hedge" else "hedge"] for s, e, k in key_marks("03.1")]
    wrong = SavedMarker("03.1", question["text"], wrong_kind, kinds=question["kinds"])
    assert score_answer(question, wrong.value).earned < score_answer(question, right.value).earned


@pytest.mark.slow
def test_marks_saved_in_the_notebook_are_graded(tmp_path):
    """A Marker's marks, set as clicks set them, reach the saved notebook's outputs and `medialit grade`."""
    nb = nbformat.read(ROOT / "exercises" / "02-who-says-so.ipynb", as_version=4)
    click = nbformat.v4.new_code_cell(f"marker_02_1.area.marks = {key_marks('02.1')!r}")
    at = next(i for i, c in enumerate(nb.cells) if "marker_02_1 = question_marker" in c.source)
    nb.cells.insert(at + 1, click)
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=120, allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}).execute()
    nb.cells.remove(click)                                     # the saved file has no trace of how marks were made
    marker_outputs = [o for o in nb.cells[at].outputs if MIME in o.get("data", {})]
    assert marker_outputs and marker_outputs[-1]["data"][MIME]["marks"] == key_marks("02.1")
    assert "4 marked: “parroted”" in marker_outputs[-1]["data"]["text/plain"]
    assert json.loads((tmp_path / ".medialit" / "marks.json").read_text())["02.1"]["marks"] == key_marks("02.1")
    submitted = tmp_path / "submitted" / "02-who-says-so.ipynb"
    submitted.parent.mkdir()
    nbformat.write(nb, submitted)
    (row,) = grade_with_cli(submitted, tmp_path / "grades.csv")
    assert row["status"] == "ok" and float(row["q02.1"]) == all_questions()["02.1"]["points"]
    for cell in nb.cells:                                      # the same notebook without its saved marks
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(nb, submitted)
    (row,) = grade_with_cli(submitted, tmp_path / "grades2.csv")
    assert float(row["q02.1"]) == 0


# --- lesson quizzes: from the bank in data/quizzes/, never giving the answer away ----------------------

LESSON_QUIZZES = {"01-pyramid", "02-verbs", "03-hedges", "04-regime", "05-omission", "06-limits", "07-reporter",
                  "07-judging", "07-aggregator", "07-press-release", "07-purpose", "08-first-step", "08-public",
                  "08-copy"}


def answers_of(entry):
    return [entry["answer"]] if isinstance(entry["answer"], str) else list(entry["answer"])


def shown(q):
    return str(q.check()) + "\n" + unescape(re.sub(r"<[^>]+>", " ", q.feedback.value))


def test_every_bank_quiz_loads_and_a_right_answer_is_correct():
    bank = quiz_bank()
    assert LESSON_QUIZZES <= set(bank)
    for quiz_id, entry in bank.items():
        q = quiz(quiz_id)
        right = answers_of(entry)
        assert set(right) <= set(entry["choices"]) and set(entry.get("explanations", {})) <= set(entry["choices"])
        assert q.check().status == "not answered"
        q.choose(*right)
        assert q.check().status == "correct", quiz_id
        assert entry["explanation"] in unescape(q.feedback.value)
    with pytest.raises(KeyError, match="02-verbs"):
        quiz("no-such-quiz")


def test_wrong_picks_are_explained_without_the_right_answer():
    for quiz_id, entry in quiz_bank().items():
        q, right = quiz(quiz_id), answers_of(entry)
        wrong = [c for c in entry["choices"] if c not in right]
        picks = [[c] for c in wrong]
        if len(right) > 1:   # ticking some right answers, with or without a wrong one
            picks += [list(s) for n in range(1, len(right)) for s in combinations(right, n)]
            picks += [list(s) + [w] for s in combinations(right, len(right) - 1) for w in wrong]
        for pick in picks:
            q.choose(*pick)
            text = shown(q)
            assert q.check().status in ("wrong", "partial"), (quiz_id, pick)
            for answer in right:
                assert not re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", text, re.I), (quiz_id, pick, text)
            assert entry["explanation"] not in text, (quiz_id, pick)
            for choice in pick:
                if choice in entry.get("explanations", {}):
                    assert entry["explanations"][choice] in text   # why the pick is wrong is explained


def test_lesson_quizzes_come_from_the_bank_not_from_the_visible_cell():
    """Lessons call quiz("02-verbs"): no code cell holds a Quiz(...) with its answer. This fails until
    lessons/*.ipynb are switched to the quiz bank (cell sources listed in data/quizzes/README.md)."""
    used = set()
    for path in sorted((ROOT / "lessons").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            assert not re.search(r"\bQuiz\s*\(", cell.source), \
                f"{path.name}: a Quiz(...) cell shows its answer; use quiz(\"<id>\") from data/quizzes/"
            used |= set(re.findall(r"\bquiz\(\s*[\"']([\w-]+)[\"']\s*\)", cell.source))
    assert used <= set(quiz_bank()), used - set(quiz_bank())
    assert used == LESSON_QUIZZES
