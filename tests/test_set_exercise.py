"""An exercise on a teacher's own articles: `medialit assign --set` proposes keys, the teacher reviews
them, and `check()` and `medialit grade` use the reviewed keys, saying so wherever a key is unreviewed."""
from __future__ import annotations

import json
import re

import nbformat
import pytest

from conftest import ROOT, grade_rows, run_cli, write_set

from medialit.grading import keys
from medialit.grading.assign import make_exercise


@pytest.fixture
def built(tmp_path):
    folder = write_set(tmp_path / "bus-lane-vote")
    run = run_cli(["assign", "--set", str(folder)], timeout=300)
    assert run.returncode == 0, run.stderr
    assert "0 of 3 paragraphs and 0 of 1 omission questions reviewed" in run.stdout and "review-keys.ipynb" in run.stdout
    yield folder
    keys._SETS.clear()
    keys.all_questions.cache_clear()


def questions(folder):
    keys.use_set(folder)
    keys.all_questions.cache_clear()
    return {q: v for q, v in keys.all_questions().items() if q.startswith("bus-lane-vote.")}


def test_assign_set_writes_proposed_gold_in_the_seed_format_and_an_exercise_without_keys(built):
    seed = json.loads((ROOT / "data/annotations/lukashenko-2023/opinion-site.json").read_text(encoding="utf-8"))
    for path in sorted((built / "annotations").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (built / gold["file"]).read_text(encoding="utf-8")
        assert gold["status"] == "proposed" and gold["reviewed"] == [] and gold["spans"]
        for span in gold["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
            assert set(span) >= {"start", "end", "text", "kind"}
            if span["kind"] == "attribution":  # the fields the seed gold has for an attribution
                seed_attr = next(s for s in seed["spans"] if s["kind"] == "attribution")
                assert {"label", "stance", "source_type"} <= set(span) <= set(seed_attr) | {"voice", "source"}
    solutions = nbformat.read(built / "solutions" / "bus-lane-vote.ipynb", as_version=4)
    exercise_text = (built / "exercises" / "bus-lane-vote.ipynb").read_text(encoding="utf-8")
    assert exercise_text == nbformat.writes(make_exercise(solutions)) + "\n"  # generated from the solutions
    assert "BEGIN SOLUTION" not in exercise_text and "from_gold" not in exercise_text
    assert "Mayor Dana Ortiz\": \"named person" not in exercise_text
    kinds = [c.metadata["medialit"]["kind"] for c in solutions.cells if "medialit" in c.metadata]
    assert kinds == ["mark", "classify", "numbers", "mark", "mark", "align", "reflect"]
    unreviewed = [c.source for c in solutions.cells if c.cell_type == "markdown" and "not reviewed it yet" in c.source]
    assert len(unreviewed) == 6  # every question with a proposed key says so; the written one has none
    assert "Some answer keys have not been reviewed yet" in solutions.cells[0].source


def test_model_answers_are_correct_and_feedback_says_the_key_is_unreviewed(built):
    from medialit.exercises import check

    found = questions(built)
    assert all(found[q]["reviewed"] is False for q in found if found[q]["kind"] != "reflect")
    solutions = nbformat.read(built / "solutions" / "bus-lane-vote.ipynb", as_version=4)
    for cell in solutions.cells:
        meta = cell.metadata.get("medialit")
        if not meta or meta["kind"] == "reflect":
            continue
        model = re.search(r"BEGIN SOLUTION\n\w+ = (.*)\n### END", cell.source).group(1)
        result = check(meta["id"], json.loads(model))
        assert result.status == "correct", (meta["id"], str(result))
        assert any("not reviewed it yet" in m for m in result.feedback.messages)
    # the proposed keys are the detectors' reading of this paragraph
    assert [k["text"] for k in found["bus-lane-vote.1"]["key"]] == ["insisted", "claim"]
    assert found["bus-lane-vote.2"]["key"] == {"Mayor Dana Ortiz": "named person", "critics": "vague"}


def test_a_review_changes_the_keys_at_once_and_survives_assign_again(built):
    from medialit.exercises import check
    from medialit.grading.review import review_tasks, save_review

    tasks = review_tasks(built)
    first = next(t for t in tasks if t["kinds"] == ["attribution"])
    insisted = next(s for s in first["spans"] if s["text"] == "insisted")
    # The teacher removes "claim", adds "say" ("residents who say" is in paragraph 1, so not here: add
    # "insisted" only), and types the mayor as a role.
    gold = save_review(built, first["article"], first["paragraph"], ["attribution"],
                       [(insisted["start"], insisted["end"], "attribution")],
                       source_types={insisted["start"]: "role"})
    assert gold["status"] == "partly reviewed"
    assert gold["reviewed"] == [{"paragraph": first["paragraph"], "kinds": ["attribution"]}]
    found = questions(built)
    assert [k["text"] for k in found["bus-lane-vote.1"]["key"]] == ["insisted"]
    assert found["bus-lane-vote.1"]["reviewed"] is True and found["bus-lane-vote.4"]["reviewed"] is False
    assert found["bus-lane-vote.2"]["key"] == {"Mayor Dana Ortiz": "role"}
    assert check("bus-lane-vote.1", ["insisted", "claim"]).status == "partial"
    assert not any("not reviewed" in m for m in check("bus-lane-vote.1", ["insisted"]).feedback.messages)
    # a hand-added span gets what can be said of it
    loaded = next(t for t in tasks if t["kinds"] == ["loaded"])
    at = loaded["text"].index("wreck")
    save_review(built, loaded["article"], loaded["paragraph"], ["loaded"], [(at, at + 5, "loaded")])
    with pytest.raises(ValueError, match="not a source type"):
        save_review(built, first["article"], first["paragraph"], ["attribution"],
                    [(insisted["start"], insisted["end"], "attribution")], source_types={insisted["start"]: "boss"})

    run = run_cli(["assign", "--set", str(built)], timeout=300)
    assert run.returncode == 0 and "2 of 3 paragraphs and 0 of 1" in run.stdout, run.stdout + run.stderr
    gold = json.loads((built / "annotations" / f"{first['article']}.json").read_text(encoding="utf-8"))
    assert [s["text"] for s in gold["spans"] if s["kind"] == "loaded" and s["text"] == "wreck"] == ["wreck"]
    solutions = nbformat.read(built / "solutions" / "bus-lane-vote.ipynb", as_version=4)
    q1 = next(c.source for c in solutions.cells if c.cell_type == "markdown" and "bus-lane-vote.1 (" in c.source)
    assert "not reviewed" not in q1
    assert '"text": "claim"' not in next(c.source for c in solutions.cells if "answer_bus_lane_vote_1 = [" in c.source)


def _submission(folder, answers: dict, path):
    nb = nbformat.read(folder / "exercises" / "bus-lane-vote.ipynb", as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("medialit")
        if meta and meta["id"] in answers:
            variable = keys.answer_variable(meta["id"])
            cell.source = f"{variable} = {answers[meta['id']]!r}\ncheck({meta['id']!r}, {variable})"
    nb.metadata["medialit"]["student"] = {"id": path.stem}
    nbformat.write(nb, path)
    return path


def test_grade_uses_the_reviewed_keys_and_flags_the_unreviewed_ones(built, tmp_path):
    from medialit.grading.review import claim_tasks, review_tasks, save_claim_review, save_review

    first = next(t for t in review_tasks(built) if t["kinds"] == ["attribution"])
    insisted = next(s for s in first["spans"] if s["text"] == "insisted")
    save_review(built, first["article"], first["paragraph"], ["attribution"],
                [(insisted["start"], insisted["end"], "attribution")], source_types={insisted["start"]: "role"})
    # the teacher decides the radio summary gives the mayor's remark too: only the blog leaves it out
    (claim,) = claim_tasks(built)
    assert claim["carried_by"] == ["local-paper"] and claim["reviewed"] is False
    save_claim_review(built, claim["passage"], ["local-paper", "radio-summary"])
    assert claim_tasks(built)[0]["reviewed"] is True
    subs = tmp_path / "subs"
    subs.mkdir()
    _submission(built, {"bus-lane-vote.1": ["insisted"], "bus-lane-vote.2": {"Mayor Dana Ortiz": "role"},
                        "bus-lane-vote.3": 0, "bus-lane-vote.6": ["council-blog"],
                        "bus-lane-vote.7": "Only the local paper gives the 7–4 vote, so "
                        "readers of the blog think nobody on the council supported the lane."}, subs / "ana.ipynb")
    _submission(built, {"bus-lane-vote.1": ["insisted", "claim"], "bus-lane-vote.2": {"Mayor Dana Ortiz":
                        "named person"}, "bus-lane-vote.3": 1, "bus-lane-vote.6": ["council-blog", "radio-summary"]}, subs / "ben.ipynb")
    rows = {r["student_id"]: r for r in grade_rows([subs], tmp_path / "grades.csv", "--feedback",
                                                   str(tmp_path / "pages"))}
    page = (tmp_path / "pages" / "ana-bus-lane-vote.html").read_text(encoding="utf-8")
    assert "Names a fact that only one article gives" in page  # the written question's rubric
    assert "Only the local paper gives the 7–4 vote" in page
    assert "bus-lane-vote.4: key proposed by the detectors, not reviewed" in page
    ana, ben = rows["ana"], rows["ben"]
    assert ana["status"] == ben["status"] == "ok", (ana, ben)
    assert float(ana["qbus-lane-vote.1"]) == 3 and float(ana["qbus-lane-vote.2"]) == 2
    assert float(ana["qbus-lane-vote.3"]) == 1
    assert float(ben["qbus-lane-vote.1"]) < 3 and float(ben["qbus-lane-vote.2"]) == 0
    assert float(ben["qbus-lane-vote.3"]) == 0
    assert float(ana["qbus-lane-vote.6"]) == 2 and float(ben["qbus-lane-vote.6"]) < 2  # the reviewed omission key
    for row in (ana, ben):  # the unreviewed keys are flagged, the reviewed ones are not
        assert "bus-lane-vote.4: key proposed by the detectors, not reviewed" in row["flags"]
        assert "bus-lane-vote.5: key proposed by the detectors, not reviewed" in row["flags"]
        assert "bus-lane-vote.1: key proposed" not in row["flags"]
        assert "bus-lane-vote.6: key proposed" not in row["flags"]


def test_students_check_works_from_keys_bin_without_solutions_or_annotations(built, tmp_path):
    import shutil

    from medialit.exercises import check
    from medialit.grading.review import review_tasks, save_review

    first = next(t for t in review_tasks(built) if t["kinds"] == ["attribution"])
    insisted = next(s for s in first["spans"] if s["text"] == "insisted")
    save_review(built, first["article"], first["paragraph"], ["attribution"],
                [(insisted["start"], insisted["end"], "attribution")])
    student = tmp_path / "student-copy"
    shutil.copytree(built, student, ignore=shutil.ignore_patterns("solutions", "annotations"))
    blob = (student / "keys.bin").read_bytes()
    assert b"insisted" not in blob and b"Ortiz" not in blob
    keys._SETS.clear()
    keys.all_questions.cache_clear()
    found = questions(student)
    assert [k["text"] for k in found["bus-lane-vote.1"]["key"]] == ["insisted"]  # the review, saved
    assert check("bus-lane-vote.1", ["insisted"]).status == "correct"
    assert check("bus-lane-vote.4", ["estimates", "about"]).status == "correct"


def test_the_teacher_chooses_a_paragraph_and_a_wrong_choice_is_explained(built):
    run = run_cli(["assign", "--set", str(built), "--paragraph", "loaded=radio-summary:1"], timeout=300)
    assert run.returncode == 0, run.stderr
    found = questions(built)
    assert found["bus-lane-vote.5"]["from_gold"]["article"] == "radio-summary"
    assert found["bus-lane-vote.5"]["text"].startswith("The council approved")
    bad = run_cli(["assign", "--set", str(built), "--paragraph", "loaded=nowhere:1"], timeout=300)
    assert bad.returncode == 1 and "no article 'nowhere' in this set" in bad.stderr
    bad = run_cli(["assign", "--set", str(built), "--paragraph", "loud=radio-summary:1"], timeout=300)
    assert bad.returncode == 1 and "write KIND=ARTICLE:N" in bad.stderr
