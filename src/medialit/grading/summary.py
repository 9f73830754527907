"""The class summary of a pre- and a post-assessment: per skill and per student, before and after.

Pure: gradebook rows and question metadata in, tables out. A question's ``skill`` (``attribution``,
``hedging``, ``loaded wording``, ``framing``) comes from its cell metadata; the notebook's
``"assessment": "pre"`` or ``"post"`` says which assignment is which. Only submissions graded with
status ``ok`` are counted; any other (unreadable, timeout, kernel died …) is listed with its status and
left out of every figure, never counted as 0. A student with only one of the two is listed, with no
change. Written answers still waiting for the teacher are left out of the figures and counted apart,
so a percentage is always of the points scored so far. A student with two submissions of one
assessment is counted once, with the latest.

Percentages are of the points counted; a change is post minus pre, in percentage points (and in
points when both were out of the same points).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

SKILLS = ("attribution", "hedging", "loaded wording", "framing")
COLUMNS = ["part", "name", "pre_score", "pre_max", "pre_percent", "post_score", "post_max", "post_percent",
           "change_score", "change_percent", "students_pre", "students_post", "note"]


@dataclass
class Result:
    """One student's counted submission of one assessment: points per skill as (earned, out of, waiting)."""

    student: str
    file: str
    skills: dict[str, list]
    flags: list[str]

    @property
    def earned(self) -> float:
        return round(sum(s[0] for s in self.skills.values()), 2)

    @property
    def out_of(self) -> float:
        return round(sum(s[1] for s in self.skills.values()), 2)

    @property
    def waiting(self) -> int:
        return sum(s[2] for s in self.skills.values())


@dataclass
class Summary:
    """The tables of a class summary: ``skills``, ``totals`` and ``students`` rows (dicts with
    :data:`COLUMNS`), what was not counted, and how many written answers wait for the teacher."""

    pre: str
    post: str
    skills: list[dict] = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)
    students: list[dict] = field(default_factory=list)
    not_counted: list[str] = field(default_factory=list)
    waiting: dict[str, int] = field(default_factory=dict)

    @property
    def both(self) -> int:
        return sum(1 for s in self.students if s["pre_max"] != "" and s["post_max"] != "")


def assessments(questions: dict[str, dict]) -> tuple[str, str] | None:
    """The assignments of the pre- and the post-assessment, or None if the keys lack either.

    >>> assessments({"00.1": {"assignment": "00", "assessment": "pre"}, "09.1": {"assignment": "09", "assessment": "post"}})
    ('00', '09')
    """
    found = {q.get("assessment"): q["assignment"] for q in questions.values() if q.get("assessment")}
    return (found["pre"], found["post"]) if "pre" in found and "post" in found else None


def _percent(earned: float, out_of: float):
    return round(100 * earned / out_of, 1) if out_of else ""


def _short_flags(flags: list[str]) -> str:
    """Flags for a note: the "not answered" ones in one list.

    >>> _short_flags(["09.2: not answered", "09.5: not answered", "09.3: answer cell deleted"])
    'not answered: 09.2, 09.5; 09.3: answer cell deleted'
    """
    blank = [f.split(":")[0] for f in flags if re.fullmatch(r"\d\d\.\d+: not answered", f)]
    other = [f for f in flags if not re.fullmatch(r"\d\d\.\d+: not answered", f)]
    return "; ".join(([f"not answered: {', '.join(blank)}"] if blank else []) + other)


def _result(row: dict, questions: list[dict]) -> Result:
    skills: dict[str, list] = {}
    for q in questions:
        part = skills.setdefault(q.get("skill") or "other", [0.0, 0.0, 0])
        value = row["scores"].get(q["id"], 0.0)
        if value is None:
            part[2] += 1
        else:
            part[0] += float(value)
            part[1] += float(q.get("points", 1))
    return Result(row["student_id"], row["file"], skills, list(row.get("flags", [])))


def _side(results: list[Result], skill: str | None = None) -> tuple[float, float, float, int, int]:
    """(mean earned, mean out of, percent, students counted, answers waiting) over these results."""
    parts = [(r.earned, r.out_of, r.waiting) if skill is None else tuple(r.skills.get(skill, (0.0, 0.0, 0)))
             for r in results]
    waiting = sum(p[2] for p in parts)
    parts = [p for p in parts if p[1]]
    if not parts:
        return "", "", "", 0, waiting
    earned, out_of = sum(p[0] for p in parts), sum(p[1] for p in parts)
    return round(earned / len(parts), 2), round(out_of / len(parts), 2), _percent(earned, out_of), len(parts), waiting


def _line(part: str, name: str, pre, post, note: str = "") -> dict:
    """A table row from the (mean earned, mean out of, percent, n, waiting) of each side."""
    change_percent = round(post[2] - pre[2], 1) if pre[2] != "" and post[2] != "" else ""
    same = pre[1] != "" and pre[1] == post[1]
    change_score = round(post[0] - pre[0], 2) if same else ""
    return {"part": part, "name": name, "pre_score": pre[0], "pre_max": pre[1], "pre_percent": pre[2],
            "post_score": post[0], "post_max": post[1], "post_percent": post[2], "change_score": change_score,
            "change_percent": change_percent, "students_pre": pre[3], "students_post": post[3], "note": note}


def _waiting_note(pre_waiting: int, post_waiting: int) -> str:
    parts = [f"{n} written answer{'s' if n != 1 else ''} in the {side} to be graded"
             for side, n in (("pre", pre_waiting), ("post", post_waiting)) if n]
    return "; ".join(parts) + (", not counted yet" if parts else "")


def summarise(rows: list[dict], questions: dict[str, dict]) -> Summary | None:
    """The class summary, or None when the rows do not hold both a pre- and a post-assessment.

    >>> qs = {"00.1": {"id": "00.1", "assignment": "00", "assessment": "pre", "skill": "hedging", "points": 2},
    ...       "09.1": {"id": "09.1", "assignment": "09", "assessment": "post", "skill": "hedging", "points": 2}}
    >>> def row(student, qid, score, status="ok"):
    ...     return {"student_id": student, "assignment": qid[:2], "file": f"{student}-{qid[:2]}.ipynb",
    ...             "status": status, "scores": {qid: score}, "flags": [], "timestamp": ""}
    >>> s = summarise([row("ann", "00.1", 1.0), row("ann", "09.1", 2.0), row("bo", "00.1", 0.0),
    ...                row("cy", "00.1", 2.0), row("cy", "09.1", 0.0, status="timeout")], qs)
    >>> [(r["name"], r["pre_percent"], r["post_percent"], r["change_percent"]) for r in s.skills]
    [('hedging', 50.0, 100.0, 50.0)]
    >>> [(r["name"], r["pre_score"], r["post_score"], r["change_score"], r["note"]) for r in s.students]
    [('ann', 1.0, 2.0, 1.0, ''), ('bo', 0.0, '', '', 'no post-assessment'), ('cy', 2.0, '', '', 'post not counted: timeout (cy-09.ipynb)')]
    >>> s.not_counted
    ['cy, 09 (post): timeout (cy-09.ipynb)']
    >>> summarise([row("ann", "00.1", 1.0), row("ann", "09.1", 2.0),
    ...            {**row("x", "00.1", 0.0, "unreadable: empty file"), "assignment": ""}], qs).not_counted
    ['x-00.ipynb: unreadable: empty file (not known which exercise)']
    >>> summarise([row("ann", "00.1", 1.0)], qs) is None
    True
    """
    which = assessments(questions)
    if which is None:
        return None
    pre, post = which
    if not any(r["assignment"] == pre for r in rows) or not any(r["assignment"] == post for r in rows):
        return None
    summary = Summary(pre, post)
    known = {q["assignment"] for q in questions.values()}
    for r in rows:  # a broken file whose exercise is not known may be one of them: say so
        if r["status"] != "ok" and r["assignment"] not in known:
            summary.not_counted.append(f"{r['file']}: {r['status']} (not known which exercise)")
    chosen: dict[str, dict[str, Result]] = {pre: {}, post: {}}
    notes: dict[str, list[str]] = {}
    for assignment, side in ((pre, "pre"), (post, "post")):
        own = [q for q in questions.values() if q["assignment"] == assignment]
        own.sort(key=lambda q: [int(x) for x in re.findall(r"\d+", q["id"])])
        mine = sorted((r for r in rows if r["assignment"] == assignment),
                      key=lambda r: (r["student_id"], str(r.get("timestamp", "")), r["file"]))
        by_student: dict[str, list[dict]] = {}
        for r in mine:
            by_student.setdefault(r["student_id"], []).append(r)
        for student, theirs in by_student.items():
            counted = [r for r in theirs if r["status"] == "ok"]
            for r in theirs:
                if r["status"] != "ok":
                    summary.not_counted.append(f"{student}, {assignment} ({side}): {r['status']} ({r['file']})")
            if not counted:
                notes.setdefault(student, []).append(
                    f"{side} not counted: " + "; ".join(f"{r['status']} ({r['file']})" for r in theirs))
                continue
            if len(counted) > 1:
                notes.setdefault(student, []).append(f"{side}: {len(counted)} submissions, the latest counted "
                                                     f"({counted[-1]['file']})")
            result = _result(counted[-1], own)
            chosen[assignment][student] = result
            if result.flags:
                notes.setdefault(student, []).append(f"{side} flagged: {_short_flags(result.flags)}")
            if result.waiting:
                notes.setdefault(student, []).append(f"{side}: {result.waiting} written answer"
                                                     f"{'s' if result.waiting != 1 else ''} to be graded")
    pres, posts = list(chosen[pre].values()), list(chosen[post].values())
    summary.waiting = {"pre": sum(r.waiting for r in pres), "post": sum(r.waiting for r in posts)}
    skills = [s for s in SKILLS if any(s in r.skills for r in pres + posts)]
    skills += sorted({s for r in pres + posts for s in r.skills} - set(SKILLS))
    for skill in skills:
        a, b = _side(pres, skill), _side(posts, skill)
        summary.skills.append(_line("skill", skill, a, b, _waiting_note(a[4], b[4])))
    summary.totals.append(_line("total", "all counted submissions", _side(pres), _side(posts),
                                _waiting_note(summary.waiting["pre"], summary.waiting["post"])))
    paired = sorted(set(chosen[pre]) & set(chosen[post]))
    summary.totals.append(_line("total", f"students who took both ({len(paired)})",
                                _side([chosen[pre][s] for s in paired]), _side([chosen[post][s] for s in paired])))
    for student in sorted(set(chosen[pre]) | set(chosen[post]) | set(notes)):
        a, b = chosen[pre].get(student), chosen[post].get(student)
        missing = [f"no {side}-assessment" for side, r, assignment in (("pre", a, pre), ("post", b, post))
                   if r is None and not any(n.startswith(f"{side} not counted") for n in notes.get(student, []))]
        summary.students.append(_line("student", student, _side([a] if a else []), _side([b] if b else []),
                                      "; ".join(missing + notes.get(student, []))))
    return summary


def summary_csv(summary: Summary) -> str:
    """The summary as CSV: the skill rows, the totals, then one row per student.

    >>> print(summary_csv(Summary("00", "09")))
    part,name,pre_score,pre_max,pre_percent,post_score,post_max,post_percent,change_score,change_percent,students_pre,students_post,note
    <BLANKLINE>
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for line in summary.skills + summary.totals + summary.students:
        writer.writerow(line)
    return buffer.getvalue()


def _signed(value) -> str:
    return "" if value == "" else f"{value:+g}"


def _pct(value) -> str:
    return "—" if value == "" else f"{value:g}%"


def summary_lines(summary: Summary) -> list[str]:
    """A few lines for the terminal: who took what, each skill's pre and post and the change, what was
    not counted and what waits for the teacher.

    >>> print("\\n".join(summary_lines(Summary("00", "09", not_counted=["cy, 09 (post): timeout (cy.ipynb)"]))))
    pre/post (00 → 09): 0 students took both, 0 only the pre, 0 only the post
      not counted (see the gradebook): cy, 09 (post): timeout (cy.ipynb)
    """
    only_pre = sum(1 for s in summary.students if s["pre_max"] != "" and s["post_max"] == "")
    only_post = sum(1 for s in summary.students if s["pre_max"] == "" and s["post_max"] != "")
    lines = [f"pre/post ({summary.pre} → {summary.post}): {summary.both} student{'s' if summary.both != 1 else ''} "
             f"took both, {only_pre} only the pre, {only_post} only the post"]
    for line in summary.skills + summary.totals:
        lines.append(f"  {line['name']:<32} pre {_pct(line['pre_percent']):>6}  post {_pct(line['post_percent']):>6}"
                     + (f"  change {_signed(line['change_percent'])}" if line["change_percent"] != "" else ""))
    if summary.not_counted:
        lines.append("  not counted (see the gradebook): " + "; ".join(summary.not_counted))
    waiting = sum(summary.waiting.values())
    if waiting:
        lines.append(f"  {waiting} written answer{'s' if waiting != 1 else ''} to be graded, not in these figures")
    return lines
