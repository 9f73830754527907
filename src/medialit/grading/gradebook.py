"""``medialit grade``: grade a class's submissions into an nbgrader-compatible ``grades.csv``.

Each submission runs in a fresh kernel (:mod:`medialit.grading.runner`); its answers are scored here
against the instructor's keys. Bad input never stops the batch: it becomes a row with a status.
Finished rows go to ``<out>.progress.jsonl`` as they complete, and ``grades.csv`` is rewritten
atomically after each one, so an interrupted run resumes where it stopped and loses nothing; a
submission whose file and keys are unchanged is not graded again, so a re-run gives the same result.

A written answer waits for the teacher: its question column is empty (not 0), ``needs_manual_grading``
is true, ``points_to_be_graded`` says how many points are still open, and ``raw_score``/``score``
count the points given so far out of ``max_score``, the exercise's full total. The teacher types a
written answer's points into its column; the next run with the same ``--out`` keeps and counts them
(:mod:`medialit.grading.manual`).

When the submissions include a pre- and a post-assessment, :func:`write_summary` writes their class
summary next to the gradebook (:mod:`medialit.grading.summary`).
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import manual
from .batch import Stopped, interrupts, run_all  # noqa: F401  (Stopped: what grade() raises on Ctrl+C)
from .keys import all_questions, assignment_questions, question_order, use_set
from .submission import assignment_of, identity, read_submission
from .runner import remove_folder
from .sandbox import precompile_kit, sandbox_status, warning
from .scoring import TO_BE_GRADED, score_answer
from .summary import Summary, summarise, summary_csv

NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]


@dataclass
class Options:
    """How to grade: the assignment (None: read from each notebook), limits, and the sandbox.

    ``sandbox=False`` runs kernels unsandboxed even where bubblewrap works (notebooks you trust).
    ``scratch_root`` is where kernels' scratch folders go (the batch sets it; not part of a row's
    fingerprint).

    >>> Options(assignment="03").sandbox
    True
    """

    assignment: str | None = None
    duedate: str = ""
    cell_timeout: float = 30
    memory_mb: int = 2048
    sandbox: bool = True
    scratch_root: str | None = None
    set_folder: str | None = None  # a teacher's article set whose own exercise is graded (else read from each notebook)


def restore_ellipsis(value):
    """An answer read out of the kernel, with every ``...`` back in place (a template's blanks), at any depth.

    >>> restore_ellipsis({"many": {"__ellipsis__": True}, "x": [{"__ellipsis__": True}, 1]})
    {'many': Ellipsis, 'x': [Ellipsis, 1]}
    """
    if value == {"__ellipsis__": True}:
        return ...
    if isinstance(value, dict):
        return {k: restore_ellipsis(v) for k, v in value.items()}
    if isinstance(value, list):
        return [restore_ellipsis(v) for v in value]
    return value


def grade_file(path: str, options: Options) -> dict:
    """Grade one submission and return its gradebook row (never raises)."""
    path = Path(path)
    row = {"file": str(path), "flags": []}
    try:
        row["timestamp"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(path.stat().st_mtime))
    except OSError:
        row["timestamp"] = ""
    nb, status = read_submission(path)
    set_folder = options.set_folder or ((nb or {}).get("metadata") or {}).get("medialit", {}).get("set")
    if set_folder:
        row["set"] = str(set_folder)  # the pages, written in the grader's own process, need its questions too
        try:
            use_set(set_folder)
        except OSError as error:
            row["flags"].append(f"the exercise's article set {set_folder} cannot be read ({error.strerror})")
    # an unreadable file's exercise: the one asked for, else the one its name says ("09-post-assessment.ipynb")
    assignment = assignment_of(nb, path) if nb else (options.assignment or assignment_of({}, path) or "")
    if nb is not None and assignment is None:
        status = "not a medialit exercise"
    if nb is not None and options.assignment and assignment and assignment != options.assignment:
        row["flags"].append(f"this is exercise {assignment}, not {options.assignment}")
        status, assignment = "wrong assignment", options.assignment
    assignment = assignment or options.assignment or ""
    questions = assignment_questions(assignment) if assignment else []
    row.update(assignment=assignment, duedate=options.duedate, **identity(nb or {}, path, assignment))
    scores = {q["id"]: 0.0 for q in questions}
    row["flags"] += [f"{q['id']}: key proposed by the detectors, not reviewed by the teacher" for q in questions
                     if q.get("reviewed") is False]
    manual = False
    if status == "ok":
        try:
            notebook = nbformat.reads(json.dumps(nb), as_version=4)
            result = run_notebook_for(notebook, questions, options)
            status = result.status
            row["flags"] += result.flags
            row["sandbox"] = result.sandbox
            cells = [c.get("source", "") if isinstance(c.get("source"), str) else "".join(c.get("source", []))
                     for c in nb["cells"]]
            for q in questions:
                captured = result.answers.get(q["variable"], {"missing": True})
                raised = result.answer_errors.get(q["variable"])
                if raised and ("missing" in captured or captured.get("value") == {"__ellipsis__": True}):
                    row["flags"].append(f"{q['id']}: answer cell raised {raised}")
                    row.setdefault("feedback", {})[q["id"]] = {
                        "status": "not answered", "score": 0.0, "answer": None,
                        "messages": [f"The answer cell stopped with {raised}, so there was no answer to grade."]}
                    continue
                if "missing" in captured:
                    row["flags"].append(f"{q['id']}: " + _why_missing(q["variable"], cells, result.stopped_at))
                    continue
                if "invalid" in captured:
                    row["flags"].append(f"{q['id']}: answer is not a plain value ({captured['invalid']})")
                    continue
                value = restore_ellipsis(captured["value"])
                feedback = score_answer(q, value)
                if feedback.status == "not answered":
                    row["flags"].append(f"{q['id']}: not answered")
                scores[q["id"]] = None if feedback.status == TO_BE_GRADED else feedback.earned
                manual = manual or feedback.status == TO_BE_GRADED
                row.setdefault("feedback", {})[q["id"]] = {"status": feedback.status, "score": feedback.earned,
                                                           "messages": feedback.messages, "answer": value}
        except Exception as error:
            status = "error"
            row["flags"].append(f"grading failed: {type(error).__name__}: {str(error)[:120]}")
    if status.startswith("unreadable") or status in ("not a medialit exercise", "error"):
        # not graded at all: say so in the flags too, so that no one reads its zeros as the student's score
        row["flags"].append(f"not graded ({status}): its 0 points are not a score; open the file, or ask for it again")
    raw = round(sum(v for v in scores.values() if v is not None), 2)
    pending = float(sum(q["points"] for q in questions if scores.get(q["id"], 0) is None))
    row.update(raw_score=raw, late_submission_penalty=0, score=raw,
               max_score=float(sum(q["points"] for q in questions)), scores=scores,
               needs_manual_grading=manual, points_to_be_graded=pending, status=status)
    return row


def _why_missing(variable: str, cells: list[str], stopped_at: int | None) -> str:
    """Why no answer was read for ``variable``: its cell was deleted, came after the cell that stopped
    the kernel (cells count from 1), or did not run.

    >>> cells = ["import os", "os._exit(1)", "answer_01_1 = 'x'"]
    >>> _why_missing("answer_01_1", cells, 2), _why_missing("answer_01_1", cells, None)
    ('no answer: its cell (3) comes after cell 2, which stopped the kernel', 'answer not set (the cell did not run)')
    >>> _why_missing("answer_01_2", cells, None)
    'answer cell deleted'
    """
    at = next((i for i, source in enumerate(cells, start=1)
               if re.search(rf"^\s*{variable}\s*=", source, re.M)), None)
    if at is None:
        return "answer cell deleted"
    if stopped_at is not None and at > stopped_at:
        return f"no answer: its cell ({at}) comes after cell {stopped_at}, which stopped the kernel"
    return "answer not set (the cell did not run)"


def run_notebook_for(notebook, questions, options: Options):
    """Run a submission's notebook for these questions with the options' limits and sandbox.

    >>> run_notebook_for(nbformat.v4.new_notebook(), assignment_questions("01"), Options()).answers["answer_01_1"]
    {'missing': True}
    """
    from .runner import run_notebook

    return run_notebook(notebook, [q["variable"] for q in questions], cell_timeout=options.cell_timeout,
                        memory_mb=options.memory_mb, sandboxed=options.sandbox, scratch_root=options.scratch_root)


def fingerprint(path: Path, options: Options) -> str:
    """What a cached row depends on: the file's path (a row's student comes from it, and two students may
    hand in byte-identical notebooks), its bytes, the keys, the grading options and whether the sandbox
    was used."""
    digest = hashlib.sha256()
    digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
    try:
        digest.update(path.read_bytes())
    except OSError:
        digest.update(b"unreadable")
    digest.update(json.dumps(all_questions(), sort_keys=True, default=str).encode())
    sandboxed = options.sandbox and sandbox_status().on  # a row graded unsandboxed is graded again once it can be
    digest.update(json.dumps([options.assignment, options.duedate, options.cell_timeout, options.memory_mb,
                              "sandboxed" if sandboxed else "unsandboxed"]).encode())
    return digest.hexdigest()


def find_submissions(paths: list[str]) -> list[Path]:
    """Every ``.ipynb`` named, or inside a named folder (checkpoints skipped), sorted."""
    found = set()
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found |= {f for f in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in f.parts}
        else:
            found.add(p)
    return sorted(found)


def _cell(score) -> str | float:
    """A question's gradebook cell: its points, or empty while a written answer waits for the teacher."""
    return "" if score is None else score


def write_csv(rows: list[dict], out: Path) -> None:
    """Write the gradebook atomically (a temporary file, then a rename)."""
    question_ids = sorted({q for r in rows for q in r["scores"]}, key=question_order)
    columns = NBGRADER_COLUMNS + [f"q{q}" for q in question_ids] + ["needs_manual_grading", "points_to_be_graded",
                                                                    "status", "flags", "file"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in sorted(rows, key=lambda r: (r["assignment"], r["student_id"], r["file"])):
        typed = r.get("teacher_cells", {})  # a teacher's cell that is not a score is kept as typed
        writer.writerow({**{c: r.get(c, "") for c in NBGRADER_COLUMNS},
                         **{f"q{q}": typed[q] if q in typed else _cell(r["scores"].get(q, "")) for q in question_ids},
                         "needs_manual_grading": r["needs_manual_grading"],
                         "points_to_be_graded": r.get("points_to_be_graded", 0.0), "status": r["status"],
                         "flags": "; ".join(r["flags"]), "file": r["file"]})
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, out)


def default_workers() -> int:
    """Submissions graded at once: one more than the cores, so that a kernel starting up (waiting on its
    imports and sockets) overlaps another's work (measured on 2 cores: 0.46–0.49 s per submission with 3
    workers, 0.60 s with 2).

    >>> default_workers() == (os.cpu_count() or 1) + 1
    True
    """
    return (os.cpu_count() or 1) + 1


def grade(paths: list[str], out: Path, options: Options | None = None, *, workers: int | None = None,
          progress=sys.stderr) -> list[dict]:
    """Grade every submission (in parallel), resuming from ``<out>.progress.jsonl``; return the rows.

    Ctrl+C stops the batch within seconds: the finished rows are in the gradebook and the progress
    log, and :class:`~medialit.grading.batch.Stopped` is raised (a run with the same arguments resumes).
    The teacher's scores for written answers, read from the gradebook before it is rewritten, are
    counted in the rows (the progress log keeps the grader's own rows).
    """
    options = options or Options()
    out = Path(out)
    log = out.with_name(out.name + ".progress.jsonl")
    questions = all_questions()
    kept = manual.collect(out, questions)

    def merged(found) -> list[dict]:
        return [manual.apply(r, kept, questions) for r in found]

    done: dict[str, dict] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                done[entry["fingerprint"]] = entry["row"]
            except (json.JSONDecodeError, KeyError):
                continue  # a half-written last line from an interrupted run
    submissions = find_submissions(paths)
    prints = {str(p): fingerprint(p, options) for p in submissions}
    rows = {str(p): {**done[prints[str(p)]], "file": str(p)} for p in submissions if prints[str(p)] in done}
    todo = [p for p in submissions if str(p) not in rows]
    total = len(submissions)

    def finished(row: dict) -> None:
        rows[row["file"]] = row
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"fingerprint": prints[row["file"]], "row": row}, default=str) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        write_csv(merged(rows.values()), out)
        row = manual.apply(row, kept, questions)
        if progress:
            bar = "#" * int(20 * len(rows) / max(total, 1))
            pending = row.get("points_to_be_graded") or 0
            print(f"\r[{bar:<20}] {len(rows)}/{total} {Path(row['file']).name}: {row['status']} "
                  f"{row['score']:g}/{row['max_score']:g}" + (f" ({pending:g} to be graded)" if pending else ""),
                  file=progress, flush=True)

    if rows:
        write_csv(merged(rows.values()), out)
    workers = workers or default_workers()
    # Every kernel's scratch folder goes in one folder for the batch, removed at the end whatever happens.
    scratch_root = tempfile.mkdtemp(prefix="medialit-grading-")
    if todo:
        precompile_kit()
    job = functools.partial(grade_file, options=dataclasses.replace(options, scratch_root=scratch_root))
    try:
        with interrupts() as protected:
            run_all(job, [str(p) for p in todo], workers, finished, protected)
    except KeyboardInterrupt:
        write_csv(merged(rows.values()), out)
        raise Stopped(len(rows), total) from None
    finally:
        remove_folder(scratch_root)
    if not submissions:
        write_csv([], out)
    return sorted(merged(rows.values()), key=lambda r: (r["assignment"], r["student_id"], r["file"]))


def summary_paths(out: Path) -> tuple[Path, Path]:
    """Where the class summary of a pre- and a post-assessment goes: next to the gradebook.

    >>> [p.name for p in summary_paths(Path("class/grades.csv"))]
    ['grades-class-summary.csv', 'grades-class-summary.html']
    """
    out = Path(out)
    return out.with_name(out.stem + "-class-summary.csv"), out.with_name(out.stem + "-class-summary.html")


def write_summary(rows: list[dict], out: Path) -> Summary | None:
    """Write the pre/post class summary (CSV and HTML) next to the gradebook ``out``, if the rows hold both
    assessments; return it. Otherwise return None, and remove a summary an earlier run left there: it no
    longer matches the gradebook.

    >>> write_summary([], Path("grades.csv")) is None
    True
    """
    from .pages import pre_post_page

    summary = summarise(rows, all_questions())
    if summary is None:
        for path in summary_paths(out):
            path.unlink(missing_ok=True)
        return None
    for path, text in zip(summary_paths(out), (summary_csv(summary), pre_post_page(summary))):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return summary


def sandbox_summary(rows: list[dict]) -> str | None:
    """The gradebook summary's one-line warning when any submission's code ran without the sandbox.

    >>> sandbox_summary([{"sandbox": "bubblewrap"}]) is None
    True
    >>> sandbox_summary([{"sandbox": "off: bubblewrap is not installed"}])  # doctest: +ELLIPSIS
    "warning: students' code ran without a sandbox (bubblewrap is not installed): ..."
    """
    off = sorted({r["sandbox"] for r in rows if str(r.get("sandbox", "")).startswith("off")})
    return warning(off[0]) if off else None
