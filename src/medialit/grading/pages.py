"""Feedback pages after grading: one HTML page per student, and a class summary with an item analysis
(and, when a pre- and a post-assessment were graded, their comparison per skill and per student).

Each written answer is shown with its rubric's criteria (the example answers only with
``show_answers``), its score so far, and where the teacher types the score: the question's column
in the gradebook, read back by the next ``medialit grade`` run (:mod:`medialit.grading.manual`)."""
from __future__ import annotations

import base64
import re
import statistics
from collections import Counter
from html import escape
from pathlib import Path

from ..display.html import format_page
from ..display.tables import format_table, table_html
from ..display.plots import OKABE_ITO, figure_png
from .keys import all_questions, question_order, use_set
from .manual import TEACHER
from .rubrics import all_rubrics
from .sandbox import warning
from .summary import Summary


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name) or "student"


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def _pending(row: dict) -> float:
    """Points of written answers that wait for the teacher (rows from before this field: from their scores)."""
    if "points_to_be_graded" in row:
        return float(row["points_to_be_graded"] or 0)
    questions = all_questions()
    return float(sum(questions.get(q, {}).get("points", 0) for q, v in row["scores"].items() if v is None))


def _total_line(row: dict, *, you: bool) -> str:
    """ "4 of 6 auto-graded points; 2 points to be graded by the teacher" (or "4 of 8 points")."""
    pending = _pending(row)
    if not pending:
        return f"<b>{row['score']:g} of {_points(row['max_score'])}</b>"
    who = "your teacher" if you else "the teacher"
    return (f"<b>{row['score']:g} of {row['max_score'] - pending:g} auto-graded points</b>; "
            f"{_points(pending)} to be graded by {who}")


def inline(text: str) -> str:
    """A rubric's text as HTML: escaped, with Markdown's **bold**, *italics* and `code`.

    >>> inline("Names a **real** omission (see `claims.json`) <b>")
    'Names a <b>real</b> omission (see <code>claims.json</code>) &lt;b&gt;'
    """
    html = escape(str(text), quote=False)
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", html)


def rubric_html(rubric: dict, *, examples: bool = False) -> str:
    """A rubric as a table, a row per criterion and level (and its example answers and notes, if asked).

    >>> rubric = {"criteria": [{"criterion": "reason", "levels": [{"points": 1, "descriptor": "gives **one**"},
    ...           {"points": 0, "descriptor": "none"}]}], "examples": [{"points": 1, "answer": "Because."}]}
    >>> html = rubric_html(rubric)
    >>> "<b>one</b>" in html, "Because." in html, "Because." in rubric_html(rubric, examples=True)
    (True, False, True)
    """
    rows = [[inline(c["criterion"]), str(level["points"]), inline(level["descriptor"])]
            for c in rubric["criteria"] for level in sorted(c["levels"], key=lambda level: -level["points"])]
    html = table_html(["criterion", "points", "descriptor"], rows, caption="Rubric")
    if examples and rubric.get("examples"):
        html += table_html(["points", "example answer"], [
            [str(e["points"]), escape(f'"{e["answer"]}"') + (f" ({inline(e['comment'])})" if e.get("comment") else "")]
            for e in rubric["examples"]], caption="Example answers")
    if examples:
        html += "".join(f"<p>{inline(note)}</p>" for note in rubric.get("notes", []))
    return html


def _written(qid: str, q: dict, fb: dict, score, *, show_answers: bool, gradebook: str) -> str:
    """A written answer on a feedback page: the answer, the rubric and where the teacher's score goes."""
    answer = fb.get("answer")
    parts = ["<p>Written answer:</p><blockquote>" + (escape(answer) if isinstance(answer, str) and answer.strip()
                                                      else "<i>(no answer)</i>") + "</blockquote>"]
    rubric = all_rubrics().get(qid)
    if rubric:
        parts.append(rubric_html(rubric, examples=show_answers))
    points = q.get("points", 0)
    if fb.get("status") == TEACHER:
        parts.append(f"<p><b>Teacher's score: {score:g} of {points:g}</b> (column q{escape(qid)} of "
                     f"{escape(gradebook)}).</p>")
    elif score is None:
        parts.append(f"<p><b>Teacher's score: ____ of {points:g}.</b> For the teacher: type the points in column "
                     f"q{escape(qid)} of {escape(gradebook)}, in this student's row, and run the same "
                     "<code>medialit grade</code> command again: the totals and this page are brought up to date, "
                     "and the score is kept in later runs. The example answers and notes are on the pages written "
                     "with <code>--show-answers</code> and in the teacher notes.</p>")
    return "".join(parts)


def student_page(row: dict, *, show_answers: bool = False, gradebook: str = "grades.csv") -> str:
    """One student's page: score per question with the explanations (answers and keys only if asked).

    A written answer the teacher has not graded yet reads "to be graded", never 0; it is shown with its
    rubric and a place for the teacher's score (a column of ``gradebook``).

    >>> row = {"student_id": "ann", "assignment": "00", "status": "ok", "flags": [], "score": 0.0, "max_score": 2.0,
    ...        "points_to_be_graded": 2.0, "scores": {"00.7": None},
    ...        "feedback": {"00.7": {"status": "to be graded", "answer": "It leaves out the cost.", "messages": []}}}
    >>> page = student_page(row)
    >>> "It leaves out the cost." in page, "Rubric" in page, "column q00.7 of grades.csv" in page
    (True, True, True)
    """
    questions = all_questions()
    parts = [f"<p><b>{escape(row['student_id'])}</b>, exercise {escape(row['assignment'])}: "
             f"{_total_line(row, you=True)}.</p>"]
    if row["status"] != "ok":
        parts.append(f"<p>Grading note: {escape(row['status'])}.</p>")
    if row.get("flags"):
        parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in row["flags"]) + "</ul>")
    for qid, score in row["scores"].items():
        q = questions.get(qid, {})
        fb = row.get("feedback", {}).get(qid, {})
        result = (f"to be graded ({_points(q.get('points', 0))})" if score is None
                  else f"{score:g} of {_points(q.get('points', 0))}")
        if fb.get("status") == TEACHER:
            result += ", graded by your teacher"
        parts.append(f"<h3>Question {escape(qid)}: {result}</h3>")
        parts.append("<ul>" + "".join(f"<li>{escape(m)}</li>" for m in fb.get("messages", [])) + "</ul>")
        if q.get("kind") == "reflect":
            parts.append(_written(qid, q, fb, score, show_answers=show_answers, gradebook=gradebook))
        elif show_answers:
            parts.append(f"<p>Your answer: <code>{escape(readable(fb.get('answer', '(none)'), q))}</code><br>"
                         f"Key: <code>{escape(readable(q.get('key', q.get('original', '')), q))}</code></p>")
    return format_page(f"Feedback: {row['student_id']}, exercise {row['assignment']}", "".join(parts))


def readable(value, question: dict) -> str:
    """An answer or key as a teacher reads it: marks (offsets from a Marker, key spans) become their words.

    >>> readable([{"start": 0, "end": 4, "kind": "hedge"}, [5, 9, "booster"]], {"text": "Some said so"})
    "['Some' (hedge), 'said' (booster)]"
    >>> readable({"many": "vague"}, {})
    "{'many': 'vague'}"
    """
    text = question.get("text", "")
    if text and isinstance(value, list) and value and all(isinstance(v, (dict, list, tuple)) for v in value):
        words = []
        for item in value:
            start, end, kind = ((item.get("start"), item.get("end"), item.get("kind")) if isinstance(item, dict)
                                else (list(item) + [None, None, None])[:3])
            if not (isinstance(start, int) and isinstance(end, int)):
                return repr(value)
            words.append(f"{text[start:end]!r}" + (f" ({kind})" if kind else ""))
        return "[" + ", ".join(words) + "]"
    return repr(value)


def _graded(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["status"] not in ("wrong assignment",) and not r["status"].startswith("unreadable")]


def _question_ids(rows: list[dict]) -> list[str]:
    return sorted({q for r in rows for q in r["scores"]}, key=question_order)


def item_shares(rows: list[dict]) -> dict[str, float | None]:
    """For each question, the share (%) of students with full marks among those whose answer has points;
    None when every answer still waits for the teacher (a written question not graded yet).

    >>> item_shares([{"status": "ok", "scores": {"01.2": 1.0, "01.4": None}}])
    {'01.2': 100.0, '01.4': None}
    """
    questions = all_questions()
    graded = _graded(rows)
    shares = {}
    for i in _question_ids(rows):
        scored = [r["scores"][i] for r in graded if r["scores"].get(i) is not None]
        if not scored:
            shares[i] = None
            continue
        full = sum(1 for v in scored if v >= questions.get(i, {}).get("points", 1))
        shares[i] = 100 * full / len(scored)
    return shares


def item_analysis_png(rows: list[dict]) -> bytes:
    """A bar chart: for each question, the share of students who earned full marks. A written question
    the teacher has not graded yet gets no bar, only the words "to be graded"."""
    from matplotlib.figure import Figure

    shares = item_shares(rows)
    ids = list(shares)
    fig = Figure(figsize=(max(5, 0.6 * len(ids) + 2), 3.4), layout="constrained")
    ax = fig.add_subplot()
    drawn = [(x, shares[i]) for x, i in enumerate(ids) if shares[i] is not None]
    if drawn:
        xs, values = zip(*drawn)
        bars = ax.bar(xs, values, color=[OKABE_ITO[4] if s >= 50 else OKABE_ITO[5] for s in values],
                      hatch="//", edgecolor="black")
        ax.bar_label(bars, fmt="%.0f%%", fontsize=8)
    for x, i in enumerate(ids):
        if shares[i] is None:
            ax.text(x, 4, "to be graded", rotation=90, ha="center", va="bottom", fontsize=8, color="#444444")
    ax.set_xticks(range(len(ids)), ids)
    ax.set_xlim(-0.6, max(len(ids), 1) - 0.4)
    ax.set_ylim(0, 110)
    ax.set_ylabel("students with full marks (%)")
    ax.set_title("Item analysis: which questions most students missed")
    return figure_png(fig)


def _pre_post_cell(line: dict, side: str) -> str:
    if line[f"{side}_max"] == "":
        return "—"
    return f"{line[f'{side}_score']:g} of {line[f'{side}_max']:g} ({line[f'{side}_percent']:g}%)"


def _change_cell(line: dict) -> str:
    if line["change_percent"] == "":
        return "—"
    points = (f"{line['change_score']:+g} point{'' if abs(line['change_score']) == 1 else 's'}, "
              if line["change_score"] != "" else "")
    return f"{points}{line['change_percent']:+g} percentage points"


def pre_post_html(summary: Summary) -> str:
    """The pre/post section of the class summary: a table per skill, the totals and one row per student,
    then what was not counted and what waits for the teacher.

    >>> from medialit.grading.summary import Summary
    >>> "Pre- and post-assessment" in pre_post_html(Summary("00", "09", not_counted=["cy, 09 (post): timeout"]))
    True
    """
    def table(lines: list[dict], first: str) -> str:
        return table_html([first, "pre", "post", "change", "note"],
                          [[escape(line["name"]), _pre_post_cell(line, "pre"), _pre_post_cell(line, "post"),
                            _change_cell(line), escape(line["note"])] for line in lines])

    body = (f"<h2>Pre- and post-assessment ({escape(summary.pre)} → {escape(summary.post)})</h2>"
            f"<p>{summary.both} students took both. For each skill: the class mean on the pre-assessment and on "
            "the post-assessment (every counted submission), and the change. A change is post minus pre.</p>"
            + table(summary.skills + summary.totals, "skill"))
    waiting = sum(summary.waiting.values())
    if waiting:
        body += (f"<p>{waiting} written answer{'s' if waiting != 1 else ''} still to be graded by the teacher: not "
                 "in these figures yet (type the scores in the gradebook and grade again).</p>")
    if summary.not_counted:
        body += ("<p><b>Not counted</b> (see the gradebook's status and flags; these are not zeros): "
                 + escape("; ".join(summary.not_counted)) + ".</p>")
    return body + "<h3>Students</h3>" + table(summary.students, "student")


def pre_post_page(summary: Summary) -> str:
    """The pre/post comparison as a page of its own (written next to the gradebook).

    >>> from medialit.grading.summary import Summary
    >>> pre_post_page(Summary("00", "09")).startswith("<!DOCTYPE html>")
    True
    """
    return format_page("Class summary: pre- and post-assessment", pre_post_html(summary))


def class_summary(rows: list[dict], summary: Summary | None = None) -> str:
    """The class summary page: scores, statuses, per-question means and the item-analysis chart, and the
    pre/post comparison when there is one.

    Written answers not graded yet are left out of the means and said to be waiting for the teacher.
    """
    questions = all_questions()
    scores = [r["score"] for r in rows]
    statuses = Counter(r["status"] for r in rows)
    ids = _question_ids(rows)
    shares = item_shares(rows)
    per_question = []
    for i in ids:
        scored = [r["scores"][i] for r in rows if r["scores"].get(i) is not None]
        waiting = sum(1 for r in rows if i in r["scores"] and r["scores"][i] is None)
        per_question.append({
            "question": i,
            "mean score": (round(statistics.mean(scored), 2) if scored else "to be graded"),
            "full marks": (sum(1 for v in scored if v >= questions.get(i, {}).get("points", 1))
                           if shares.get(i) is not None else "to be graded"),
            "to be graded": waiting or ""})
    image = base64.b64encode(item_analysis_png(rows)).decode() if rows else ""
    if rows:
        pending_ids = [i for i in ids if any(i in r["scores"] and r["scores"][i] is None for r in rows)]
        pending = sum(questions.get(i, {}).get("points", 0) for i in pending_ids)
        auto = max(r["max_score"] - sum(questions.get(i, {}).get("points", 0) for i in pending_ids
                                        if i in r["scores"]) for r in rows)
        body = (f"<p>{len(rows)} submissions. Mean score {statistics.mean(scores):.2f}, median "
                f"{statistics.median(scores):.2f}, of " + (f"{auto:g} auto-graded points" if pending else
                                                           _points(auto)) + ".</p>")
        if pending:
            body += (f"<p>Written answers ({', '.join(pending_ids)}: {_points(pending)}) are to be graded by the "
                     "teacher and are not in these figures.</p>")
    else:
        body = "<p>No submissions.</p>"
    off = sorted({r["sandbox"] for r in rows if str(r.get("sandbox", "")).startswith("off")})
    if off:
        body += f"<p><b>{escape(warning(off[0]))}</b></p>"
    if summary is not None:
        body += pre_post_html(summary)
    body += "<h2>Status</h2>" + format_table([{"status": k, "submissions": v} for k, v in statuses.most_common()])
    body += "<h2>Questions</h2>" + format_table(per_question)
    if image:
        body += f'<img alt="Item analysis" src="data:image/png;base64,{image}">'
    body += "<h2>Students</h2>" + format_table([
        {"student": r["student_id"], "score": r["score"], "of": r["max_score"],
         "to be graded": _pending(r) or "", "status": r["status"],
         "page": f"{_safe(r['student_id'])}-{r['assignment']}.html"} for r in rows])
    return format_page("Class summary", body)


def write_feedback(rows: list[dict], folder: Path, *, show_answers: bool = False, gradebook: str = "grades.csv",
                   summary: Summary | None = None) -> list[Path]:
    """Write one page per student and ``index.html`` (the class summary, with ``summary``'s pre/post
    comparison if given) into ``folder``; written answers' pages name ``gradebook`` as where their scores go."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for set_folder in {row["set"] for row in rows if row.get("set")}:
        use_set(set_folder)  # a teacher's own set: its questions and rubrics
    written = []
    used: set[str] = set()
    for row in rows:
        name, n = f"{_safe(row['student_id'])}-{row['assignment']}", 1
        while name + ("" if n == 1 else f"-{n}") in used:
            n += 1  # two submissions with the same student id: each keeps its own page
        name += "" if n == 1 else f"-{n}"
        used.add(name)
        path = folder / f"{name}.html"
        path.write_text(student_page(row, show_answers=show_answers, gradebook=gradebook), encoding="utf-8")
        written.append(path)
    index = folder / "index.html"
    index.write_text(class_summary(rows, summary), encoding="utf-8")
    (folder / "item-analysis.png").write_bytes(item_analysis_png(rows))
    return written + [index]
