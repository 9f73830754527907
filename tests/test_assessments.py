"""The pre- and post-assessment: their texts and keys, what check() says in them, their rubrics, and the
class summary `medialit grade` writes when a class has taken both (on real notebooks and kernels)."""
import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, run_cli
from medialit.analysis.annotation import annotate
from medialit.exercises import check
from medialit.grading.keys import all_questions, assignment_questions
from medialit.grading.manual import apply, collect, sidecar
from medialit.grading.rubrics import all_rubrics, load_rubrics, rubric_problems
from medialit.grading.scoring import score_answer, score_classify
from medialit.grading.summary import SKILLS

QUESTIONS = all_questions()
PRE, POST = assignment_questions("00"), assignment_questions("09")
SOURCE_LABELS = ["named person", "role", "organisation", "anonymous", "vague", "author", "none"]


def model_answers(assignment: str) -> dict:
    """The model answers of a solution notebook, run as the notebook would run them."""
    path = next((ROOT / "solutions").glob(f"{assignment}-*.ipynb"))
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.get("metadata", {}).get("medialit")
        if meta:
            block = cell.source.split("### BEGIN SOLUTION\n", 1)[1].split("\n### END SOLUTION", 1)[0]
            scope = {}
            exec(block, scope)
            found[meta["id"]] = scope[QUESTIONS[meta["id"]]["variable"]]
    return found


MODEL = {**model_answers("00"), **model_answers("09")}


# --- the two assessments -----------------------------------------------------------------------

def test_pre_and_post_test_the_same_skills_with_the_same_kinds_and_points():
    assert [q["assessment"] for q in PRE + POST] == ["pre"] * len(PRE) + ["post"] * len(POST)
    assert 5 <= len(PRE) == len(POST) <= 7
    shape = lambda qs: [(q["kind"], q["points"], q["skill"]) for q in qs]  # noqa: E731
    assert shape(PRE) == shape(POST)
    assert {q["skill"] for q in PRE} == set(SKILLS)
    kinds = [q["kind"] for q in PRE]
    assert kinds.count("mark") == 3 and {"classify", "rewrite", "choice", "reflect"} <= set(kinds)
    assert [q["kinds"] for q in PRE if q["kind"] == "mark"] == [["attribution"], ["hedge", "booster"], ["loaded"]]


def test_pre_and_post_use_different_invented_texts():
    def texts(qs):
        return " ".join(q.get("text", "") + q.get("original", "") for q in qs)
    pre, post = texts(PRE), texts(POST)
    words = lambda t: {w for w in re.findall(r"[a-z’']{5,}", t.lower())}  # noqa: E731
    shared = words(pre) & words(post)
    assert len(shared) < 0.3 * min(len(words(pre)), len(words(post))), shared
    for seed_word in ("Lukashenko", "Belarus", "Putin", "Minsk", "Ukraine"):
        assert seed_word not in pre + post
    for assignment in ("00", "09"):  # the notebook shows each question's text, word for word
        shown = "".join(c.source for c in nbformat.read(next((ROOT / "exercises").glob(f"{assignment}-*.ipynb")),
                                                         as_version=4).cells if c.cell_type == "markdown")
        shown = " ".join(shown.replace(">", " ").split())
        for q in assignment_questions(assignment):
            if q.get("text"):
                assert " ".join(q["text"].split()) in shown, q["id"]


@pytest.mark.parametrize("qid", [q["id"] for q in PRE + POST if q["kind"] == "mark"])
def test_mark_keys_agree_with_the_kits_detectors(qid):
    """Checked by hand (data/annotations/GUIDE.md) and by the detectors: both find exactly the key."""
    q = QUESTIONS[qid]
    assert all(q["text"][k["start"]:k["end"]] == k["text"] for k in q["key"])
    key = sorted((k["start"], k["end"], k["kind"]) for k in q["key"])
    for headline in (False, True):
        found = sorted((s.start, s.end, s.kind) for s in annotate(q["text"], headline=headline) if s.kind in q["kinds"])
        assert found == key, (qid, headline)


@pytest.mark.parametrize("qid", [q["id"] for q in PRE + POST if q["kind"] == "classify"])
def test_source_type_keys_agree_with_the_kits_detectors(qid):
    q = QUESTIONS[qid]
    text = next(p["text"] for p in assignment_questions(qid[:2]) if p.get("kinds") == ["attribution"])
    sources = {s.source.text: s.source.label for s in annotate(text) if s.kind == "attribution" and s.source}
    assert set(q["key"].values()) <= set(SOURCE_LABELS)
    for item, label in q["key"].items():
        assert item in text
        found = [lab for source, lab in sources.items() if source in item or item in source]
        assert found == [label], (item, sources)


@pytest.mark.parametrize("qid", [q["id"] for q in PRE + POST])
def test_model_answers_score_full_marks(qid):
    q = QUESTIONS[qid]
    result = score_answer(q, MODEL[qid])
    if q["kind"] == "reflect":
        assert result.status == "to be graded" and len(MODEL[qid].split()) >= 25
    else:
        assert (result.status, result.earned) == ("correct", q["points"]), result


def typical_wrong(qid: str) -> list:
    """Answers a student who has not learnt the skill yet might give."""
    q = QUESTIONS[qid]
    kind = q["kind"]
    if kind == "mark":
        key_words = [k["text"] for k in q["key"]]
        persons = re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", q["text"])  # the people, not the words that cite them
        return [persons or ["the"], key_words[:2], key_words + ["the"], [q["text"].split(".")[0]]]
    if kind == "classify":
        items = list(q["key"])
        shifted = {item: q["key"][items[(i + 1) % len(items)]] for i, item in enumerate(items)}
        return [{item: "named person" for item in items}, shifted, {**q["key"], items[-1]: "role"}]
    if kind == "rewrite":
        return [q["original"], "They shut it.", q["original"].split(",")[0] + "."]
    if kind == "choice":
        return [q["choices"], [c for c in q["choices"] if c not in q["key"]], q["key"][:1] + [
            next(c for c in q["choices"] if c not in q["key"])], q["key"][0]]
    return []


@pytest.mark.parametrize("qid", [q["id"] for q in PRE + POST if q["kind"] != "reflect"])
def test_typical_wrong_answers_do_not_score_full_marks(qid):
    q = QUESTIONS[qid]
    wrong = typical_wrong(qid)
    assert wrong
    for answer in wrong:
        result = score_answer(q, answer)
        assert result.earned < q["points"], (answer, result)
    assert score_answer(q, wrong[0]).earned <= q["points"] / 2


def test_rewrite_scores_what_a_rewrite_keeps_and_leaves_loaded():
    for qid in ("00.5", "09.5"):
        q = QUESTIONS[qid]
        assert score_answer(q, q["original"]).earned == q["points"] / 2       # the loaded words are still there
        assert "Still loaded" in str(score_answer(q, q["original"]))
        lost = score_answer(q, "They shut it.")
        assert lost.earned < q["points"] / 2 and "Lost a key fact" in str(lost)


@pytest.mark.parametrize("qid", ["00.2", "09.2"])
def test_feedback_on_a_wrong_label_does_not_reveal_the_right_one(qid):
    """The messages for a wrong label are the same whatever the right label is: they carry no trace of it."""
    key = QUESTIONS[qid]["key"]
    for item, right in key.items():
        for mine in SOURCE_LABELS:
            if mine == right:
                continue
            answer = {**key, item: mine}
            messages = score_classify(answer, key, 2).messages
            other = next(label for label in SOURCE_LABELS if label not in (right, mine))
            assert messages == score_classify(answer, {**key, item: other}, 2).messages, (item, mine)
            line = next(m for m in messages if m.startswith(f"“{item}”"))
            assert right not in line and f"not {mine}" in line


@pytest.mark.parametrize("qid", [q["id"] for q in PRE + POST if q["kind"] != "reflect"])
def test_check_in_an_assessment_says_only_whether_an_answer_can_be_read(qid):
    q = QUESTIONS[qid]
    right, wrong = check(qid, MODEL[qid]), check(qid, typical_wrong(qid)[0])
    assert right.status == wrong.status == "saved"
    assert str(right.feedback) == str(wrong.feedback) == "Saved: your answer can be read. Your teacher grades it after you hand in."
    assert right.score == wrong.score == 0
    assert check(qid, ...).status == "not answered"
    if q["kind"] == "mark":
        assert "“Tinbuktoo” is not in the text" in str(check(qid, ["Tinbuktoo"] + MODEL[qid][:1]).feedback)
    if q["kind"] == "classify":
        item = next(iter(q["key"]))
        assert "is not one of the labels" in str(check(qid, {item: "liar"}).feedback)
    if q["kind"] == "choice":
        assert "is not one of the choices" in str(check(qid, ["all of them"]).feedback)


# --- rubrics -------------------------------------------------------------------------------------

def test_every_written_question_has_a_rubric_that_fits_its_points():
    written = [qid for qid, q in QUESTIONS.items() if q["kind"] == "reflect"]
    assert {"00.7", "09.7", "01.4", "06.3"} <= set(written)
    assert rubric_problems(QUESTIONS, load_rubrics()) == []
    assert set(all_rubrics()) == set(written)


def test_the_rubric_check_fails_for_a_missing_or_broken_rubric(tmp_path):
    rubrics = load_rubrics()
    without = {k: v for k, v in rubrics.items() if k != "00.7"}
    assert rubric_problems(QUESTIONS, without) == ["00.7: no rubric (add it to data/rubrics/00.json)"]
    broken = json.loads(json.dumps(rubrics))
    broken["09.7"]["criteria"][0]["levels"] = broken["09.7"]["criteria"][0]["levels"][:2]  # no level for 0
    assert rubric_problems(QUESTIONS, broken) == ["09.7: criterion a real omission and its effect on the reader "
                                                  "has no level for 0 point(s)"]
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json: not a readable JSON file"):
        load_rubrics(tmp_path)


def test_rubrics_and_keys_never_reach_the_students(tmp_path):
    phrases = [level["descriptor"][:40] for r in all_rubrics().values() for c in r["criteria"] for level in c["levels"]]
    phrases += [e["answer"][:40] for r in all_rubrics().values() for e in r.get("examples", [])]
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert not any(p in text for p in phrases), path.name
        assert '"skill"' not in text and '"key"' not in text, path.name
    from medialit.grading.release import release
    from medialit.grading import sandbox

    out = release(tmp_path / "release")
    assert (out / "exercises" / "00-pre-assessment.ipynb").exists() and not (out / "data" / "rubrics").exists()
    assert not any(p.encode() in f.read_bytes() for f in out.rglob("*.json") for p in phrases[:5])
    assert (ROOT / "data" / "rubrics").resolve() in [p.resolve() for p in sandbox._hidden()]


def test_cli_rubrics_prints_every_rubric_and_fails_when_one_is_missing(tmp_path):
    run = run_cli(["rubrics"], timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("#### Rubric · ") == len(all_rubrics()) and "#### Rubric · 09.7 (2 points)" in run.stdout
    import os

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "rubrics" / "09.json").unlink()
    failed = run_cli(["rubrics"], timeout=120, env={**os.environ, "MEDIALIT_DATA": str(data)})
    assert failed.returncode == 1 and "09.7: no rubric (add it to data/rubrics/09.json)" in failed.stderr


# --- the teacher's scores for written answers ----------------------------------------------------------

def test_teacher_scores_are_kept_counted_and_never_applied_to_a_changed_answer(tmp_path):
    q = {"00.7": {"kind": "reflect", "points": 2}}
    gradebook = tmp_path / "grades.csv"
    row = {"file": str(tmp_path / "ann.ipynb"), "scores": {"00.7": None}, "flags": [], "raw_score": 10.0,
           "score": 10.0, "points_to_be_graded": 2.0, "needs_manual_grading": True,
           "feedback": {"00.7": {"answer": "It leaves out the cost.", "status": "to be graded"}}}
    log = gradebook.with_name("grades.csv.progress.jsonl")
    log.write_text(json.dumps({"fingerprint": "x", "row": row}) + "\n", encoding="utf-8")
    gradebook.write_text(f"student_id,q00.7,file\nann,\"1,5\",{row['file']}\n", encoding="utf-8")
    kept = collect(gradebook, q)
    assert apply(row, kept, q)["score"] == 11.5 and row["score"] == 10.0  # counted, on a copy
    # a run stopped half-way wrote a gradebook without ann's row: the score is still kept beside it
    gradebook.write_text("student_id,q00.7,file\n", encoding="utf-8")
    assert collect(gradebook, q) == kept and sidecar(gradebook).exists()
    # a changed answer is not given the old answer's score
    changed = {**row, "feedback": {"00.7": {"answer": "A new answer.", "status": "to be graded"}}}
    done = apply(changed, kept, q)
    assert done["scores"]["00.7"] is None and done["score"] == 10.0
    assert done["flags"] == ["00.7: the teacher's score 1,5 was for an earlier answer; score the new one"]
    # clearing the cell takes the score away
    gradebook.write_text(f"student_id,q00.7,file\nann,,{row['file']}\n", encoding="utf-8")
    assert collect(gradebook, q) == {}


# --- the class summary, end to end ---------------------------------------------------------------

def fill(src: Path, dst: Path, answers: dict, *, student: str | None = None, last_cell: str | None = None) -> Path:
    """A submission made from an exercise notebook: ``answers`` (qid -> value) typed into its answer cells."""
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        qid = cell.get("metadata", {}).get("medialit", {}).get("id")
        if qid in answers:
            var = QUESTIONS[qid]["variable"]
            cell.source = f"{var} = {answers[qid]!r}\ncheck({qid!r}, {var})"
    if student:
        nb.metadata.setdefault("medialit", {})["student"] = {"id": student}
    if last_cell:
        nb.cells.append(nbformat.v4.new_code_cell(last_cell))
    dst.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dst)
    return dst


def answers(assignment: str, **changes) -> dict:
    """The model answers of an assessment, with ``q5=...`` style changes (``...`` leaves one blank)."""
    found = {qid: value for qid, value in MODEL.items() if qid.startswith(assignment)}
    for name, value in changes.items():
        found[f"{assignment}.{name[1:]}"] = value
    return found


PRE_NB, POST_NB = ROOT / "exercises" / "00-pre-assessment.ipynb", ROOT / "exercises" / "09-post-assessment.ipynb"


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prepost")
    subs = folder / "submissions"
    pre_key = QUESTIONS["00.6"]["key"]
    # ann (named by her folder): a copied rewrite and one of the two omissions on the pre, all right on the post
    fill(PRE_NB, subs / "ann" / "00-pre-assessment.ipynb", answers("00", q5=QUESTIONS["00.5"]["original"],
                                                                   q6=pre_key[:1]))
    fill(POST_NB, subs / "ann" / "09-post-assessment.ipynb", answers("09"))
    # ben: a blank pre-assessment; on the post, the hedges left blank
    fill(PRE_NB, subs / "ben" / "00-pre-assessment.ipynb", {})
    fill(POST_NB, subs / "ben" / "09-post-assessment.ipynb", answers("09", q3=...))
    # cat took only the pre, dan only the post (every choice ticked)
    fill(PRE_NB, subs / "cat-pre.ipynb", answers("00"), student="cat")
    fill(POST_NB, subs / "dan-post.ipynb", answers("09", q6=QUESTIONS["09.6"]["choices"]), student="dan")
    # eve's post is a broken file; fay's pre stops its kernel after the last answer; and a file of nothing
    fill(PRE_NB, subs / "eve" / "00-pre-assessment.ipynb", answers("00"))
    (subs / "eve" / "09-post-assessment.ipynb").write_text('{"cells": [', encoding="utf-8")
    (subs / "mystery.ipynb").write_text("", encoding="utf-8")
    fill(PRE_NB, subs / "fay-pre.ipynb", answers("00"), student="fay", last_cell="import os\nos._exit(1)")
    fill(POST_NB, subs / "fay-post.ipynb", answers("09"), student="fay")
    # another exercise in the same folder is graded as usual and left out of the summary
    shutil.copy(ROOT / "exercises" / "03-how-sure.ipynb", subs / "gus-03-how-sure.ipynb")
    out = folder / "grades.csv"
    args = ["grade", str(subs), "--out", str(out), "--feedback", str(folder / "feedback"), "--workers", "2"]
    run = run_cli(args)
    assert run.returncode == 0, run.stderr
    return folder, out, args, run


def summary_rows(out: Path) -> dict[str, dict]:
    with out.with_name("grades-class-summary.csv").open(encoding="utf-8") as handle:
        return {(r["part"], r["name"]): r for r in csv.DictReader(handle)}


def test_the_class_summary_gives_each_skill_before_and_after(graded_class):
    _folder, out, _args, run = graded_class
    rows = summary_rows(out)
    skills = {name: (r["pre_percent"], r["post_percent"], r["change_percent"], r["students_pre"], r["students_post"])
              for (part, name), r in rows.items() if part == "skill"}
    # pre counted: ann, ben (blank), cat, eve (fay's kernel died); post counted: ann, ben, dan, fay (eve's is broken)
    assert skills == {"attribution": ("75.0", "100.0", "25.0", "4", "4"),
                      "hedging": ("75.0", "75.0", "0.0", "4", "4"),
                      "loaded wording": ("68.8", "100.0", "31.2", "4", "4"),
                      "framing": ("50.0", "75.0", "25.0", "4", "4")}
    attribution = rows[("skill", "attribution")]
    assert (attribution["pre_score"], attribution["pre_max"], attribution["change_score"]) == ("3.0", "4.0", "1.0")
    framing = rows[("skill", "framing")]   # the written answers still wait: left out, and said so
    assert "3 written answers in the pre to be graded; 4 written answers in the post to be graded" in framing["note"]
    total = rows[("total", "all counted submissions")]
    assert (total["pre_percent"], total["post_percent"]) == ("68.0", "91.7")
    both = rows[("total", "students who took both (2)")]
    assert (both["pre_percent"], both["post_percent"], both["change_percent"]) == ("38.5", "91.7", "53.2")
    assert "pre/post (00 → 09): 2 students took both, 2 only the pre, 2 only the post" in run.stdout
    assert re.search(r"attribution +pre +75% +post +100% +change \+25", run.stdout)
    assert "grades-class-summary.csv" in run.stdout


def test_the_class_summary_lists_every_student_and_what_was_not_counted(graded_class):
    folder, out, _args, run = graded_class
    students = {name: r for (part, name), r in summary_rows(out).items() if part == "student"}
    assert sorted(students) == ["ann", "ben", "cat", "dan", "eve", "fay"]    # gus did another exercise
    ann, ben = students["ann"], students["ben"]
    assert (ann["pre_score"], ann["pre_max"], ann["post_score"], ann["post_max"]) == ("10.0", "12.0", "12.0", "12.0")
    assert (ann["change_score"], ann["change_percent"]) == ("2.0", "16.7")
    assert "pre: 1 written answer to be graded" in ann["note"]
    # ben's blank written answer counts as 0 of its 2 points, so his pre is out of 14: a change in % only
    assert (ben["pre_score"], ben["pre_max"], ben["post_score"], ben["change_score"], ben["change_percent"]) == (
        "0.0", "14.0", "10.0", "", "83.3")
    assert "pre flagged: not answered: 00.1, 00.2, 00.3, 00.4, 00.5, 00.6, 00.7" in ben["note"]
    assert "post flagged: not answered: 09.3" in ben["note"]
    assert students["cat"]["post_max"] == "" and students["cat"]["note"].startswith("no post-assessment")
    assert students["dan"]["pre_max"] == "" and students["dan"]["note"].startswith("no pre-assessment")
    eve, fay = students["eve"], students["fay"]     # listed, not counted, and never a 0
    assert eve["post_score"] == "" and "post not counted: unreadable: invalid JSON" in eve["note"]
    assert fay["pre_score"] == "" and "pre not counted: kernel died" in fay["note"]
    assert "not counted (see the gradebook): " in run.stdout and "fay, 00 (pre): kernel died" in run.stdout
    assert "eve, 09 (post): unreadable: invalid JSON" in run.stdout
    assert "mystery.ipynb: unreadable: empty file (not known which exercise)" in run.stdout
    page = out.with_name("grades-class-summary.html").read_text(encoding="utf-8")
    index = (folder / "feedback" / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert "Pre- and post-assessment (00 → 09)" in html and "these are not zeros" in html
        assert "+25 percentage points" in html and "83.3%" in html


def test_written_answers_show_their_rubric_and_take_the_teachers_score(graded_class):
    folder, out, args, _run = graded_class
    page = (folder / "feedback" / "ann-00.html").read_text(encoding="utf-8")
    assert "Question 00.7: to be graded (2 points)" in page
    assert "Report B never says that the roof repairs would cost £2 million" in page      # her written answer
    assert "Rubric" in page and "<b>really</b> leaves out" in page                        # next to its rubric
    assert "Teacher's score: ____ of 2." in page and "column q00.7 of " + str(out) in page
    assert "Report B leaves out the pool in Ashford" not in page   # example answers only with --show-answers
    # the teacher types scores into the gradebook and grades again
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    for line in table:
        if line["student_id"] == "ann":
            line["q00.7" if line["assignment"] == "00" else "q09.7"] = "2" if line["assignment"] == "00" else "1,5"
        if line["student_id"] == "cat":
            line["q00.7"] = "3"   # more than the question's 2 points
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    again = run_cli(args)
    assert again.returncode == 0, again.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        table = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(handle)}
    ann_pre = table[("ann", "00")]
    assert (ann_pre["q00.7"], ann_pre["score"], ann_pre["points_to_be_graded"], ann_pre["needs_manual_grading"]) == (
        "2.0", "12.0", "0.0", "False")
    assert table[("ann", "09")]["score"] == "13.5"
    cat = table[("cat", "00")]
    assert cat["q00.7"] == "3" and cat["score"] == "12.0" and "not a number from 0 to 2" in cat["flags"]
    students = {name: r for (part, name), r in summary_rows(out).items() if part == "student"}
    assert (students["ann"]["pre_score"], students["ann"]["pre_max"], students["ann"]["post_score"]) == (
        "12.0", "14.0", "13.5")
    framing = summary_rows(out)[("skill", "framing")]
    assert framing["pre_percent"] == "58.3"   # ann 3 of 4, ben 0 of 4, cat 2 of 2, eve 2 of 2
    page = (folder / "feedback" / "ann-00.html").read_text(encoding="utf-8")
    assert "Question 00.7: 2 of 2 points, graded by your teacher" in page and "Teacher's score: 2 of 2" in page
    # grading one file into the same gradebook: no summary any more, so the old one goes ...
    one = run_cli(["grade", str(folder / "submissions" / "cat-pre.ipynb"), "--out", str(out)])
    assert one.returncode == 0, one.stderr
    assert not out.with_name("grades-class-summary.csv").exists() and "pre/post" not in one.stdout
    # ... and the teacher's scores for the others are not lost: grading the class again brings them back
    assert run_cli(args).returncode == 0
    assert summary_rows(out)[("student", "ann")]["pre_score"] == "12.0"
