"""Questions and their keys, read from the solution notebooks (the single source).

A question is a code cell of ``solutions/NN-*.ipynb`` whose metadata holds ``medialit``:
``{"id": "03.2", "points": 2, "kind": "mark", "key": ...}``, optionally with the ``skill`` it tests; a
*mark* question may instead name its text and take its key from the gold annotations: ``"from_gold":
{"article": ..., "paragraph": ..., "kinds": [...]}``. A notebook whose own metadata says
``"assessment": "pre"`` (or ``"post"``) is a pre- or post-assessment: each of its questions carries that
word too. In a student release there are no solutions: the resolved keys ship as
``data/keys.bin``, compressed and scrambled so that they cannot be read as plain text.
"""
from __future__ import annotations

import base64
import json
import re
import zlib
from functools import lru_cache
from pathlib import Path

from ..text.resources import PACKAGE_DIR, data_dir

KINDS = ("mark", "classify", "numbers", "choice", "align", "rewrite", "reflect")
_SCRAMBLE = b"medialit: read the lessons, not the keys"


def repo_dir() -> Path:
    return PACKAGE_DIR.parents[1]


def solutions_dir() -> Path:
    return repo_dir() / "solutions"


def answer_variable(question_id: str) -> str:
    """The variable a student's answer goes in.

    >>> answer_variable("03.2"), answer_variable("bus-lane.1")
    ('answer_03_2', 'answer_bus_lane_1')
    """
    return "answer_" + re.sub(r"\W", "_", question_id)


def resolve(question: dict) -> dict:
    """Fill in a question's text and key from the gold annotations when it asks for them.

    ``from_gold`` names the set (a name under ``data/articles`` or a folder), the article, the paragraph
    and the kinds; ``"as"`` says what the key is: the spans to mark (the default), ``"source types"``
    (a classify key: each attribution's source and its type) or ``"named count"`` (how many of the
    paragraph's attributions name a person). ``from_claims`` (the set, an article and a passage) asks for
    the articles that leave that fact out. A key a teacher has not reviewed
    (:mod:`medialit.grading.review`) comes back with ``"reviewed": False``.
    """
    claim = question.get("from_claims")
    if claim:
        from .review import omission_key

        key, reviewed = omission_key(claim["set"], claim["article"], claim["passage"])
        return {**question, "key": key, "reviewed": reviewed}
    gold = question.get("from_gold")
    if not gold:
        return question
    from ..text.articles import load_articles
    from ..analysis.practice_text import practice
    from .review import key_reviewed

    article = load_articles(gold.get("set", "lukashenko-2023"))[gold["article"]]
    text, key, origin = practice(article, gold.get("paragraph"), kinds=tuple(gold["kinds"]))
    out = {**question, "text": text, "reviewed": origin == "gold" and key_reviewed(article, gold)}
    derived = gold.get("as", "spans")
    if derived == "source types":
        out["key"] = {s["source"]["text"]: s.get("source_type") or s["source"].get("type", "none")
                      for s in key if s["kind"] == "attribution" and s.get("source")}
    elif derived == "named count":
        out["key"] = {"value": sum(1 for s in key if s["kind"] == "attribution"
                                   and s.get("source_type") == "named person"), "tolerance": 0,
                      "hint": "Count the attributions in the paragraph whose source is a person the article names."}
    else:
        out["key"] = [{k: s[k] for k in ("start", "end", "kind", "text") if k in s} for s in key]
    return out


def questions_from_notebook(path: Path) -> list[dict]:
    """The questions of one solution notebook, in order, each with its assignment and answer variable
    (and ``assessment``: "pre" or "post", in an assessment).

    >>> [(q["id"], q["skill"], q["assessment"]) for q in questions_from_notebook(solutions_dir() / "00-pre-assessment.ipynb")][:2]
    [('00.1', 'attribution', 'pre'), ('00.2', 'attribution', 'pre')]
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    about = nb.get("metadata", {}).get("medialit", {})
    assignment = about.get("assignment") or Path(path).name[:2]
    out = []
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("medialit")
        if cell["cell_type"] == "code" and meta and meta.get("id"):
            question = resolve(dict(meta))
            question.setdefault("points", 1)
            question["assignment"] = assignment
            question["variable"] = answer_variable(question["id"])
            if about.get("assessment"):
                question["assessment"] = about["assessment"]
            out.append(question)
    return out


def questions_in(folder: Path, pattern: str = "*.ipynb") -> dict[str, dict]:
    """The questions of every solution notebook in ``folder`` that matches ``pattern``, by id, in file order."""
    found: dict[str, dict] = {}
    for path in sorted(Path(folder).glob(pattern)):
        for question in questions_from_notebook(path):
            found[question["id"]] = question
    return found


def scramble(data: bytes) -> bytes:
    """Compress and scramble (not encrypt) bytes; :func:`unscramble` reverses it.

    >>> unscramble(scramble(b"key"))
    b'key'
    """
    packed = zlib.compress(data, 9)
    mixed = bytes(b ^ _SCRAMBLE[i % len(_SCRAMBLE)] for i, b in enumerate(packed))
    return base64.b85encode(mixed)


def unscramble(blob: bytes) -> bytes:
    mixed = base64.b85decode(blob)
    return zlib.decompress(bytes(b ^ _SCRAMBLE[i % len(_SCRAMBLE)] for i, b in enumerate(mixed)))


_SETS: list[Path] = []  # article sets whose own exercises (``<set>/solutions/``) are in use


def use_set(folder: str | Path) -> None:
    """Add the questions of an article set's own exercise (``<set>/solutions/*.ipynb``, written by
    ``medialit assign --set``) to :func:`all_questions`.

    >>> use_set(solutions_dir())  # a folder without a solutions/ folder of its own adds nothing
    >>> "02.1" in all_questions()
    True
    """
    folder = Path(folder).resolve()
    if folder not in _SETS:
        _SETS.append(folder)
        all_questions.cache_clear()


def sets_in_use() -> list[Path]:
    """The article sets whose own exercises are in use (:func:`use_set`), in the order they were added."""
    return list(_SETS)


@lru_cache(maxsize=1)
def all_questions() -> dict[str, dict]:
    """Every question by id: from ``solutions/`` in a full checkout, else from ``data/keys.bin``; and
    the questions of every set in use (:func:`use_set`).

    >>> sorted(all_questions())[:3]
    ['00.1', '00.2', '00.3']
    """
    found: dict[str, dict] = {}
    folder = solutions_dir()
    if folder.is_dir() and any(folder.glob("*.ipynb")):
        found = questions_in(folder, "[0-9][0-9]-*.ipynb")
    elif (data_dir() / "keys.bin").exists():
        found = json.loads(unscramble((data_dir() / "keys.bin").read_bytes()))
    for set_folder in _SETS:
        found.update(set_questions(set_folder))
    return found


def set_questions(folder: str | Path) -> dict[str, dict]:
    """The questions of a set's own exercise, keys resolved: from ``<set>/solutions/`` on the teacher's
    machine, else from ``<set>/keys.bin`` (what students get, not readable as text).
    """
    folder = Path(folder)
    found = questions_in(folder / "solutions")
    if not found and (folder / SET_KEYS).exists():
        found = json.loads(unscramble((folder / SET_KEYS).read_bytes()))
    return found


SET_KEYS = "keys.bin"


def write_set_keys(folder: str | Path) -> Path:
    """Write ``<set>/keys.bin``: the set's questions with their current keys, scrambled, so that
    students' ``check()`` works without the solutions and annotations folders."""
    folder = Path(folder)
    questions = questions_in(folder / "solutions")
    target = folder / SET_KEYS
    target.write_bytes(scramble(json.dumps(questions, ensure_ascii=False).encode("utf-8")))
    return target


def question_order(question_id: str) -> list:
    """A sort key that puts question ids in their natural order ("02.10" after "02.9"; a set's own
    exercise, "bus-lane.2", after the numbered ones).

    >>> sorted(["02.10", "02.9", "bus-lane.2", "01.1"], key=question_order)
    ['01.1', '02.9', '02.10', 'bus-lane.2']
    """
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in question_id.split(".")]


def assignment_questions(assignment: str) -> list[dict]:
    """The questions of one assignment ("03"), in order.

    >>> [q["id"] for q in assignment_questions("03")][:2]
    ['03.1', '03.2']
    """
    return sorted((q for q in all_questions().values() if q["assignment"] == assignment),
                  key=lambda q: question_order(q["id"]))
