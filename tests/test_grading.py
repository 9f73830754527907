"""Exercises, instant feedback, the class grader and the student release, on real notebooks and kernels."""
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, run_cli
from medialit.exercises import check
from medialit.grading.assign import make_exercise, out_of_date, strip_solution
from medialit.grading.gradebook import Options, grade
from medialit.grading.keys import all_questions, assignment_questions, unscramble
from medialit.grading.pages import write_feedback

ASSIGNMENTS = [p.name[:2] for p in sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))]
KINDS = {"mark", "classify", "numbers", "choice", "align", "rewrite", "reflect"}


def test_six_exercises_and_two_assessments_cover_every_question_kind():
    assert ASSIGNMENTS == ["00", "01", "02", "03", "04", "05", "06", "09"]  # 00 and 09: pre- and post-assessment
    assert {q["kind"] for q in all_questions().values()} == KINDS
    assert all(q["points"] > 0 and "variable" in q for q in all_questions().values())


def test_exercises_are_generated_from_solutions_and_up_to_date():
    assert out_of_date(ROOT / "solutions", ROOT / "exercises") == [], "run `medialit assign`"
    for path in sorted((ROOT / "exercises").glob("[0-9][0-9]-*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "SOLUTION" not in text and '"key"' not in text and "from_gold" not in text
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        for q in assignment_questions(path.name[:2]):
            blank = f'{q["variable"]} = ...' in text or f'{q["variable"]} = {{' in text  # a template to fill in
            marker = q["kind"] == "mark" and f'{q["variable"]} = marker_{q["variable"][7:]}.value' in text
            assert (blank or marker) and f'check("{q["id"]}", {q["variable"]})' in text


def test_strip_solution_refuses_an_unclosed_block():
    with pytest.raises(ValueError, match="no # END SOLUTION"):
        strip_solution("x = ...\n# BEGIN SOLUTION\nx = 1")


def test_mark_keys_come_from_the_gold_annotations(seed_set):
    gold = json.loads((ROOT / "data/annotations/lukashenko-2023/opinion-site.json").read_text(encoding="utf-8"))
    q = all_questions()["04.1"]
    gold_texts = [s["text"] for s in gold["spans"] if s["kind"] == "loaded" and q["text"].find(s["text"]) >= 0]
    assert [k["text"] for k in q["key"]] == gold_texts == ["strongman", "skillfully", "ducking", "complicity"]


# --- instant feedback --------------------------------------------------------------------

class AlwaysEqual:
    def __eq__(self, other):
        return True


class Exploding:
    def __eq__(self, other):
        raise RuntimeError("boom")

    def __iter__(self):
        raise RuntimeError("boom")


@pytest.mark.parametrize("answer", [None, object(), AlwaysEqual(), Exploding(), [object()], {"x": []}, 10 ** 100,
                                    "x" * 100_000, [1] * 10_000, float("nan")])
def test_check_never_raises(answer):
    for qid, question in all_questions().items():
        allowed = ("invalid", "wrong", "not answered", "partial")
        if question["kind"] == "reflect" and isinstance(answer, str):
            allowed += ("to be graded",)  # any text is the teacher's to read
        if question.get("assessment"):
            allowed += ("saved",)  # an assessment's check() says only that the answer can be read
        assert check(qid, answer).status in allowed


def test_check_explains_misses_and_extras_without_showing_the_key():
    result = check("02.1", ["parroted", "Moscow"])
    text = str(result.feedback)
    assert result.status == "partial"
    assert "“Moscow” is not an attribution cue" in text
    assert re.search(r"Still to find: (an attribution cue|\d attribution cues) in sentence 1", text)
    assert "blaming" not in text                              # the missing word itself is not given away
    assert check("03.3", "Yes: it makes the claim less sure").status == "wrong"
    wrong = str(check("03.3", "Yes: it makes the claim less sure").feedback)
    assert "Lesson 02" in wrong and "reporting verb" not in wrong   # a pointer to the lesson, not the answer
    assert check("02.2", {"many": "vague"}).score == round(1 / len(all_questions()["02.2"]["key"]), 2)
    assert "<b>Question 02.1</b>" in result._repr_html_()


def test_unanswered_exercise_says_not_answered_yet():
    for qid in all_questions():
        assert check(qid, ...).status == "not answered"
        assert "not answered" in str(check(qid, ...).feedback).lower()


# --- grading a class ----------------------------------------------------------------------

def with_student(src: Path, dst: Path, student: str | None = None, edit=None) -> Path:
    nb = nbformat.read(src, as_version=4)
    if student:
        nb.metadata.setdefault("medialit", {})["student"] = {"id": student, "first_name": student.title(),
                                                            "last_name": "Test", "email": f"{student}@school.test"}
    if edit:
        edit(nb)
    nbformat.write(nb, dst)
    return dst


@pytest.fixture(scope="module")
def class_run(tmp_path_factory):
    """Every solution and every fresh exercise, graded together."""
    folder = tmp_path_factory.mktemp("class")
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb")):
        with_student(path, folder / f"solution-{path.name}", "teacher")
        shutil.copy(ROOT / "exercises" / path.name, folder / f"blank_{path.name}")
    out = folder / "grades.csv"
    rows = grade([str(folder)], out, Options(cell_timeout=60), workers=2, progress=None)
    return rows, out


def test_solutions_score_full_marks_and_blank_exercises_zero(class_run):
    rows, _out = class_run
    questions = all_questions()
    for row in rows:
        assert row["status"] == "ok", row
        auto = [qid for qid in row["scores"] if questions[qid]["kind"] != "reflect"]
        if row["student_id"] == "teacher":
            assert all(row["scores"][q] == questions[q]["points"] for q in auto), row["feedback"]
            assert row["needs_manual_grading"] is True
            written = [q for q in row["scores"] if questions[q]["kind"] == "reflect"]
            assert written and all(row["scores"][q] is None for q in written)  # to be graded, not 0
            assert row["points_to_be_graded"] == sum(questions[q]["points"] for q in written)
            assert row["score"] == sum(questions[q]["points"] for q in auto)
        else:
            assert row["score"] == 0 and all("not answered" in f for f in row["flags"])
            assert len(row["flags"]) == len(row["scores"])


def test_gradebook_has_nbgrader_columns_one_per_question_and_status(class_run):
    rows, out = class_run
    with out.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    header = list(table[0])
    assert header[:11] == ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                           "raw_score", "late_submission_penalty", "score", "max_score"]
    assert {"q03.1", "q06.3", "needs_manual_grading", "status"} <= set(header)
    teacher03 = next(r for r in table if r["student_id"] == "teacher" and r["assignment"] == "03")
    assert (teacher03["email"], teacher03["first_name"], float(teacher03["max_score"])) == (
        "teacher@school.test", "Teacher", 8.0)
    # the written answer waits for the teacher: an empty cell, not 0, and its points said to be open
    assert (teacher03["q03.5"], teacher03["needs_manual_grading"], teacher03["points_to_be_graded"]) == (
        "", "True", "2.0")
    assert float(teacher03["score"]) == sum(float(teacher03[f"q{q['id']}"]) for q in assignment_questions("03")
                                            if q["kind"] != "reflect")


def test_rerun_gives_the_same_gradebook_without_regrading(class_run, tmp_path):
    rows, out = class_run
    before = out.read_bytes()
    log = out.with_name(out.name + ".progress.jsonl")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows)
    # A cached row is reused as it is: prove it by marking one and re-running.
    first = json.loads(lines[0])
    first["row"]["flags"] = first["row"]["flags"] + ["from the progress log"]
    log.write_text("\n".join([json.dumps(first)] + lines[1:]) + "\n{half a line", encoding="utf-8")
    again = grade([str(out.parent)], out, Options(cell_timeout=60), workers=2, progress=None)
    assert any("from the progress log" in r["flags"] for r in again)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    grade([str(out.parent)], out, Options(cell_timeout=60), workers=2, progress=None)
    assert out.read_bytes() == before


def test_feedback_pages_and_item_analysis(class_run, tmp_path):
    rows, _out = class_run
    written = write_feedback(rows, tmp_path / "feedback")
    names = {p.name for p in written}
    assert "index.html" in names and "teacher-03.html" in names
    page = (tmp_path / "feedback" / "teacher-03.html").read_text(encoding="utf-8")
    assert "Question 03.2" in page and "Key:" not in page
    assert re.search(r"\d+ of 6 auto-graded points</b>; 2 points to be graded by your teacher", page)
    assert "Question 03.5: to be graded (2 points)" in page and "manual" not in page.lower()
    index = (tmp_path / "feedback" / "index.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in index and "Item analysis" in index
    assert "to be graded by the teacher and are not in these figures" in index
    from medialit.grading.pages import item_shares
    shares = item_shares(rows)
    assert shares["03.5"] is not None  # blank exercises' written answers are 0: nothing to grade
    assert item_shares([r for r in rows if r["student_id"] == "teacher"])["03.5"] is None  # no 0% bar
    write_feedback(rows, tmp_path / "answers", show_answers=True)
    assert "Key:" in (tmp_path / "answers" / "teacher-03.html").read_text(encoding="utf-8")


def edit_answer(qid: str, new_source: str):
    def edit(nb):
        for cell in nb.cells:
            if cell.get("metadata", {}).get("medialit", {}).get("id") == qid:
                cell.source = new_source
    return edit


BAD = {
    "invalid-json.ipynb": lambda p: p.write_text('{"cells": [', encoding="utf-8"),
    "empty.ipynb": lambda p: p.write_text("", encoding="utf-8"),
    "nbformat3.ipynb": lambda p: p.write_text(json.dumps({"nbformat": 3, "nbformat_minor": 0, "cells": [],
                                                          "worksheets": []}), encoding="utf-8"),
    "other-exercise.ipynb": lambda p: shutil.copy(ROOT / "solutions" / "02-who-says-so.ipynb", p),
}
CODE_CASES = {  # cell source appended to a solution of exercise 03 -> expected status and flag
    "sys-exit": ("import sys\nsys.exit(3)", "ok", "called sys.exit()"),
    "crash": ("import os\nos._exit(1)", "kernel died", "cell 4 stopped the kernel (os._exit)"),
    "loop": ("while True:\n    pass", "timeout", "ran longer than 3 s"),
    "memory-bomb": ("hog = bytearray(50 * 1024 ** 3)", "memory limit", "memory limit"),
    "output-flood": ("print('x' * 3_000_000)", "too much output", "MB of output"),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    for name, make in BAD.items():
        make(folder / name)
    for name, (code, _status, _flag) in CODE_CASES.items():
        def add(nb, code=code):
            nb.cells.insert(3, nbformat.v4.new_code_cell(code))
        with_student(ROOT / "solutions" / "03-how-sure.ipynb", folder / f"{name}.ipynb", name, add)
    rows = grade([str(folder)], folder / "grades.csv", Options(assignment="03", cell_timeout=3, memory_mb=2048),
                 workers=2, progress=None)
    return {Path(r["file"]).stem: r for r in rows}


@pytest.mark.parametrize("name, status", [("invalid-json", "unreadable: invalid JSON (line 1, column 12)"),
                                          ("empty", "unreadable: empty file"),
                                          ("nbformat3", "unreadable: notebook format 3, need 4"),
                                          ("other-exercise", "wrong assignment")])
def test_bad_files_become_rows_with_a_clear_status(bad_run, name, status):
    row = bad_run[name]
    assert row["status"] == status and row["score"] == 0 and row["max_score"] == 8.0
    if status.startswith("unreadable"):  # its zero is flagged as no score, never a silent zero
        assert any(f.startswith(f"not graded ({status})") and "not a score" in f for f in row["flags"])


def test_cli_grade_names_what_needs_a_look_and_refuses_a_missing_folder(tmp_path, capsys):
    from medialit.cli import main

    (tmp_path / "subs" / "ana").mkdir(parents=True)
    (tmp_path / "subs" / "ana" / "02-who-says-so.ipynb").write_bytes(b"\xff\xfe not a notebook")
    assert main(["grade", str(tmp_path / "submision"), "--out", str(tmp_path / "g.csv")]) == 1
    assert "no such file or folder" in capsys.readouterr().err and not (tmp_path / "g.csv").exists()
    assert main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv")]) == 0
    out = capsys.readouterr().out
    assert "1 need a look" in out and "ana" in out and "unreadable: not UTF-8 text" in out


@pytest.mark.parametrize("name", sorted(CODE_CASES))
def test_misbehaving_notebooks_become_rows_with_a_clear_status(bad_run, name):
    _code, status, flag = CODE_CASES[name]
    row = bad_run[name]
    assert row["status"] == status, row
    assert any(flag in f for f in row["flags"]), row["flags"]
    if status != "kernel died":
        assert row["scores"]["03.2"] == 2.0  # the other answers still count


CHEATS = {
    "patched-check": 'answer_03_2 = {"allegedly": "booster"}\ndef check(*args):\n    return "Correct! Full marks."\n'
                     'check("03.2", answer_03_2)',
    "always-equal": "class Anything:\n    def __eq__(self, other):\n        return True\n    __hash__ = None\n"
                    "answer_03_2 = Anything()",
    "str-subclass": 'class Sly(dict):\n    def __eq__(self, other):\n        return True\nanswer_03_2 = Sly()',
    "patched-builtins": 'import builtins, json\nbuiltins.type = lambda *a: dict\nbuiltins.isinstance = lambda *a: True\n'
                        'json.dumps = lambda *a, **k: \'{"answer_03_2": {"value": {"x": 1}}}\'\n'
                        'answer_03_2 = {"allegedly": "booster"}',
    "rewritten-assert": 'answer_03_2 = {"allegedly": "booster"}\nassert True, "all good"\n'
                        'import medialit.grading.scoring as s\ns.score_answer = lambda *a: None',
}


@pytest.fixture(scope="module")
def cheat_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cheats")
    for name, code in CHEATS.items():
        with_student(ROOT / "exercises" / "03-how-sure.ipynb", folder / f"{name}.ipynb", name,
                     edit_answer("03.2", code))
    rows = grade([str(folder)], folder / "grades.csv", Options(assignment="03"), workers=2, progress=None)
    return {r["student_id"]: r for r in rows}


@pytest.mark.parametrize("name", sorted(CHEATS))
def test_cheats_earn_nothing(cheat_run, name):
    row = cheat_run[name]
    assert row["scores"]["03.2"] == 0, row
    assert row["score"] == 0


def test_renamed_reordered_and_deleted_cells(tmp_path):
    def reorder_and_delete(nb):
        answer_cells = [c for c in nb.cells if c.get("metadata", {}).get("medialit")]
        deleted = next(c for c in answer_cells if c.metadata["medialit"]["id"] == "03.4")
        moved = next(c for c in answer_cells if c.metadata["medialit"]["id"] == "03.2")
        nb.cells.remove(deleted)
        nb.cells.remove(moved)
        nb.cells.append(moved)
    path = with_student(ROOT / "solutions" / "03-how-sure.ipynb", tmp_path / "Untitled (copy 2).ipynb", "dana",
                        reorder_and_delete)
    (row,) = grade([str(path)], tmp_path / "g.csv", Options(), workers=1, progress=None)
    assert row["student_id"] == "dana" and row["assignment"] == "03"
    assert row["scores"]["03.2"] == 2.0 and row["scores"]["03.4"] == 0
    assert "03.4: answer cell deleted" in row["flags"]
    renamed = tmp_path / "03-how-sure_Erin_Smith.ipynb"
    shutil.copy(ROOT / "exercises" / "03-how-sure.ipynb", renamed)
    (row,) = grade([str(renamed)], tmp_path / "h.csv", Options(), workers=1, progress=None)
    assert row["student_id"] == "erin-smith" and row["status"] == "ok"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_grade_with_feedback_and_no_kernel_noise(tmp_path, workers):
    sub = with_student(ROOT / "solutions" / "01-same-event-three-stories.ipynb", tmp_path / "s.ipynb", "fay")
    with_student(ROOT / "exercises" / "01-same-event-three-stories.ipynb", tmp_path / "t.ipynb", "gus")
    run = run_cli(["grade", str(tmp_path), "--out", str(tmp_path / "g.csv"), "--feedback", str(tmp_path / "fb"),
                   "--workers", workers])
    assert run.returncode == 0, run.stderr
    assert "s.ipynb: ok 4/6 (2 to be graded)" in run.stderr and (tmp_path / "fb" / "fay-01.html").exists()
    # every kernel is shut down with its submission: none outlives the grader to warn about it
    assert "Parent appears to have exited" not in run.stderr and "WARNING" not in run.stderr, run.stderr


# --- the student release --------------------------------------------------------------------

def test_release_has_no_solutions_and_unreadable_keys(tmp_path):
    out = tmp_path / "release"
    run = subprocess.run([sys.executable, "-m", "medialit.cli", "release", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not (out / "solutions").exists() and not (out / "data" / "annotations").exists()
    assert (out / "lessons" / "00-start-here.ipynb").exists() and (out / "exercises" / "03-how-sure.ipynb").exists()
    secrets = [b'"never": "booster"', b"did not answer questions from international media"]
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(secret in data for secret in secrets), path  # keys and model answers never in plain text
    keys = json.loads(unscramble((out / "data" / "keys.bin").read_bytes()))
    assert keys["03.3"]["key"] == "No: it is a reporting verb with a source"
    probe = ("from medialit.exercises import check; import medialit; print(medialit.__file__); "
             "print(check('02.1', ['parroted', 'claims', 'claims', 'blaming']).status)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(out / "src"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out / "src" / "medialit" / "__init__.py"), "correct"]
    again = subprocess.run([sys.executable, "-m", "medialit.cli", "release", str(out)], capture_output=True, text=True)
    assert again.returncode == 1 and "is not empty" in again.stderr


def test_exercise_notebooks_with_blanks_run_to_the_end():
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "exercises" / "02-who-says-so.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "exercises")}}
                   ).execute()
    texts = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert sum("not answered" in t.lower() for t in texts) == len(assignment_questions("02"))


def test_make_exercise_keeps_only_public_metadata():
    nb = make_exercise(nbformat.read(ROOT / "solutions" / "04-loaded-wording.ipynb", as_version=4))
    metas = [c.metadata["medialit"] for c in nb.cells if "medialit" in c.metadata]
    assert metas and all(set(m) == {"id", "points", "kind"} for m in metas)


# --- one beginner mistake does not stop Run All -------------------------------------------------

def with_name_error(nb):
    """The first answer cell written without quote marks; the exercise's first choice answered right."""
    first = next(c for c in nb.cells if c.get("metadata", {}).get("medialit", {}).get("id") == "02.1")
    first.source = "answer_02_1 = [parroted, claims]\ncheck(\"02.1\", answer_02_1)"


def test_a_name_error_in_an_answer_cell_does_not_stop_run_all(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "exercises" / "02-who-says-so.ipynb", as_version=4)
    with_name_error(nb)
    unclosed = next(c for c in nb.cells if c.get("metadata", {}).get("medialit", {}).get("id") == "02.2")
    unclosed.source = 'answer_02_2 = {"many": "vague"\ncheck("02.2", answer_02_2)'  # a SyntaxError
    # no allow_errors: like Run All, this stops at the first cell that ends with an error
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "exercises")}}
                   ).execute()
    texts = {c.metadata["medialit"]["id"]: "\n".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
             for c in nb.cells if c.cell_type == "code" and "medialit" in c.metadata}
    assert 'If it is a word from the text, it needs quote marks: "parroted"' in texts["02.1"]
    assert "The answer cell stopped with NameError" in texts["02.1"]
    assert "SyntaxError: Python could not read this cell" in texts["02.2"]
    later = [q["id"] for q in assignment_questions("02")][2:]
    assert later and all("not answered" in texts[q].lower() for q in later)  # the later cells ran and checked

    path = with_student(ROOT / "exercises" / "02-who-says-so.ipynb", tmp_path / "02-who-says-so.ipynb", "hal",
                        with_name_error)
    (row,) = grade([str(path)], tmp_path / "g.csv", Options(), workers=1, progress=None)
    assert row["status"] == "ok" and row["scores"]["02.1"] == 0
    assert "02.1: answer cell raised NameError" in row["flags"], row["flags"]
    assert "02.2: not answered" in row["flags"]


def test_files_named_like_the_exercise_take_the_students_folder_and_keep_their_own_pages(tmp_path):
    """Platforms often download one folder per student with the exercise's own file name in each."""
    for student in ("alice", "bob"):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        shutil.copy(ROOT / "exercises" / "01-same-event-three-stories.ipynb", tmp_path / "submissions" / student)
    rows = grade([str(tmp_path / "submissions")], tmp_path / "g.csv", Options(), workers=1, progress=None)
    assert sorted(r["student_id"] for r in rows) == ["alice", "bob"]
    pages = write_feedback(rows + [{**rows[0], "file": "again"}], tmp_path / "fb")
    assert len({p.name for p in pages}) == len(pages) == 4    # two ids, one repeated: three pages and the index


def test_two_students_with_identical_notebooks_keep_their_own_rows_when_graded_again(tmp_path):
    """Never-edited exercises are byte-identical: a second run must not give one student's row to the other."""
    for student in ("bob", "carol"):
        (tmp_path / "subs" / student).mkdir(parents=True)
        shutil.copy(ROOT / "exercises" / "02-who-says-so.ipynb", tmp_path / "subs" / student / "02-who-says-so.ipynb")
    out = tmp_path / "grades.csv"
    runs = [grade([str(tmp_path / "subs")], out, Options(), workers=2, progress=None) for _ in range(2)]
    for rows in runs:
        assert sorted((r["student_id"], Path(r["file"]).parent.name) for r in rows) == [("bob", "bob"),
                                                                                         ("carol", "carol")]
    assert out.with_name(out.name + ".progress.jsonl").read_text(encoding="utf-8").count("\n") == 2  # not regraded
