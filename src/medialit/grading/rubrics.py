"""Rubrics for the written (reflect) questions, kept as data in ``data/rubrics/NN.json``.

Each file holds the rubrics of one exercise, by question id::

    {"01.4": {"question": "Which article's opening sentence …?",
              "criteria": [{"criterion": "the choice and the reason",
                            "levels": [{"points": 2, "descriptor": "…"}, {"points": 1, …}, {"points": 0, …}]}],
              "examples": [{"points": 2, "answer": "…", "comment": "…"}, …],
              "intro": "…", "notes": ["…"]}}

A criterion's levels run from 0 to its top score, and the criteria's top scores add up to the
question's points. ``intro``, ``notes``, ``examples`` and an example's ``comment`` are optional; text
may use Markdown's ``**bold**``, ``*italics*`` and ```code```. The feedback pages show the criteria
next to each written answer (example answers only with ``--show-answers``), and the teacher notes'
rubric section is written from these files (``medialit rubrics --notes``). Like the keys, rubrics stay
out of the students' exercises, their release and the grading sandbox.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..text.resources import data_dir

BEGIN = "<!-- rubrics: written from data/rubrics/*.json by `medialit rubrics --notes`; edit those files, not this part -->"
END = "<!-- end of the rubrics -->"


class RubricError(ValueError):
    """A rubric file that cannot be read, or a rubric that does not fit its question."""


def rubrics_dir() -> Path:
    """Where the rubrics are.

    >>> rubrics_dir().name
    'rubrics'
    """
    return data_dir() / "rubrics"


def load_rubrics(folder: Path | None = None) -> dict[str, dict]:
    """Every rubric by question id, from the JSON files of ``folder`` (default: ``data/rubrics``).

    >>> load_rubrics()["03.5"]["criteria"][0]["levels"][0]["points"]
    2
    """
    found: dict[str, dict] = {}
    folder = Path(folder) if folder else rubrics_dir()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RubricError(f"{path.name}: not a readable JSON file ({error})") from None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise RubricError(f'{path.name}: write an object of rubrics by question id, {{"01.4": {{...}}}}')
        for qid, rubric in data.items():
            if qid in found:
                raise RubricError(f"{path.name}: question {qid} has a rubric in another file too")
            found[qid] = rubric
    return found


@lru_cache(maxsize=1)
def _kit_rubrics() -> dict[str, dict]:
    return load_rubrics()


def all_rubrics() -> dict[str, dict]:
    """The kit's rubrics (read once), or none where ``data/rubrics`` is not there (a student release); and
    those of every article set whose own exercise is in use (``<set>/rubrics/``, written by
    ``medialit assign --set``).

    >>> sorted(all_rubrics())[:2]
    ['00.7', '01.4']
    """
    from .keys import sets_in_use

    found = dict(_kit_rubrics())
    for folder in sets_in_use():
        found.update(load_rubrics(folder / "rubrics"))
    return found


def top_score(criterion: dict) -> int:
    """The most points a criterion gives.

    >>> top_score({"criterion": "x", "levels": [{"points": 0, "descriptor": "no"}, {"points": 1, "descriptor": "yes"}]})
    1
    """
    return max(level["points"] for level in criterion["levels"])


def rubric_problems(questions: dict[str, dict], rubrics: dict[str, dict]) -> list[str]:
    """What is wrong: a written question with no rubric, a rubric for no written question, levels that
    skip a score, criteria whose points do not add up to the question's.

    >>> rubric = {"criteria": [{"criterion": "x", "levels": [{"points": 2, "descriptor": "a"},
    ...                                                      {"points": 0, "descriptor": "c"}]}]}
    >>> rubric_problems({"01.4": {"kind": "reflect", "points": 2}, "01.5": {"kind": "reflect", "points": 1}},
    ...                 {"01.4": rubric, "01.9": rubric})
    ['01.4: criterion x has no level for 1 point(s)', '01.5: no rubric (add it to data/rubrics/01.json)', '01.9: a rubric for a question that is not a written one']
    """
    problems = []
    for qid in sorted(set(questions) | set(rubrics)):
        question, rubric = questions.get(qid), rubrics.get(qid)
        written = question is not None and question.get("kind") == "reflect"
        if rubric is None:
            if written:
                problems.append(f"{qid}: no rubric (add it to data/rubrics/{qid[:2]}.json)")
            continue
        if not written:
            problems.append(f"{qid}: a rubric for a question that is not a written one")
            continue
        criteria = rubric.get("criteria")
        if not isinstance(criteria, list) or not criteria:
            problems.append(f"{qid}: no criteria")
            continue
        try:
            for criterion in criteria:
                scores = sorted(level["points"] for level in criterion["levels"])
                if not all(isinstance(level["descriptor"], str) and level["descriptor"].strip()
                           for level in criterion["levels"]):
                    problems.append(f"{qid}: criterion {criterion['criterion']} has a level with no descriptor")
                for score in range(top_score(criterion) + 1):
                    if score not in scores:
                        problems.append(f"{qid}: criterion {criterion['criterion']} has no level for {score} point(s)")
                if len(scores) != len(set(scores)):
                    problems.append(f"{qid}: criterion {criterion['criterion']} has two levels with the same points")
            total = sum(top_score(c) for c in criteria)
            if total != question.get("points", 1):
                problems.append(f"{qid}: the criteria give {total} points, the question {question.get('points', 1)}")
            for example in rubric.get("examples", []):
                if not 0 <= example["points"] <= total:
                    problems.append(f"{qid}: an example answer with {example['points']} points")
        except (KeyError, TypeError, ValueError) as error:
            problems.append(f"{qid}: a criterion, level or example is missing {error} (see data/rubrics/README.md)")
    return problems


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _example(example: dict) -> str:
    return f'"{_cell(example["answer"])}"' + (f" ({_cell(example['comment'])})" if example.get("comment") else "")


def rubric_markdown(qid: str, rubric: dict, points: float) -> str:
    """A rubric as the teacher notes show it: the question, then a row per score (one criterion, with
    its example answers) or a row per criterion and level, then the example answers.

    >>> rubric = {"question": "Why?", "criteria": [{"criterion": "reason", "levels": [
    ...     {"points": 1, "descriptor": "gives one"}, {"points": 0, "descriptor": "does not"}]}],
    ...     "examples": [{"points": 1, "answer": "Because."}]}
    >>> print(rubric_markdown("01.4", rubric, 1))
    #### Rubric · 01.4 (1 point)
    <BLANKLINE>
    *Why?*
    <BLANKLINE>
    | points | descriptor | example answer |
    |---|---|---|
    | 1 | gives one | "Because." |
    | 0 | does not |  |
    """
    lines = [f"#### Rubric · {qid} ({points:g} point{'' if points == 1 else 's'})", ""]
    if rubric.get("question"):
        lines += [f"*{_cell(rubric['question'])}*", ""]
    if rubric.get("intro"):
        lines += [_cell(rubric["intro"]), ""]
    examples: dict[int, list[str]] = {}
    for example in rubric.get("examples", []):
        examples.setdefault(example["points"], []).append(_example(example))
    criteria = rubric["criteria"]
    if len(criteria) == 1:
        lines += ["| points | descriptor | example answer |", "|---|---|---|"]
        for level in sorted(criteria[0]["levels"], key=lambda level: -level["points"]):
            lines.append(f"| {level['points']} | {_cell(level['descriptor'])} | "
                         f"{' '.join(examples.get(level['points'], []))} |")
    else:
        lines += ["| criterion | points | descriptor |", "|---|---|---|"]
        for criterion in criteria:
            for level in sorted(criterion["levels"], key=lambda level: -level["points"]):
                lines.append(f"| {_cell(criterion['criterion'])} | {level['points']} | {_cell(level['descriptor'])} |")
        if examples:
            lines += ["", "| points | example answer |", "|---|---|"]
            lines += [f"| {score} | {' '.join(found)} |" for score, found in sorted(examples.items(), reverse=True)]
    for note in rubric.get("notes", []):
        lines += ["", _cell(note)]
    return "\n".join(lines)


def rubrics_markdown(questions: dict[str, dict], rubrics: dict[str, dict]) -> str:
    """Every written question's rubric, in question order, for the teacher notes.

    >>> from medialit.grading.keys import all_questions
    >>> rubrics_markdown(all_questions(), all_rubrics()).count("#### Rubric · ")
    8
    """
    order = sorted(rubrics, key=lambda i: [int(x) for x in re.findall(r"\d+", i)])
    return "\n\n".join(rubric_markdown(qid, rubrics[qid], float(questions.get(qid, {}).get("points", 0)))
                       for qid in order if qid in questions)


def notes_with_rubrics(notes: str, markdown: str) -> str:
    """The teacher notes with the part between the rubric markers replaced by ``markdown``.

    >>> notes_with_rubrics(f"Intro\\n{BEGIN}\\nold\\n{END}\\nMore", "new").splitlines()[1:4]
    ['<!-- rubrics: written from data/rubrics/*.json by `medialit rubrics --notes`; edit those files, not this part -->', '', 'new']
    """
    start, end = notes.find(BEGIN), notes.find(END)
    if start < 0 or end < start:
        raise RubricError(f"the teacher notes have no rubric markers: put {BEGIN!r} and {END!r} where the rubrics go")
    return notes[:start] + BEGIN + "\n\n" + markdown.strip("\n") + "\n\n" + notes[end:]
