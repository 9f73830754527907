"""Feedback pages after grading: one HTML page per student, and a class summary with an item analysis."""
from __future__ import annotations

import base64
import re
import statistics
from collections import Counter
from html import escape
from pathlib import Path

from ..display import format_page, format_table
from ..plots import OKABE_ITO, figure_png
from .keys import all_questions


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name) or "student"


def student_page(row: dict, *, show_answers: bool = False) -> str:
    """One student's page: score per question with the explanations (answers and keys only if asked)."""
    questions = all_questions()
    parts = [f"<p><b>{escape(row['student_id'])}</b>, exercise {escape(row['assignment'])}: "
             f"<b>{row['score']:g} of {row['max_score']:g}</b> points. Status: {escape(row['status'])}.</p>"]
    if row.get("needs_manual_grading"):
        parts.append("<p>Your written answers are read by your teacher; their points are added later.</p>")
    if row.get("flags"):
        parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in row["flags"]) + "</ul>")
    for qid, score in row["scores"].items():
        q = questions.get(qid, {})
        fb = row.get("feedback", {}).get(qid, {})
        parts.append(f"<h3>Question {escape(qid)}: {score:g} of {q.get('points', 0):g}</h3>")
        parts.append("<ul>" + "".join(f"<li>{escape(m)}</li>" for m in fb.get("messages", [])) + "</ul>")
        if show_answers:
            parts.append(f"<p>Your answer: <code>{escape(repr(fb.get('answer', '(none)')))}</code><br>"
                         f"Key: <code>{escape(repr(q.get('key', q.get('original', ''))))}</code></p>")
    return format_page(f"Feedback: {row['student_id']}, exercise {row['assignment']}", "".join(parts))


def item_analysis_png(rows: list[dict]) -> bytes:
    """A bar chart: for each question, the share of students who earned full marks."""
    from matplotlib.figure import Figure

    questions = all_questions()
    ids = sorted({q for r in rows for q in r["scores"]}, key=lambda i: [int(x) for x in i.split(".")])
    graded = [r for r in rows if r["status"] not in ("wrong assignment",) and not r["status"].startswith("unreadable")]
    shares = [100 * sum(1 for r in graded if r["scores"].get(i, 0) >= questions.get(i, {}).get("points", 1))
              / max(len(graded), 1) for i in ids]
    fig = Figure(figsize=(max(5, 0.6 * len(ids) + 2), 3.4), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.bar(ids, shares, color=[OKABE_ITO[4] if s >= 50 else OKABE_ITO[5] for s in shares],
                  hatch="//", edgecolor="black")
    ax.bar_label(bars, fmt="%.0f%%", fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_ylabel("students with full marks (%)")
    ax.set_title("Item analysis: which questions most students missed")
    return figure_png(fig)


def class_summary(rows: list[dict]) -> str:
    """The class summary page: scores, statuses, per-question means and the item-analysis chart."""
    scores = [r["score"] for r in rows]
    statuses = Counter(r["status"] for r in rows)
    ids = sorted({q for r in rows for q in r["scores"]}, key=lambda i: [int(x) for x in i.split(".")])
    per_question = [{"question": i, "mean score": round(statistics.mean(r["scores"].get(i, 0) for r in rows), 2)
                     if rows else 0, "full marks": sum(1 for r in rows if r["scores"].get(i, 0) >=
                                                       all_questions().get(i, {}).get("points", 1))} for i in ids]
    image = base64.b64encode(item_analysis_png(rows)).decode() if rows else ""
    body = (f"<p>{len(rows)} submissions. Mean score {statistics.mean(scores):.2f}, median "
            f"{statistics.median(scores):.2f}, of {max((r['max_score'] for r in rows), default=0):g}.</p>"
            if rows else "<p>No submissions.</p>")
    body += "<h2>Status</h2>" + format_table([{"status": k, "submissions": v} for k, v in statuses.most_common()])
    body += "<h2>Questions</h2>" + format_table(per_question)
    if image:
        body += f'<img alt="Item analysis" src="data:image/png;base64,{image}">'
    body += "<h2>Students</h2>" + format_table([
        {"student": r["student_id"], "score": r["score"], "of": r["max_score"], "status": r["status"],
         "page": f"{_safe(r['student_id'])}-{r['assignment']}.html"} for r in rows])
    return format_page("Class summary", body)


def write_feedback(rows: list[dict], folder: Path, *, show_answers: bool = False) -> list[Path]:
    """Write one page per student and ``index.html`` (the class summary) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for row in rows:
        path = folder / f"{_safe(row['student_id'])}-{row['assignment']}.html"
        path.write_text(student_page(row, show_answers=show_answers), encoding="utf-8")
        written.append(path)
    index = folder / "index.html"
    index.write_text(class_summary(rows), encoding="utf-8")
    (folder / "item-analysis.png").write_bytes(item_analysis_png(rows))
    return written + [index]
