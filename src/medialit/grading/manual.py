"""The teacher's scores for written answers: typed into the gradebook, kept from one grading run to the next.

A written (reflect) answer's column in ``grades.csv`` is empty until the teacher types its points
there (with the rubric on the student's feedback page). The next ``medialit grade`` with the same
``--out`` reads them back, counts them in ``raw_score`` and ``score``, takes them off
``points_to_be_graded`` and keeps them in the new gradebook. They are also kept in
``<out>.teacher-scores.json``, with the answer each one was given for, so that a run stopped half-way
(which writes only the rows graded so far) loses none of them, and a score given for an answer the
student has since changed is not counted for the new one: the row says so, and the teacher scores the
new answer. Clearing a cell in the gradebook takes the score away. A cell that is not a number from 0
to the question's points (``3`` for 2 points, ``good``) stays as typed, is not counted, and is flagged;
``1,5`` reads as 1.5. Scores apply only to answers waiting for the teacher: an answer the grader scored
itself (not answered, an error) keeps its score.
"""
from __future__ import annotations

import copy
import csv
import json
import os
from pathlib import Path

TEACHER = "graded by the teacher"


def sidecar(gradebook: Path) -> Path:
    """Where the teacher's scores are kept beside the gradebook.

    >>> sidecar(Path("out/grades.csv")).as_posix()
    'out/grades.csv.teacher-scores.json'
    """
    return Path(gradebook).with_name(Path(gradebook).name + ".teacher-scores.json")


def file_key(path: str) -> str:
    """A submission as the teacher's scores know it: its real path, however it was named on the command line.

    >>> file_key("/tmp/../tmp/a.ipynb") == os.path.realpath("/tmp/a.ipynb")
    True
    """
    return os.path.realpath(path)


def parse_score(text: str, points: float) -> float | None:
    """A teacher's cell as points, or None when it is not a number from 0 to ``points``.

    >>> parse_score("1,5", 2), parse_score(" 2 ", 2), parse_score("3", 2), parse_score("good", 2)
    (1.5, 2.0, None, None)
    """
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if 0 <= value <= points else None


def last_answers(log: Path) -> dict[str, dict]:
    """Each submission's written answers that waited for the teacher when it was last graded, from the
    grader's progress log: ``{file key: {qid: answer}}``.

    >>> last_answers(Path("no-such-log.jsonl"))
    {}
    """
    found: dict[str, dict] = {}
    if not Path(log).exists():
        return found
    for line in Path(log).read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)["row"]
            found[file_key(row["file"])] = {q: f.get("answer") for q, f in (row.get("feedback") or {}).items()
                                            if row["scores"].get(q, 0) is None}
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
            continue  # a half-written line: nothing to learn from it
    return found


def collect(gradebook: Path, questions: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """The teacher's scores: those kept from earlier runs, updated with what the gradebook's written-question
    cells say now; written back to the sidecar, which the caller's run then keeps up to date.

    ``{file key: {qid: {"score": text, "answer": the answer it was given for}}}``.

    >>> collect(Path("no-such-gradebook.csv"), {})
    {}
    """
    gradebook = Path(gradebook)
    kept_file = sidecar(gradebook)
    try:
        kept = json.loads(kept_file.read_text(encoding="utf-8")) if kept_file.exists() else {}
    except (OSError, json.JSONDecodeError):
        kept = {}
    if not gradebook.exists():
        return kept
    written = {q for q, meta in questions.items() if meta.get("kind") == "reflect"}
    answers = last_answers(gradebook.with_name(gradebook.name + ".progress.jsonl"))
    try:
        with gradebook.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return kept
    for line in table:
        if not line.get("file"):
            continue
        key = file_key(line["file"])
        waiting = answers.get(key)
        for column, text in line.items():
            qid = (column or "")[1:]
            if not (column or "").startswith("q") or qid not in written:
                continue
            if text is None or not str(text).strip():
                kept.get(key, {}).pop(qid, None)  # a cleared cell: the teacher took the score away
            elif waiting is not None and qid not in waiting:
                continue  # the grader's own score (an answer left blank): not the teacher's
            else:
                kept.setdefault(key, {})[qid] = {"score": str(text).strip(), "answer": (waiting or {}).get(qid)}
    kept = {k: v for k, v in kept.items() if v}
    save(gradebook, kept)
    return kept


def save(gradebook: Path, kept: dict) -> None:
    """Write the teacher's scores beside the gradebook, atomically (nothing written when there are none)."""
    path = sidecar(gradebook)
    if not kept and not path.exists():
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(kept, ensure_ascii=False, indent=1, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)


def apply(row: dict, kept: dict[str, dict[str, dict]], questions: dict[str, dict]) -> dict:
    """The row with the teacher's scores for its written answers (a copy; the row itself is unchanged).

    >>> row = {"file": "a.ipynb", "scores": {"01.4": None}, "feedback": {"01.4": {"answer": "Because."}},
    ...        "flags": [], "raw_score": 4.0, "score": 4.0, "points_to_be_graded": 2.0, "needs_manual_grading": True}
    >>> kept = {file_key("a.ipynb"): {"01.4": {"score": "1,5", "answer": "Because."}}}
    >>> done = apply(row, kept, {"01.4": {"kind": "reflect", "points": 2}})
    >>> done["scores"], done["score"], done["points_to_be_graded"], done["needs_manual_grading"]
    ({'01.4': 1.5}, 5.5, 0.0, False)
    >>> apply(row, {file_key("a.ipynb"): {"01.4": {"score": "9", "answer": "Because."}}},
    ...       {"01.4": {"kind": "reflect", "points": 2}})["flags"]
    ["01.4: the teacher's score '9' is not a number from 0 to 2, so it is not counted"]
    """
    mine = kept.get(file_key(row.get("file", "")))
    if not mine:
        return row
    row = copy.deepcopy(row)
    for qid, entry in mine.items():
        question = questions.get(qid, {})
        if qid not in row.get("scores", {}) or row["scores"][qid] is not None:
            continue  # not this exercise's question, or an answer the grader scored itself
        answer = (row.get("feedback") or {}).get(qid, {}).get("answer")
        if entry.get("answer") is not None and entry["answer"] != answer:
            row["flags"].append(f"{qid}: the teacher's score {entry['score']} was for an earlier answer; "
                                "score the new one")
            continue
        points = float(question.get("points", 1))
        value = parse_score(entry["score"], points)
        if value is None:
            row.setdefault("teacher_cells", {})[qid] = entry["score"]
            row["flags"].append(f"{qid}: the teacher's score {entry['score']!r} is not a number from 0 to "
                                f"{points:g}, so it is not counted")
            continue
        row["scores"][qid] = value
        row.setdefault("teacher_scores", {})[qid] = value
        row.setdefault("feedback", {}).setdefault(qid, {})["status"] = TEACHER
        row["raw_score"] = row["score"] = round(row["score"] + value, 2)
        row["points_to_be_graded"] = round(max(0.0, row.get("points_to_be_graded", 0.0) - points), 2)
        row["needs_manual_grading"] = row["points_to_be_graded"] > 0
    return row
